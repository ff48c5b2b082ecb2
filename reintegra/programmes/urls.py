from django.urls import path

from reintegra.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/edit/", views.programme_edit, name="edit"),
    path("<int:pk>/rules/", views.programme_rules, name="rules"),
    path("<int:pk>/apply/", views.programme_apply, name="apply"),
    path("<int:pk>/groups/", views.group_create, name="group_create"),
    path("<int:pk>/assess/", views.enrolments_assess, name="enrolments_assess"),
    path(
        "<int:pk>/enrolments/<int:enrolment_pk>/<str:action>/",
        views.enrolment_action,
        name="enrolment_action",
    ),
]
