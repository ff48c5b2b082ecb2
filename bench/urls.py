"""The project's URLs plus the baseline: a bare view behind the same middleware and log-in."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from reintegra.accounts.policy import authenticated


@authenticated
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("reintegra.urls")),
]
