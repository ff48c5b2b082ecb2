from django.urls import path

from reintegra.outcomes.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report, name="report"),
    path("report.<slug:fmt>", views.report_export, name="report_export"),
    path("definitions/", views.definition_list, name="definitions"),
    path("completeness/", views.completeness, name="completeness"),
    path("completeness.<slug:fmt>", views.completeness_export, name="completeness_export"),
]
