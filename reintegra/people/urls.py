from django.urls import path

from reintegra.people import views

app_name = "people"

urlpatterns = [
    path("", views.participant_list, name="participant_list"),
    path("export/<str:fmt>/", views.participant_export, name="participant_export"),
    path("new/", views.participant_create, name="participant_create"),
    path("<id:pk>/", views.participant_detail, name="participant_detail"),
    path("<id:pk>/edit/", views.participant_edit, name="participant_edit"),
    path("<id:pk>/consents/new/", views.consent_create, name="consent_create"),
    path("<id:pk>/consents/<id:consent_pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<id:pk>/family/new/", views.family_member_create, name="family_member_create"),
    path("<id:pk>/family/<id:member_pk>/edit/", views.family_member_edit, name="family_member_edit"),
    path("<id:pk>/family/<id:member_pk>/remove/", views.family_member_remove, name="family_member_remove"),
]
