from django.urls import path

from reintegra.outcomes.reach import views

app_name = "reach"

urlpatterns = [
    path("", views.programme_list, name="programmes"),
    path("<id:pk>/", views.reach_list, name="list"),
    path("<id:pk>/new/", views.reach_record, name="record"),
    path("<id:pk>/heard-from/", views.heard_from_record, name="heard_from"),
    path("<id:pk>/heard-from.<slug:fmt>", views.heard_from_export, name="heard_from_export"),
    path("<id:pk>/heard-from/<id:link_pk>/remove/", views.heard_from_remove, name="heard_from_remove"),
    path("<id:pk>/export.<slug:fmt>", views.reach_export, name="export"),
]
