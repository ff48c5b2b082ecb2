from django.urls import path, re_path

from reintegra.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.entry_export, name="entry_export"),
]
