from django.urls import path

from reintegra.outcomes.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.index, name="index"),
    path("organisation/<id:pk>/", views.organisation_dashboard, name="organisation"),
    path(
        "organisation/<id:pk>/<slug:table>.<slug:fmt>", views.organisation_export, name="organisation_export"
    ),
    path("programme/<id:pk>/", views.programme_dashboard, name="programme"),
    path("programme/<id:pk>/<slug:table>.<slug:fmt>", views.programme_export, name="programme_export"),
]
