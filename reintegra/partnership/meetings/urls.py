"""A partnership's meetings, action items, workshop ideas and study visits; included by
``partnership/urls.py`` under ``<id:pk>/meetings/``, so every view gets the partnership's ``pk``."""

from django.urls import path

from reintegra.partnership.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("<id:meeting_pk>/", views.meeting_detail, name="detail"),
    path("<id:meeting_pk>/edit/", views.meeting_edit, name="edit"),
    path("<id:meeting_pk>/held/", views.meeting_hold, name="hold"),
    path("<id:meeting_pk>/attendance/", views.meeting_attendance, name="attendance"),
    path("<id:meeting_pk>/minutes/", views.meeting_minutes, name="minutes"),
    path("<id:meeting_pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("<id:meeting_pk>/decisions/new/", views.decision_add, name="decision_add"),
    path("<id:meeting_pk>/actions/new/", views.action_raise, name="action_raise"),
    path("actions/", views.action_list, name="actions"),
    path("actions/export/<str:fmt>/", views.action_export, name="action_export"),
    path("actions/<id:action_pk>/close/", views.action_close, name="action_close"),
]
