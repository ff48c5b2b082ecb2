"""The employers app's pages; each part (placements, fairs, surveys, matching) includes its own."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "employers"

urlpatterns: list[URLPattern | URLResolver] = [
    path("matching/", include("reintegra.employers.matching.urls")),
    path("fairs/", include("reintegra.employers.fairs.urls")),
    path("surveys/", include("reintegra.employers.surveys.urls")),
]
