"""The outcomes app's pages; each part (exits, reports, dashboards, funder, evaluation) includes its
own with one ``path("<part>/", include(...))`` line here."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "outcomes"

urlpatterns: list[URLPattern | URLResolver] = [
    path("reports/", include("reintegra.outcomes.reports.urls")),
    path("evaluation/", include("reintegra.outcomes.evaluation.urls")),
    path("funder/", include("reintegra.outcomes.funder.urls")),
    path("dashboards/", include("reintegra.outcomes.dashboards.urls")),
    path("exits/", include("reintegra.outcomes.exits.urls")),
    path("reach/", include("reintegra.outcomes.reach.urls")),
    path("costs/", include("reintegra.outcomes.costs.urls")),
]
