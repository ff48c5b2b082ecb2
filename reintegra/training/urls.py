from django.urls import path

from reintegra.training import views

app_name = "training"

urlpatterns = [
    path("", views.training_list, name="training_list"),
    path("export.<slug:fmt>", views.training_list_export, name="training_list_export"),
    path("new/", views.training_create, name="training_create"),
    path("mine/", views.my_trainings, name="my_trainings"),
    path("<id:pk>/", views.training_detail, name="training_detail"),
    path("<id:pk>/modules/new/", views.module_add, name="module_add"),
    path("<id:pk>/sessions/new/", views.session_add, name="session_add"),
    path("<id:pk>/complete/", views.completion_record, name="completion_record"),
    path("<id:pk>/completions.<slug:fmt>", views.completions_export, name="completions_export"),
    path("sessions/<id:pk>/", views.attendance, name="attendance"),
    path("certificates/<id:pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("supervision/", views.supervision_list, name="supervision_list"),
    path("supervision/new/", views.supervision_create, name="supervision_create"),
    path("supervision/export.<slug:fmt>", views.supervision_export, name="supervision_export"),
    path("requirements/<id:pk>/", views.requirements, name="requirements"),
    path(
        "requirements/<id:pk>/<id:requirement_pk>/remove/",
        views.requirement_remove,
        name="requirement_remove",
    ),
]
