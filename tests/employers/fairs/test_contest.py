"""The CSR employer contest: criteria, jury, nominations, scores, closing, the result — and who
sees it: the organiser's staff at any time, another organisation never, an employer once published."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reintegra.accounts.models import Organisation, Role, User
from reintegra.employers.fairs import contest as services
from reintegra.employers.fairs import selectors
from reintegra.employers.models import Contest, ContestStatus, Employer, Nomination, Score
from tests.conftest import client_for
from tests.employers.fairs.conftest import employer_kept_by
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest(organisation: Organisation, coordinator: User) -> Contest:
    contest = services.contest_create(
        actor=coordinator, organisation=organisation, year=2026, title="Pracodawca odpowiedzialny społecznie"
    )
    services.criterion_add(
        actor=coordinator,
        contest=contest,
        data=services.CriterionData(name="Zatrudnianie uczestników CIS", weight=Decimal(2)),
    )
    services.criterion_add(
        actor=coordinator,
        contest=contest,
        data=services.CriterionData(name="Staże i mentoring", weight=Decimal(1), scale_min=1, scale_max=10),
    )
    return contest


@pytest.fixture
def jurors(contest: Contest, coordinator: User, caseworker: User) -> list[User]:
    for juror in (coordinator, caseworker):
        services.juror_add(actor=coordinator, contest=contest, juror=juror)
    return [coordinator, caseworker]


@pytest.fixture
def nominations(
    contest: Contest, caseworker: User, bakery: Employer, organisation: Organisation
) -> list[Nomination]:
    shop = employer_kept_by(organisation, "Sklep Ala")
    return [
        services.nomination_create(
            actor=caseworker, contest=contest, employer=employer, justification="Przyjmuje naszych stażystów."
        )
        for employer in (bakery, shop)
    ]


def sheet(contest: Contest, nomination: Nomination, first: int, second: int) -> list[services.ScoreEntry]:
    low, high = contest.criteria.order_by("pk")
    return [
        services.ScoreEntry(nomination_id=nomination.pk, criterion_id=low.pk, points=first),
        services.ScoreEntry(nomination_id=nomination.pk, criterion_id=high.pk, points=second),
    ]


def test_each_juror_scores_once_and_may_change_it_until_the_close(
    contest: Contest, jurors: list[User], nominations: list[Nomination]
) -> None:
    coordinator = jurors[0]
    services.scores_record(juror=coordinator, contest=contest, entries=sheet(contest, nominations[0], 3, 7))
    services.scores_record(juror=coordinator, contest=contest, entries=sheet(contest, nominations[0], 4, 7))
    assert sorted(Score.objects.values_list("points", flat=True)) == [4, 7]


def test_a_score_outside_the_criterions_scale_is_refused(
    contest: Contest, jurors: list[User], nominations: list[Nomination], in_english: None
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.scores_record(juror=jurors[0], contest=contest, entries=sheet(contest, nominations[0], 3, 0))
    assert raised.value.message_dict == {
        "points": ["Piekarnia Kłos, Staże i mentoring: give 1 to 10 points, not 0."]
    }
    assert not Score.objects.exists()


def test_scoring_after_the_close_is_refused(
    contest: Contest, jurors: list[User], nominations: list[Nomination], coordinator: User, in_english: None
) -> None:
    services.contest_close(actor=coordinator, contest=contest)
    with pytest.raises(ValidationError) as raised:
        services.scores_record(juror=jurors[1], contest=contest, entries=sheet(contest, nominations[0], 3, 3))
    assert raised.value.message_dict == {
        "points": ["The contest is closed: scores can no longer be given or changed."]
    }


def test_someone_not_on_the_jury_cannot_score(
    contest: Contest, nominations: list[Nomination], organisation: Organisation, in_english: None
) -> None:
    bystander = member(organisation, Role.CASE_WORKER, username="nie.juror")
    with pytest.raises(ValidationError) as raised:
        services.scores_record(juror=bystander, contest=contest, entries=sheet(contest, nominations[0], 3, 3))
    assert raised.value.message_dict == {"juror": ["You are not on this contest's jury."]}
    response = client_for(bystander).post(
        reverse("employers:fairs:score_sheet", args=[contest.pk]),
        {f"points-{nominations[0].pk}-{contest.criteria.first().pk}": "3"},  # type: ignore[union-attr]
    )
    assert response.status_code == 400


def test_a_juror_is_a_user_of_the_organising_organisation(
    contest: Contest, coordinator: User, outsider: User
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.juror_add(actor=coordinator, contest=contest, juror=outsider)
    assert list(raised.value.message_dict) == ["juror"]


def test_an_employer_is_nominated_once_with_a_justification(
    contest: Contest, nominations: list[Nomination], caseworker: User, bakery: Employer
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.nomination_create(actor=caseworker, contest=contest, employer=bakery, justification="Znowu.")
    assert list(raised.value.message_dict) == ["employer"]


def test_the_result_is_the_weighted_average_with_ties_shown(
    contest: Contest, jurors: list[User], nominations: list[Nomination], coordinator: User
) -> None:
    bakery, shop = nominations
    # Bakery: criterion 1 (0–5, weight 2) mean 4 → 80; criterion 2 (1–10, weight 1) mean 10 → 100.
    services.scores_record(juror=jurors[0], contest=contest, entries=sheet(contest, bakery, 3, 10))
    services.scores_record(juror=jurors[1], contest=contest, entries=sheet(contest, bakery, 5, 10))
    # Shop: the same marks in another order: a tie.
    services.scores_record(juror=jurors[0], contest=contest, entries=sheet(contest, shop, 5, 10))
    services.scores_record(juror=jurors[1], contest=contest, entries=sheet(contest, shop, 3, 10))

    rows = selectors.contest_result(contest)
    assert [(row.nomination, row.ranked.result, row.ranked.rank, row.ranked.tied) for row in rows] == [
        (bakery, Decimal("86.67"), 1, True),
        (shop, Decimal("86.67"), 1, True),
    ]


def test_the_contest_moves_open_closed_published_and_never_back(contest: Contest, coordinator: User) -> None:
    with pytest.raises(ValidationError):
        services.contest_publish(actor=coordinator, contest=contest)
    services.contest_close(actor=coordinator, contest=contest)
    services.contest_publish(actor=coordinator, contest=contest)
    contest.refresh_from_db()
    assert contest.status == ContestStatus.PUBLISHED
    with pytest.raises(ValidationError):
        services.contest_close(actor=coordinator, contest=contest)


def test_the_pages_set_up_nominate_score_close_and_publish(
    organisation: Organisation, coordinator: User, caseworker: User, bakery: Employer
) -> None:
    client = client_for(coordinator)
    client.post(reverse("employers:fairs:contest_create"), {"year": "2026", "title": "Konkurs CSR"})
    contest = Contest.objects.get()
    client.post(
        reverse("employers:fairs:criterion_add", args=[contest.pk]),
        {"name": "Staże", "weight": "1", "scale_min": "0", "scale_max": "5"},
    )
    client.post(reverse("employers:fairs:juror_add", args=[contest.pk]), {"juror": coordinator.pk})
    client_for(caseworker).post(
        reverse("employers:fairs:nominate", args=[contest.pk]),
        {"employer": bakery.pk, "justification": "Przyjęła trzy stażystki."},
    )
    nomination, criterion = contest.nominations.get(), contest.criteria.get()
    too_high = client.post(
        reverse("employers:fairs:score_sheet", args=[contest.pk]),
        {f"points-{nomination.pk}-{criterion.pk}": "6"},
    )
    assert too_high.status_code == 400
    saved = client.post(
        reverse("employers:fairs:score_sheet", args=[contest.pk]),
        {f"points-{nomination.pk}-{criterion.pk}": "5"},
    )
    assert saved.status_code == 302
    assert client.get(reverse("employers:fairs:contest_close", args=[contest.pk])).status_code == 200
    client.post(reverse("employers:fairs:contest_close", args=[contest.pk]))
    client.post(reverse("employers:fairs:contest_publish", args=[contest.pk]))
    contest.refresh_from_db()
    assert contest.status == ContestStatus.PUBLISHED
    result = client.get(reverse("employers:fairs:contest_result", args=[contest.pk]))
    assert "100,00" in result.content.decode()  # Polish decimals


@pytest.mark.parametrize(
    "name", ["contest_detail", "score_sheet", "nominate", "contest_close", "contest_result"]
)
def test_another_organisations_coordinator_gets_404_on_the_contest(
    contest: Contest, other_organisation: Organisation, name: str
) -> None:
    stranger = member(other_organisation, Role.COORDINATOR, username="obcy.koordynator")
    assert client_for(stranger).get(reverse(f"employers:fairs:{name}", args=[contest.pk])).status_code == 404


def test_an_employer_sees_the_result_only_once_published(
    contest: Contest, nominations: list[Nomination], coordinator: User, bakery_contact: User
) -> None:
    client = client_for(bakery_contact)
    address = reverse("employers:fairs:contest_result", args=[contest.pk])
    assert client.get(address).status_code == 404
    assert client.get(reverse("employers:fairs:contest_detail", args=[contest.pk])).status_code == 403
    services.contest_close(actor=coordinator, contest=contest)
    assert client.get(address).status_code == 404
    services.contest_publish(actor=coordinator, contest=contest)
    response = client.get(address)
    assert response.status_code == 200
    assert "Sklep Ala" in response.content.decode()
    assert contest.title in client.get(reverse("employers:fairs:employer_fairs")).content.decode()


def test_a_participant_cannot_see_a_published_result(
    contest: Contest, coordinator: User, participant: User
) -> None:
    services.contest_close(actor=coordinator, contest=contest)
    services.contest_publish(actor=coordinator, contest=contest)
    response = client_for(participant).get(reverse("employers:fairs:contest_result", args=[contest.pk]))
    assert response.status_code == 404
