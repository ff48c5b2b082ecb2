"""The stage roles and agreements of one partnership, under ``/partnership/<pk>/``."""

from django.urls import path

from reintegra.partnership.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("stages.<slug:fmt>", views.stage_roles_export, name="stage_roles_export"),
    path("members/<id:member_pk>/stages/", views.stage_roles_edit, name="stage_roles_edit"),
    path("agreements.<slug:fmt>", views.agreements_export, name="agreements_export"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<id:agreement_pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<id:agreement_pk>/edit/", views.agreement_edit, name="agreement_edit"),
]
