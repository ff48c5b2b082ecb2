from django.urls import path

from reintegra.employers.matching import views

app_name = "matching"

urlpatterns = [
    path("participants/<id:pk>/", views.participant_matches, name="participant_matches"),
    path("participants/<id:pk>/profile/", views.job_profile_edit, name="job_profile_edit"),
    path("participants/<id:pk>/offers/<id:offer_pk>/override/", views.override_set, name="override_set"),
    path("offers/<id:pk>/", views.offer_matches, name="offer_matches"),
    path("overrides/<id:pk>/remove/", views.override_remove, name="override_remove"),
]
