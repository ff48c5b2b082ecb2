"""Programme pages through real requests: who may see and act, and the forms a coordinator submits."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.programmes import services
from reintegra.programmes.models import EnrolmentStatus as S
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.programmes.conftest import eligible, rural_woman
from tests.reads import read, reads_of


def detail(programme: Programme) -> str:
    return reverse("programmes:detail", args=[programme.pk])


def action(programme: Programme, enrolment_pk: int, name: str) -> str:
    return reverse("programmes:enrolment_action", args=[programme.pk, enrolment_pk, name])


@pytest.mark.django_db
def test_a_worker_of_another_organisation_gets_404_for_our_programme(
    mobile_programme: Programme, outsider: User, outsider_admin: User
) -> None:
    assert client_for(outsider).get(detail(mobile_programme)).status_code == 404
    response = client_for(outsider_admin).post(reverse("programmes:apply", args=[mobile_programme.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_worker_of_another_organisation_gets_404_for_an_action_on_our_enrolment(
    mobile_programme: Programme, coordinator: User, outsider_admin: User
) -> None:
    enrolment = eligible(mobile_programme, coordinator)

    response = client_for(outsider_admin).post(action(mobile_programme, enrolment.pk, "enrol"))

    assert response.status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == S.ELIGIBLE


@pytest.mark.django_db
def test_the_programme_list_shows_only_our_organisations_programmes(
    mobile_programme: Programme, outsider_admin: User, coordinator: User
) -> None:
    ours = client_for(coordinator).get(reverse("programmes:list"))
    theirs = client_for(outsider_admin).get(reverse("programmes:list"))

    assert mobile_programme.name in ours.content.decode()
    assert mobile_programme.name not in theirs.content.decode()


@pytest.mark.django_db
def test_a_caseworker_sees_the_programme_but_gets_no_actions(
    mobile_programme: Programme, coordinator: User, as_caseworker: Client
) -> None:
    enrolment = eligible(mobile_programme, coordinator)

    page = as_caseworker.get(detail(mobile_programme))
    refused = as_caseworker.post(action(mobile_programme, enrolment.pk, "enrol"))

    assert page.status_code == 200
    assert action(mobile_programme, enrolment.pk, "enrol") not in page.content.decode()
    assert refused.status_code == 403


@pytest.mark.django_db
def test_a_coordinator_creates_a_programme_from_a_template(
    organisation: Organisation, coordinator: User
) -> None:
    services.templates_load()
    today = timezone.localdate()

    response = client_for(coordinator).post(
        reverse("programmes:create"),
        {
            "template": "mobile-activation",
            "organisation": organisation.pk,
            "name": "MCAZ Zalesie 2026",
            "code": "mcaz-2026",
            "start_date": today.isoformat(),
            "end_date": today.replace(year=today.year + 1).isoformat(),
            "places": "3",
            "staff": [coordinator.pk],
        },
    )

    programme = Programme.objects.get(code="mcaz-2026")
    assert response.status_code == 302
    assert response["Location"] == detail(programme)
    assert [rule["kind"] for rule in programme.eligibility_rules] == [
        "sex_in",
        "rural_residence",
        "labour_status_in",
    ]


@pytest.mark.django_db
def test_a_programme_ending_before_it_starts_is_refused_with_a_message_on_the_end_field(
    organisation: Organisation, coordinator: User
) -> None:
    services.templates_load()

    response = client_for(coordinator).post(
        reverse("programmes:create"),
        {
            "template": "karnet15",
            "organisation": organisation.pk,
            "name": "Klub",
            "code": "klub",
            "start_date": "2026-05-01",
            "end_date": "2026-04-30",
            "places": "10",
        },
    )

    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    assert not Programme.objects.filter(code="klub").exists()


@pytest.mark.django_db
def test_a_coordinator_adds_assesses_and_enrols_an_applicant_through_the_forms(
    mobile_programme: Programme, coordinator: User
) -> None:
    client = client_for(coordinator)
    person = rural_woman(mobile_programme.organisation)

    client.post(reverse("programmes:apply", args=[mobile_programme.pk]), {"participant": person.pk})
    enrolment = mobile_programme.enrolments.get(participant=person)
    client.post(action(mobile_programme, enrolment.pk, "assess"))
    client.post(action(mobile_programme, enrolment.pk, "enrol"))

    enrolment.refresh_from_db()
    assert enrolment.status == S.ENROLLED
    page = client.get(detail(mobile_programme)).content.decode()
    assert str(person) in page


@pytest.mark.django_db
def test_leaving_through_the_form_offers_the_place_and_the_page_shows_the_rank_and_why(
    mobile_programme: Programme, coordinator: User
) -> None:
    client = client_for(coordinator)
    holders = [
        services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))
        for _ in range(2)
    ]
    waiting = services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))
    page = client.get(detail(mobile_programme))
    [ranked] = page.context["reserve"]
    assert (ranked.rank, ranked.enrolment.pk) == (1, waiting.pk)

    client.post(
        action(mobile_programme, holders[0].pk, "leave"),
        {"exit_reason": "employment", "left_on": timezone.localdate().isoformat()},
    )

    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    funnel = {
        status: count for status, _label, count in client.get(detail(mobile_programme)).context["funnel"]
    }
    assert funnel["offered"] == 1


@pytest.mark.django_db
def test_leaving_without_a_reason_is_refused_on_the_leave_page_naming_the_fields(
    mobile_programme: Programme, coordinator: User
) -> None:
    enrolment = services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))

    response = client_for(coordinator).post(action(mobile_programme, enrolment.pk, "leave"), {"left_on": ""})

    enrolment.refresh_from_db()
    assert enrolment.status == S.ENROLLED
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"exit_reason", "left_on"}


@pytest.mark.django_db
def test_an_illegal_step_is_explained_not_done(mobile_programme: Programme, coordinator: User) -> None:
    enrolment = services.enrolment_apply(
        actor=coordinator, programme=mobile_programme, participant=rural_woman(mobile_programme.organisation)
    )

    response = client_for(coordinator).post(action(mobile_programme, enrolment.pk, "enrol"), follow=True)

    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED
    assert any(m.level_tag == "error" for m in response.context["messages"])


@pytest.mark.django_db
def test_the_rules_form_previews_without_saving_then_saves(
    mobile_programme: Programme, coordinator: User
) -> None:
    client = client_for(coordinator)
    eligible(mobile_programme, coordinator, sex="man")
    url = reverse("programmes:rules", args=[mobile_programme.pk])
    widened = {"sexes": ["woman", "man"], "labour_statuses": ["unemployed"], "rural": "on"}

    preview = client.post(url, {**widened, "preview": "1"})
    mobile_programme.refresh_from_db()
    assert mobile_programme.eligibility_rules[0] == {"kind": "sex_in", "values": ["woman"]}
    assert preview.context["preview"].newly_admitted == 1

    client.post(url, {**widened, "save": "1"})
    mobile_programme.refresh_from_db()
    assert {"kind": "sex_in", "values": ["woman", "man"]} in mobile_programme.eligibility_rules


@pytest.mark.django_db
def test_groups_are_created_and_enrolled_people_assigned(
    mobile_programme: Programme, coordinator: User
) -> None:
    client = client_for(coordinator)
    enrolment = services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))

    client.post(reverse("programmes:group_create", args=[mobile_programme.pk]), {"name": "Grupa wiosenna"})
    group = mobile_programme.groups.get()
    client.post(action(mobile_programme, enrolment.pk, "group"), {"group": group.pk})

    enrolment.refresh_from_db()
    assert enrolment.group == group


@pytest.mark.django_db
def test_the_person_picker_finds_applicants_by_name_without_diacritics(
    mobile_programme: Programme, coordinator: User
) -> None:
    found = rural_woman(mobile_programme.organisation, first_name="Łucja", last_name="Żółkiewska")
    rural_woman(mobile_programme.organisation, first_name="Anna", last_name="Nowak")

    page = client_for(coordinator).get(detail(mobile_programme), {"applicant_q": "zolkiew"})

    listed = [label for key, label in page.context["applicant_form"].fields["participant"].choices if key]
    assert listed == [f"Żółkiewska Łucja ({found.birth_date:%Y-%m-%d})"]
    assert reads_of(coordinator) == read(found)  # the person the picker lists


@pytest.mark.django_db
def test_the_programme_page_logs_a_read_of_each_applicant_it_lists(
    mobile_programme: Programme, coordinator: User, caseworker: User
) -> None:
    applicants = [eligible(mobile_programme, coordinator).participant for _ in range(3)]

    client_for(caseworker).get(detail(mobile_programme))

    assert reads_of(caseworker) == read(*applicants)  # a case worker gets no person picker
