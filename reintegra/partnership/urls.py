from django.urls import path

from reintegra.partnership import views

app_name = "partnership"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("new/", views.partnership_create, name="create"),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path("<int:pk>/edit/", views.partnership_edit, name="edit"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:member_pk>/role/", views.member_change_role, name="member_role"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("referrals/", views.referral_inbox, name="referral_inbox"),
    path("referrals/sent/", views.referral_sent, name="referral_sent"),
    path("referrals/new/<int:participant_pk>/", views.referral_create, name="referral_create"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/accept/", views.referral_accept, name="referral_accept"),
    path("referrals/<int:pk>/decline/", views.referral_decline, name="referral_decline"),
    path("referrals/<int:pk>/complete/", views.referral_complete, name="referral_complete"),
    path("referrals/<int:pk>/withdraw/", views.referral_withdraw, name="referral_withdraw"),
    path("referrals/<int:pk>/take-in/", views.referral_take_in, name="referral_take_in"),
    path("referrals/<int:pk>/link/", views.referral_link, name="referral_link"),
    path("referrals/<int:pk>/outcome/", views.referral_outcome, name="referral_outcome"),
]
