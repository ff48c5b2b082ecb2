from django.urls import path

from reintegra.employers.fairs import contest_views, views

app_name = "fairs"

urlpatterns = [
    path("", views.fair_list, name="fair_list"),
    path("new/", views.fair_create, name="fair_create"),
    path("<id:pk>/", views.fair_detail, name="fair_detail"),
    path("<id:pk>/edit/", views.fair_edit, name="fair_edit"),
    path("<id:pk>/stands/new/", views.stand_add, name="stand_add"),
    path("<id:pk>/invite/", views.guest_invite, name="guest_invite"),
    path("<id:pk>/door/", views.door, name="door"),
    path("<id:pk>/guests/<id:guest_pk>/", views.guest_detail, name="guest_detail"),
    path("<id:pk>/guests/<id:guest_pk>/interview/", views.interview_record, name="interview_record"),
    path("<id:pk>/guests/<id:guest_pk>/outcome/", views.outcome_record, name="outcome_record"),
    path("<id:pk>/summary/", views.fair_summary, name="fair_summary"),
    path("<id:pk>/summary.<slug:fmt>", views.fair_summary_export, name="fair_summary_export"),
    path("employer/", views.employer_fairs, name="employer_fairs"),
    path("employer/<id:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("contests/", contest_views.contest_list, name="contest_list"),
    path("contests/new/", contest_views.contest_create, name="contest_create"),
    path("contests/<id:pk>/", contest_views.contest_detail, name="contest_detail"),
    path("contests/<id:pk>/criteria/", contest_views.criterion_add, name="criterion_add"),
    path("contests/<id:pk>/jury/", contest_views.juror_add, name="juror_add"),
    path("contests/<id:pk>/nominate/", contest_views.nominate, name="nominate"),
    path("contests/<id:pk>/scores/", contest_views.score_sheet, name="score_sheet"),
    path("contests/<id:pk>/close/", contest_views.contest_close, name="contest_close"),
    path("contests/<id:pk>/publish/", contest_views.contest_publish, name="contest_publish"),
    path("contests/<id:pk>/result/", contest_views.contest_result, name="contest_result"),
]
