"""After a clean dry run the file is kept, and one click imports it without uploading it again."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, KeptImportFile, Programme
from tests.conftest import client_for
from tests.factories import ProgrammeFactory
from tests.imports.conftest import as_csv, rows
from tests.imports.test_import_views import upload

pytestmark = pytest.mark.django_db


def import_kept(user: User, programme: Programme, kept: KeptImportFile) -> HttpResponse:
    url = reverse("imports:participants_import_kept", args=[programme.pk, kept.pk])
    return client_for(user).post(url, HTTP_ACCEPT_LANGUAGE="en")


def test_a_clean_dry_run_keeps_the_file_and_offers_to_import_it(
    programme: Programme, coordinator: User
) -> None:
    response = upload(coordinator, programme, as_csv(rows(3)), dry_run=True)

    kept = KeptImportFile.objects.get()
    assert kept.uploaded_by == coordinator
    assert kept.programme == programme
    assert kept.name == "lista.csv"
    assert bytes(kept.content) == as_csv(rows(3))
    assert reverse("imports:participants_import_kept", args=[programme.pk, kept.pk]) in response.text
    assert Participant.objects.count() == 0


def test_one_click_imports_the_kept_file_and_links_to_the_people(
    programme: Programme, coordinator: User
) -> None:
    upload(coordinator, programme, as_csv(rows(2)), dry_run=True)
    kept = KeptImportFile.objects.get()

    response = import_kept(coordinator, programme, kept)

    assert response.status_code == 200
    assert "Imported 2 rows" in response.text
    assert Enrolment.objects.filter(programme=programme).count() == 2
    for person in Participant.objects.all():
        assert reverse("people:participant_detail", args=[person.pk]) in response.text
    assert not KeptImportFile.objects.exists()


def test_an_import_by_upload_links_to_the_people_too(programme: Programme, coordinator: User) -> None:
    response = upload(coordinator, programme, as_csv(rows(1)))

    person = Participant.objects.get()
    assert reverse("people:participant_detail", args=[person.pk]) in response.text


def test_a_second_click_imports_nothing_and_says_why(programme: Programme, coordinator: User) -> None:
    upload(coordinator, programme, as_csv(rows(2)), dry_run=True)
    kept = KeptImportFile.objects.get()
    import_kept(coordinator, programme, kept)

    response = import_kept(coordinator, programme, kept)

    assert "no longer kept" in response.text
    assert Enrolment.objects.filter(programme=programme).count() == 2


def test_a_file_with_problems_is_not_kept(programme: Programme, coordinator: User) -> None:
    table = rows(2)
    table[1][4] = "1234567"

    upload(coordinator, programme, as_csv(table), dry_run=True)

    assert not KeptImportFile.objects.exists()


def test_a_kept_file_expires(programme: Programme, coordinator: User) -> None:
    upload(coordinator, programme, as_csv(rows(1)), dry_run=True)
    kept = KeptImportFile.objects.get()

    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        response = import_kept(coordinator, programme, kept)

    assert "no longer kept" in response.text
    assert Participant.objects.count() == 0


def test_a_new_dry_run_replaces_the_users_earlier_file(programme: Programme, coordinator: User) -> None:
    upload(coordinator, programme, as_csv(rows(1)), dry_run=True)
    upload(coordinator, programme, as_csv(rows(2)), dry_run=True)

    assert KeptImportFile.objects.count() == 1
    assert bytes(KeptImportFile.objects.get().content) == as_csv(rows(2))


def test_only_the_user_who_checked_the_file_may_import_it(
    programme: Programme, coordinator: User, org_admin: User
) -> None:
    upload(coordinator, programme, as_csv(rows(1)), dry_run=True)
    kept = KeptImportFile.objects.get()

    response = import_kept(org_admin, programme, kept)

    assert "no longer kept" in response.text
    assert Participant.objects.count() == 0


def test_a_kept_file_imports_only_into_its_own_programme(programme: Programme, coordinator: User) -> None:
    other = ProgrammeFactory(organisation=programme.organisation, code="inny")
    upload(coordinator, programme, as_csv(rows(1)), dry_run=True)
    kept = KeptImportFile.objects.get()

    response = import_kept(coordinator, other, kept)

    assert "no longer kept" in response.text
    assert Participant.objects.count() == 0


def test_a_coordinator_of_another_organisation_cannot_use_our_kept_file(
    programme: Programme, coordinator: User, outsider_admin: User
) -> None:
    upload(coordinator, programme, as_csv(rows(1)), dry_run=True)
    kept = KeptImportFile.objects.get()

    assert import_kept(outsider_admin, programme, kept).status_code == 404
    assert KeptImportFile.objects.exists()


def test_the_import_of_a_kept_file_needs_a_post(programme: Programme, coordinator: User) -> None:
    upload(coordinator, programme, as_csv(rows(1)), dry_run=True)
    kept = KeptImportFile.objects.get()
    url = reverse("imports:participants_import_kept", args=[programme.pk, kept.pk])

    assert client_for(coordinator).get(url).status_code == 405


def test_expired_files_of_anyone_are_removed_when_a_file_is_checked(
    programme: Programme, coordinator: User, org_admin: User
) -> None:
    upload(org_admin, programme, as_csv(rows(1)), dry_run=True)

    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        upload(coordinator, programme, as_csv(rows(2)), dry_run=True)

    assert list(KeptImportFile.objects.values_list("uploaded_by", flat=True)) == [coordinator.pk]
