from django.urls import path

from reintegra.employers.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("demand/", views.demand, name="demand"),
    path("demand/export.<str:fmt>", views.demand_export, name="demand_export"),
    path("mine/", views.my_surveys, name="my_surveys"),
    path("<id:pk>/", views.round_detail, name="round_detail"),
    path("<id:pk>/send/", views.round_send, name="round_send"),
    path("<id:pk>/close/", views.round_close, name="round_close"),
    path("<id:pk>/next/", views.round_next, name="round_next"),
    path("<id:pk>/answer/", views.answer, name="answer"),
    path("<id:pk>/employers/<id:employer_pk>/", views.answer_by_phone, name="answer_by_phone"),
]
