from django.urls import path

from reintegra.questionnaires import views

app_name = "questionnaires"

VERSION = "<id:pk>/versions/<id:version_pk>/"

urlpatterns = [
    path("", views.questionnaire_list, name="list"),
    path("new/", views.questionnaire_create, name="create"),
    path("<id:pk>/", views.questionnaire_detail, name="detail"),
    path("<id:pk>/new-version/", views.version_start_draft, name="version_start_draft"),
    path(VERSION, views.version_detail, name="version"),
    path(VERSION + "sections/new/", views.section_add, name="section_add"),
    path(VERSION + "questions/new/", views.question_add, name="question_add"),
    path(VERSION + "questions/<slug:key>/remove/", views.question_remove, name="question_remove"),
    path(VERSION + "scored/", views.version_scored, name="version_scored"),
    path(VERSION + "publish/", views.version_publish, name="version_publish"),
    path(VERSION + "retire/", views.version_retire, name="version_retire"),
    path("participant/<id:participant_id>/", views.participant_questionnaires, name="participant"),
    path("fill/<id:participant_id>/<id:version_id>/", views.fill, name="fill"),
    path("responses/<id:pk>/", views.response_detail, name="response"),
    path("responses/<id:pk>/print/", views.response_print, name="response_print"),
    path("responses/<id:pk>/edit/", views.response_edit, name="response_edit"),
]
