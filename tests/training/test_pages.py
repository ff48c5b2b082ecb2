"""The training pages: a coordinator sets a training up, marks who came, records completions
(the refusal shown on the form) and prints the certificate; every staff member sees their own
record; supervision; a programme's required training. Another organisation's worker gets 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.accounts.models import Organisation, Role, User
from reintegra.programmes.models import Programme
from reintegra.training import services
from reintegra.training.models import (
    Completion,
    SupervisionSession,
    Training,
    TrainingRequirement,
    TrainingSession,
)
from tests.conftest import client_for
from tests.factories import member
from tests.pdf import pdf_text
from tests.training.conftest import attend, complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(training: Training, sessions: list[TrainingSession], trainee: User) -> Completion:
    attend(sessions, trainee)
    complete(training, trainee)
    return Completion.objects.get()


def test_a_coordinator_sets_up_a_training_with_a_module_and_a_session(
    coordinator: User, organisation: Organisation
) -> None:
    client = client_for(coordinator)

    response = client.post(reverse("training:training_create"), {"name": "Animator", "description": "002"})
    training = Training.objects.get()
    assert response.url == reverse("training:training_detail", args=[training.pk])
    client.post(
        reverse("training:module_add", args=[training.pk]), {"title": "IT", "topic": "IT", "hours": "16"}
    )
    module = training.modules.get()
    response = client.post(
        reverse("training:session_add", args=[training.pk]),
        {
            "module": module.pk,
            "starts_at": "2026-05-04T09:00",
            "ends_at": "2026-05-04T17:00",
            "trainer": "Jan Informatyk",
            "place": "Sala komputerowa",
        },
    )
    session = module.sessions.get()
    assert response.url == reverse("training:attendance", args=[session.pk])
    assert training.organisation == organisation
    page = client.get(reverse("training:training_detail", args=[training.pk])).content.decode()
    assert "Jan Informatyk" in page
    assert "16" in page


def test_a_session_that_ends_before_it_starts_is_refused_on_its_field(
    coordinator: User, training: Training
) -> None:
    response = client_for(coordinator).post(
        reverse("training:session_add", args=[training.pk]),
        {
            "module": training.modules.first().pk,  # type: ignore[union-attr]
            "starts_at": "2026-05-04T17:00",
            "ends_at": "2026-05-04T09:00",
            "trainer": "Jan",
        },
    )

    assert response.status_code == 200
    assert "ends_at" in response.context["form"].errors


def test_the_attendance_page_marks_who_was_present(
    coordinator: User, sessions: list[TrainingSession], trainee: User
) -> None:
    url = reverse("training:attendance", args=[sessions[0].pk])
    client = client_for(coordinator)
    assert "Anna Nowak" in client.get(url).content.decode()

    client.post(url, {"present": [str(trainee.pk)]})

    assert list(sessions[0].attendances.values_list("user", flat=True)) == [trainee.pk]
    client.post(url, {})
    assert not sessions[0].attendances.exists()


def test_a_completion_without_every_module_is_refused_on_the_form_naming_them(
    coordinator: User, training: Training, sessions: list[TrainingSession], trainee: User
) -> None:
    attend(sessions[:3], trainee)

    response = client_for(coordinator).post(
        reverse("training:completion_record", args=[training.pk]),
        {"user": trainee.pk, "completed_on": "2026-03-10"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["user"] == [
        "Anna Nowak nie ma jeszcze obecności na zajęciach każdego modułu; brakuje: „Podstawy psychologii”."
    ]
    assert not Completion.objects.exists()


def test_a_completion_is_recorded_and_listed_with_its_certificate(
    coordinator: User, training: Training, sessions: list[TrainingSession], trainee: User
) -> None:
    attend(sessions, trainee)
    client = client_for(coordinator)

    client.post(
        reverse("training:completion_record", args=[training.pk]),
        {"user": trainee.pk, "completed_on": "2026-03-10", "certificate_number": "AK/1"},
    )

    completion = Completion.objects.get()
    assert completion.certificate_number == "AK/1"
    assert (
        reverse("training:certificate_pdf", args=[completion.pk])
        in client.get(reverse("training:training_detail", args=[training.pk])).content.decode()
    )
    exported = client.get(reverse("training:completions_export", args=[training.pk, "csv"]))
    assert "AK/1" in exported.content.decode("utf-8-sig")


def test_the_certificate_names_the_person_training_modules_hours_date_number_and_organisation(
    certificate: Completion, trainee: User, organisation: Organisation
) -> None:
    response = client_for(trainee).get(reverse("training:certificate_pdf", args=[certificate.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    for expected in (
        "Anna Nowak",
        "Akompaniator",
        "Metoda Towarzyszenia",
        "Podstawy psychologii",
        "8,0",
        "2026/1",
    ):
        assert expected in text
    assert organisation.name in text
    assert "Razem 32,0" in text
    assert "10.3.2026" in text


def test_every_staff_member_sees_their_own_trainings(certificate: Completion, trainee: User) -> None:
    page = client_for(trainee).get(reverse("training:my_trainings")).content.decode()

    assert "Akompaniator" in page
    assert reverse("training:certificate_pdf", args=[certificate.pk]) in page
    assert "Metoda Towarzyszenia" in page


def test_a_caseworker_sees_the_trainings_but_does_not_set_them_up(
    caseworker: User, training: Training, sessions: list[TrainingSession]
) -> None:
    client = client_for(caseworker)

    assert client.get(reverse("training:training_detail", args=[training.pk])).status_code == 200
    assert client.get(reverse("training:training_create")).status_code == 403
    assert client.get(reverse("training:attendance", args=[sessions[0].pk])).status_code == 403


def test_the_trainings_list_is_exported_as_csv_and_xlsx(coordinator: User, training: Training) -> None:
    client = client_for(coordinator)

    csv = client.get(reverse("training:training_list_export", args=["csv"]))
    xlsx = client.get(reverse("training:training_list_export", args=["xlsx"]))

    assert "Akompaniator" in csv.content.decode("utf-8-sig")
    assert xlsx.content.startswith(b"PK")
    assert client.get(reverse("training:training_list_export", args=["pdf"])).status_code == 404


def test_a_supervision_is_recorded_with_the_staff_who_took_part(
    coordinator: User, caseworker: User, network: Programme
) -> None:
    client = client_for(coordinator)

    client.post(
        reverse("training:supervision_create"),
        {
            "programme": network.pk,
            "held_on": "2026-02-12",
            "supervisor": "Maria Superwizor",
            "topic": "Wypalenie zawodowe",
            "duration_minutes": "120",
            "staff": [caseworker.pk],
        },
    )

    supervision = SupervisionSession.objects.get()
    assert list(supervision.staff.all()) == [caseworker]
    assert "Wypalenie zawodowe" in client.get(reverse("training:supervision_list")).content.decode()
    assert (
        "Wypalenie zawodowe" in client_for(caseworker).get(reverse("training:my_trainings")).content.decode()
    )


def test_a_programmes_requirements_are_set_and_removed_after_a_confirmation(
    coordinator: User, network: Programme, training: Training
) -> None:
    client = client_for(coordinator)
    url = reverse("training:requirements", args=[network.pk])
    assert url in client.get(reverse("training:training_list")).content.decode()

    client.post(url, {"role": "akompaniator", "training": training.pk})
    requirement = TrainingRequirement.objects.get()
    remove = reverse("training:requirement_remove", args=[network.pk, requirement.pk])
    assert "Akompaniator" in client.get(url).content.decode()
    assert client.get(remove).status_code == 200
    assert TrainingRequirement.objects.exists()
    client.post(remove)

    assert not TrainingRequirement.objects.exists()


def test_another_organisations_training_is_not_offered_as_a_requirement(
    coordinator: User, network: Programme, other_organisation: Organisation
) -> None:
    theirs = services.training_create(actor=None, organisation=other_organisation, name="Ich szkolenie")

    response = client_for(coordinator).post(
        reverse("training:requirements", args=[network.pk]), {"role": "akompaniator", "training": theirs.pk}
    )

    assert "training" in response.context["form"].errors
    assert not TrainingRequirement.objects.exists()


def test_a_caseworker_sees_the_requirements_but_cannot_add_one(
    caseworker: User, network: Programme, training: Training
) -> None:
    url = reverse("training:requirements", args=[network.pk])
    client = client_for(caseworker)

    assert client.get(url).status_code == 200
    assert client.post(url, {"role": "akompaniator", "training": training.pk}).status_code == 404
    assert not TrainingRequirement.objects.exists()


def test_staff_training_is_in_the_programmes_group_of_the_navigation(coordinator: User) -> None:
    page = client_for(coordinator).get(reverse("training:training_list")).content.decode()

    assert reverse("training:training_list") in page


def test_another_organisations_worker_cannot_see_our_training(
    outsider: User,
    outsider_admin: User,
    training: Training,
    sessions: list[TrainingSession],
    certificate: Completion,
    network: Programme,
    coordinator: User,
    caseworker: User,
) -> None:
    supervision = services.supervision_record(
        actor=None,
        organisation=training.organisation,
        data=services.SupervisionData(
            held_on=date(2026, 2, 1), supervisor="S", topic="Nasza superwizja", duration_minutes=60
        ),
        staff=[caseworker],
    )
    requirement = services.requirement_add(
        actor=None, programme=network, role="akompaniator", training=training
    )
    for user in (outsider, outsider_admin):
        client: Client = client_for(user)
        for url in (
            reverse("training:training_detail", args=[training.pk]),
            reverse("training:module_add", args=[training.pk]),
            reverse("training:session_add", args=[training.pk]),
            reverse("training:completion_record", args=[training.pk]),
            reverse("training:completions_export", args=[training.pk, "csv"]),
            reverse("training:attendance", args=[sessions[0].pk]),
            reverse("training:certificate_pdf", args=[certificate.pk]),
            reverse("training:requirements", args=[network.pk]),
            reverse("training:requirement_remove", args=[network.pk, requirement.pk]),
        ):
            assert client.get(url).status_code in (403, 404), url
        assert client.get(reverse("training:certificate_pdf", args=[certificate.pk])).status_code == 404
        assert client.get(reverse("training:training_detail", args=[training.pk])).status_code == 404
        assert "Akompaniator" not in client.get(reverse("training:training_list")).content.decode()
        assert supervision.topic not in client.get(reverse("training:supervision_list")).content.decode()
        assert "Akompaniator" not in client.get(reverse("training:my_trainings")).content.decode()


def test_the_training_page_reads_the_same_number_of_queries_whatever_its_size(
    coordinator: User, organisation: Organisation, training: Training, sessions: list[TrainingSession]
) -> None:
    client = client_for(coordinator)
    url = reverse("training:training_detail", args=[training.pk])

    def queries() -> int:
        client.get(url)  # the session and caches settle
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = queries()
    for number in range(4):
        colleague = member(organisation, Role.CASE_WORKER, username=f"kolega{number}")
        attend(sessions, colleague)
        complete(training, colleague)

    assert queries() == small


@pytest.mark.parametrize("role", [Role.FUNDER, Role.EMPLOYER_CONTACT, Role.PARTICIPANT])
def test_my_trainings_is_for_staff_not_for_a_funder_an_employer_or_a_participant(
    organisation: Organisation, role: Role
) -> None:
    outsider = member(organisation, role, username=f"outsider-{role}")

    assert client_for(outsider).get(reverse("training:my_trainings")).status_code == 403
