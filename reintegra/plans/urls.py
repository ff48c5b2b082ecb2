"""Mounted under ``casework/`` beside casework's own pages, at the paths plans always had."""

from django.urls import path

from reintegra.plans import views

app_name = "plans"

urlpatterns = [
    path("participant/<id:pk>/plans/", views.plans, name="plans"),
    path("plans/<id:plan_pk>/", views.plan_detail, name="plan_detail"),
    path("groups/", views.groups, name="groups"),
    path("groups/<id:group_pk>/plans/", views.group_plans, name="group_plans"),
    path("plans/<id:plan_pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<id:plan_pk>/sign/", views.plan_sign, name="plan_sign"),
    path("plans/<id:plan_pk>/move/", views.plan_move, name="plan_move"),
    path("plans/<id:plan_pk>/pdf/", views.plan_pdf, name="plan_pdf"),
]
