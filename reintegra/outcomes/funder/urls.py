from django.urls import path

from reintegra.outcomes.funder import views

app_name = "funder"

urlpatterns = [
    path("", views.funded_list, name="funded_list"),
    path("<id:pk>/", views.funded_report, name="funded_report"),
    path("<id:pk>/report.<slug:fmt>", views.funded_report_export, name="funded_report_export"),
    path("fundings/", views.funding_list, name="funding_list"),
    path("fundings/add/", views.funding_add, name="funding_add"),
    path("fundings/<id:pk>/<id:funding_pk>/remove/", views.funding_remove, name="funding_remove"),
    path("evaluation/<id:pk>/anonymised.<slug:fmt>", views.anonymised_export, name="anonymised_export"),
]
