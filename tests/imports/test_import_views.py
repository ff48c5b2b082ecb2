from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import reverse

from reintegra.accounts.context_processors import nav_links
from reintegra.accounts.models import Organisation, Role, User
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, Programme
from tests.conftest import client_for
from tests.factories import member
from tests.imports.conftest import as_csv, as_xlsx, rows

pytestmark = pytest.mark.django_db


def upload(
    user: User, programme: Programme, raw: bytes, name: str = "lista.csv", dry_run: bool = False
) -> HttpResponse:
    data: dict[str, object] = {"file": SimpleUploadedFile(name, raw)}
    if dry_run:
        data["dry_run"] = "on"
    url = reverse("imports:participants_upload", args=[programme.pk])
    return client_for(user).post(url, data, HTTP_ACCEPT_LANGUAGE="en")


def test_a_coordinator_finds_the_import_in_the_navigation_and_sees_their_programmes(
    programme: Programme, coordinator: User
) -> None:
    response = client_for(coordinator).get(reverse("imports:start"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert (reverse("imports:start"), "Import") in [
        (link.url, str(link.label)) for link in nav_links(response.context["nav_items"])
    ]
    assert programme.name in response.text


def test_a_coordinator_imports_a_file_through_the_page(programme: Programme, coordinator: User) -> None:
    response = upload(coordinator, programme, as_csv(rows(3)))

    assert response.status_code == 200
    assert "Imported 3 rows" in response.text
    assert Enrolment.objects.filter(programme=programme).count() == 3
    assert set(Participant.objects.values_list("created_by", flat=True)) == {coordinator.pk}


def test_an_xlsx_upload_works_too(programme: Programme, coordinator: User) -> None:
    response = upload(coordinator, programme, as_xlsx(rows(2)), name="lista.xlsx")

    assert "Imported 2 rows" in response.text
    assert Participant.objects.count() == 2


def test_the_page_lists_the_bad_rows_and_a_dry_run_writes_nothing(
    programme: Programme, coordinator: User
) -> None:
    table = rows(3)
    table[2][4] = "1234567"

    response = upload(coordinator, programme, as_csv(table), dry_run=True)

    assert response.status_code == 200
    problems = response.context["problems"]
    assert [(problem.line, problem.column) for problem in problems] == [(4, "teryt_gminy")]
    assert "1234567" in response.text
    assert Participant.objects.count() == 0


def test_a_coordinator_of_another_organisation_cannot_import_into_our_programme(
    programme: Programme, other_organisation: Organisation
) -> None:
    stranger = member(other_organisation, Role.COORDINATOR, username="obcy.koordynator")

    response = upload(stranger, programme, as_csv(rows(1)))

    assert response.status_code == 404
    assert Participant.objects.count() == 0
    assert programme.name not in client_for(stranger).get(reverse("imports:start")).text


def test_a_caseworker_may_not_import(programme: Programme, caseworker: User) -> None:
    assert upload(caseworker, programme, as_csv(rows(1))).status_code == 403


def test_the_upload_page_offers_a_dry_run_ticked_by_default(programme: Programme, coordinator: User) -> None:
    url = reverse("imports:participants_upload", args=[programme.pk])

    response = client_for(coordinator).get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert response.context["form"]["dry_run"].value() is True
