from django.urls import path

from reintegra.casework import views

app_name = "casework"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("team/", views.team, name="team"),
    path("caseload/<slug:section>/", views.caseload_section, name="caseload_section"),
    path("team/<id:worker_pk>/", views.team_member_caseload, name="team_member"),
    path("team/<id:worker_pk>/<slug:section>/", views.team_member_section, name="team_member_section"),
    path("settings/<id:organisation_pk>/", views.settings_edit, name="settings"),
    path("participant/<id:pk>/meetings/", views.meetings, name="meetings"),
    path("participant/<id:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("participant/<id:pk>/services/", views.service_list, name="services"),
    path("participant/<id:pk>/case-workers/", views.assignments, name="assignments"),
    path(
        "participant/<id:pk>/case-workers/<id:assignment_pk>/reassign/",
        views.assignment_reassign,
        name="assignment_reassign",
    ),
    path(
        "participant/<id:pk>/case-workers/<id:assignment_pk>/end/",
        views.assignment_end,
        name="assignment_end",
    ),
    path("meetings/<id:meeting_pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<id:meeting_pk>/held/", views.meeting_mark_held, name="meeting_mark_held"),
    path("meetings/<id:meeting_pk>/steps/", views.next_step_add, name="next_step_add"),
    path("meetings/<id:meeting_pk>/steps/<id:step_pk>/", views.next_step_toggle, name="next_step_toggle"),
    path("services/<id:service_pk>/", views.service_detail, name="service_detail"),
    path("meetings/<id:meeting_pk>/pdf/", views.meeting_pdf, name="meeting_pdf"),
    path(
        "meetings/<id:meeting_pk>/steps/<id:step_pk>/to-plan/",
        views.next_step_to_plan,
        name="next_step_to_plan",
    ),
]
