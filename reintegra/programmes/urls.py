from django.urls import path

from reintegra.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<id:pk>/", views.programme_detail, name="detail"),
    path("<id:pk>/edit/", views.programme_edit, name="edit"),
    path("<id:pk>/rules/", views.programme_rules, name="rules"),
    path("<id:pk>/apply/", views.programme_apply, name="apply"),
    path("<id:pk>/groups/", views.group_create, name="group_create"),
    path("<id:pk>/staff/", views.staff_role_add, name="staff_role_add"),
    path("<id:pk>/staff/<id:role_pk>/remove/", views.staff_role_remove, name="staff_role_remove"),
    path("<id:pk>/assess/", views.enrolments_assess, name="enrolments_assess"),
    path(
        "<id:pk>/enrolments/<id:enrolment_pk>/<str:action>/",
        views.enrolment_action,
        name="enrolment_action",
    ),
]
