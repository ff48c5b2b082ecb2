from django.urls import path

from reintegra.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("venues/", views.venue_list, name="venue_list"),
    path("venues/new/", views.venue_create, name="venue_create"),
    path("venues/<id:pk>/", views.venue_detail, name="venue_detail"),
    path("venues/<id:pk>/edit/", views.venue_edit, name="venue_edit"),
    path("venues/<id:pk>/resources/", views.resource_add, name="resource_add"),
    path("venues/<id:pk>/book/", views.booking_create, name="booking_create"),
    path("venues/<id:pk>/visits/new/", views.visit_create, name="visit_create"),
    path("venues/<id:pk>/calendar/", views.venue_calendar, name="venue_calendar"),
    path("programmes/<id:pk>/sessions/new/", views.session_create, name="session_create"),
    path("programmes/<id:pk>/calendar/", views.programme_calendar, name="programme_calendar"),
    path("programmes/<id:pk>/attendance/", views.programme_attendance, name="programme_attendance"),
    path("programmes/<id:pk>/votes/", views.voting_rounds, name="voting_rounds"),
    path("votes/<id:pk>/", views.voting_round, name="voting_round"),
    path("votes/<id:pk>/proposals/", views.proposal_create, name="proposal_create"),
    path("votes/<id:pk>/proposals/<id:proposal_pk>/vote/", views.vote, name="vote"),
    path("votes/<id:pk>/accept/", views.voting_round_accept, name="voting_round_accept"),
    path("sessions/<id:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<id:pk>/attendance/", views.attendance, name="attendance"),
    path("sessions/<id:pk>/attendance.pdf", views.attendance_pdf, name="attendance_pdf"),
    path("calendar/", views.my_calendar, name="my_calendar"),
    path("calendar/workers/<id:pk>/", views.worker_calendar, name="worker_calendar"),
    path("calendar/<str:scope>/<id:pk>/feed/", views.feed_create, name="feed_create"),
    path("feeds/<id:pk>/revoke/", views.feed_revoke, name="feed_revoke"),
    path("feed/<slug:token>.ics", views.feed, name="feed"),
]
