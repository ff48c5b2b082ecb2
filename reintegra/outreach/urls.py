from django.urls import path

from reintegra.outreach import views

app_name = "outreach"

urlpatterns = [
    path("", views.team_list, name="team_list"),
    path("export/<str:fmt>/", views.team_export, name="team_export"),
    path("new/", views.team_create, name="team_create"),
    path("teams/<id:pk>/", views.team_detail, name="team_detail"),
    path("teams/<id:pk>/edit/", views.team_edit, name="team_edit"),
    path("teams/<id:pk>/members/", views.members_edit, name="members_edit"),
    path("teams/<id:pk>/days/", views.days_edit, name="days_edit"),
    path("teams/<id:pk>/locations/", views.locations_edit, name="locations_edit"),
    path("teams/<id:pk>/plan/", views.plan_create, name="plan_create"),
    path("teams/<id:pk>/calendar/", views.team_calendar, name="team_calendar"),
    path("plans/<id:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<id:pk>/accept/", views.plan_accept, name="plan_accept"),
]
