from django.urls import path

from reintegra.programmes.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_start, name="start"),
    path("help/", views.import_help, name="help"),
    path("template.<str:fmt>", views.import_template, name="template"),
    path("programmes/<id:pk>/participants/", views.participants_upload, name="participants_upload"),
    path(
        "programmes/<id:pk>/participants/kept/<id:kept_id>/",
        views.participants_import_kept_file,
        name="participants_import_kept",
    ),
]
