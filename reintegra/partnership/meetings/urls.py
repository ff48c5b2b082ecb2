"""A partnership's meetings, action items, workshop ideas and study visits; included by
``partnership/urls.py`` under ``<id:pk>/meetings/``, so every view gets the partnership's ``pk``."""

from django.urls import path

from reintegra.partnership.meetings import idea_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("export/<str:fmt>/", views.meeting_export, name="export"),
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
    path("ideas/", idea_views.idea_list, name="ideas"),
    path("ideas/export/<str:fmt>/", idea_views.idea_export, name="idea_export"),
    path("ideas/new/", idea_views.idea_create, name="idea_create"),
    path("ideas/<id:idea_pk>/", idea_views.idea_detail, name="idea_detail"),
    path("ideas/<id:idea_pk>/edit/", idea_views.idea_edit, name="idea_edit"),
    path("ideas/<id:idea_pk>/step/", idea_views.idea_move, name="idea_move"),
    path("visits/", idea_views.visit_list, name="visits"),
    path("visits/export/<str:fmt>/", idea_views.visit_export, name="visit_export"),
    path("visits/new/", idea_views.visit_create, name="visit_create"),
    path("visits/<id:visit_pk>/edit/", idea_views.visit_edit, name="visit_edit"),
]
