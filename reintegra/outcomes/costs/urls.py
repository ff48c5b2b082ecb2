from django.urls import path

from reintegra.outcomes.costs import views

app_name = "costs"

urlpatterns = [
    path("", views.programme_list, name="programmes"),
    path("<id:pk>/", views.cost_list, name="list"),
    path("<id:pk>/new/", views.cost_record, name="record"),
    path("<id:pk>/export.<slug:fmt>", views.cost_export, name="export"),
    path("cost/<id:pk>/correct/", views.cost_correct, name="correct"),
    path("cost/<id:pk>/remove/", views.cost_remove, name="remove"),
]
