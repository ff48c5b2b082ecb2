from django.urls import path

from reintegra.outcomes.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.report, name="report"),
    path("report.<slug:fmt>", views.report_export, name="report_export"),
    path("people/<id:participant_id>/", views.person, name="person"),
    path("enrolments/<id:pk>/<slug:moment>/", views.fill, name="fill"),
    path("mine/", views.own, name="own"),
    path("mine/<id:pk>/<slug:moment>/", views.own_fill, name="own_fill"),
]
