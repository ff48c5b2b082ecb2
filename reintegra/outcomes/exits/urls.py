from django.urls import path, re_path

from reintegra.outcomes.exits import views

app_name = "exits"

urlpatterns = [
    path("enrolments/<id:pk>/", views.exit_detail, name="detail"),
    path("enrolments/<id:pk>/record/", views.exit_record, name="record"),
    path("follow-ups/", views.follow_ups_due, name="follow_ups_due"),
    re_path(
        r"^follow-ups/export\.(?P<fmt>csv|xlsx)$", views.follow_ups_due_export, name="follow_ups_due_export"
    ),
    path("follow-ups/<id:pk>/", views.follow_up_record, name="follow_up_record"),
]
