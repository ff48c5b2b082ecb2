from django.urls import path

from reintegra.programmes.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_start, name="start"),
    path("programmes/<id:pk>/participants/", views.participants_upload, name="participants_upload"),
]
