"""Mounted under ``casework/`` beside casework's own pages, at the paths plans always had."""

from django.urls import path

from reintegra.plans import views

app_name = "plans"

urlpatterns = [
    path("participant/<int:pk>/plans/", views.plans, name="plans"),
    path("plans/<int:plan_pk>/", views.plan_detail, name="plan_detail"),
    path("groups/", views.groups, name="groups"),
    path("groups/<int:group_pk>/plans/", views.group_plans, name="group_plans"),
    path("plans/<int:plan_pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:plan_pk>/sign/", views.plan_sign, name="plan_sign"),
    path("plans/<int:plan_pk>/move/", views.plan_move, name="plan_move"),
    path("plans/<int:plan_pk>/pdf/", views.plan_pdf, name="plan_pdf"),
]
