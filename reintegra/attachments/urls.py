from django.urls import path

from reintegra.attachments import views

app_name = "attachments"

urlpatterns = [
    path("<slug:kind>/<id:owner_pk>/new/", views.attachment_upload, name="upload"),
    path("<id:pk>/", views.attachment_download, name="download"),
    path("<id:pk>/remove/", views.attachment_remove, name="remove"),
]
