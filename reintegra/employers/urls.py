"""The employers app's pages; each part (placements, fairs, surveys, matching) includes its own
with one ``path("<part>/", include(...))`` line at the end."""

from django.urls import URLPattern, URLResolver, path

from reintegra.employers import views

app_name = "employers"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.employer_list, name="employer_list"),
    path("export/<str:fmt>/", views.employer_export, name="employer_export"),
    path("new/", views.employer_create, name="employer_create"),
    path("<id:pk>/", views.employer_detail, name="employer_detail"),
    path("<id:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("<id:pk>/sites/new/", views.site_create, name="site_create"),
    path("<id:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path("sites/<id:pk>/edit/", views.site_edit, name="site_edit"),
]
