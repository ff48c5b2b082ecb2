from django.urls import path

from reintegra.casework import views

app_name = "casework"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("team/", views.team, name="team"),
    path("caseload/<slug:section>/", views.caseload_section, name="caseload_section"),
    path("team/<int:worker_pk>/", views.team_member_caseload, name="team_member"),
    path("team/<int:worker_pk>/<slug:section>/", views.team_member_section, name="team_member_section"),
    path("settings/<int:organisation_pk>/", views.settings_edit, name="settings"),
    path("participant/<int:pk>/meetings/", views.meetings, name="meetings"),
    path("participant/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("participant/<int:pk>/services/", views.service_list, name="services"),
    path("participant/<int:pk>/case-workers/", views.assignments, name="assignments"),
    path(
        "participant/<int:pk>/case-workers/<int:assignment_pk>/reassign/",
        views.assignment_reassign,
        name="assignment_reassign",
    ),
    path(
        "participant/<int:pk>/case-workers/<int:assignment_pk>/end/",
        views.assignment_end,
        name="assignment_end",
    ),
    path("meetings/<int:meeting_pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_pk>/held/", views.meeting_mark_held, name="meeting_mark_held"),
    path("meetings/<int:meeting_pk>/steps/", views.next_step_add, name="next_step_add"),
    path("meetings/<int:meeting_pk>/steps/<int:step_pk>/", views.next_step_toggle, name="next_step_toggle"),
    path("services/<int:service_pk>/", views.service_detail, name="service_detail"),
    path("meetings/<int:meeting_pk>/pdf/", views.meeting_pdf, name="meeting_pdf"),
    path(
        "meetings/<int:meeting_pk>/steps/<int:step_pk>/to-plan/",
        views.next_step_to_plan,
        name="next_step_to_plan",
    ),
]
