from django.urls import URLPattern, URLResolver, include, path

from reintegra.partnership import views

app_name = "partnership"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.partnership_list, name="list"),
    path("new/", views.partnership_create, name="create"),
    path("<id:pk>/", views.partnership_detail, name="detail"),
    path("<id:pk>/edit/", views.partnership_edit, name="edit"),
    path("<id:pk>/members/", views.member_add, name="member_add"),
    path("<id:pk>/members/<id:member_pk>/role/", views.member_change_role, name="member_role"),
    path("<id:pk>/members/<id:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("<id:pk>/meetings/", include("reintegra.partnership.meetings.urls")),
    path("referrals/", views.referral_inbox, name="referral_inbox"),
    path("referrals/sent/", views.referral_sent, name="referral_sent"),
    path("referrals/new/<id:participant_pk>/", views.referral_create, name="referral_create"),
    path("referrals/<id:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<id:pk>/accept/", views.referral_accept, name="referral_accept"),
    path("referrals/<id:pk>/decline/", views.referral_decline, name="referral_decline"),
    path("referrals/<id:pk>/complete/", views.referral_complete, name="referral_complete"),
    path("referrals/<id:pk>/withdraw/", views.referral_withdraw, name="referral_withdraw"),
    path("referrals/<id:pk>/take-in/", views.referral_take_in, name="referral_take_in"),
    path("referrals/<id:pk>/link/", views.referral_link, name="referral_link"),
    path("referrals/<id:pk>/outcome/", views.referral_outcome, name="referral_outcome"),
    # Stage roles and agreements.
    path("<id:pk>/", include("reintegra.partnership.cooperation.urls")),
]
