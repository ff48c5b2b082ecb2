from django.urls import path

from reintegra.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<id:pk>/read/", views.notification_mark_read, name="mark_read"),
]
