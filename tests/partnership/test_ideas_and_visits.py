"""Ideas from the partnership's workshops (idea → implemented → reviewed) and its study visits."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, User
from reintegra.partnership.meetings import services
from reintegra.partnership.meetings.workflow import IDEA_TRANSITIONS
from reintegra.partnership.models import IdeaStatus, Partnership, StudyVisit, WorkshopIdea
from tests.conftest import client_for

DAY = date(2026, 3, 12)


def idea(partnership: Partnership, by: Organisation, title: str = "Kawiarenka w CIS") -> WorkshopIdea:
    return services.idea_create(
        actor=None,
        partnership=partnership,
        data=services.IdeaData(
            title=title,
            description="Uczestnicy prowadzą kawiarenkę dla mieszkańców.",
            workshop="Warsztat Design Thinking, marzec 2026",
            meeting=None,
            proposed_by=by,
            proposed_on=DAY,
        ),
    )


def test_an_idea_moves_from_idea_to_implemented_to_reviewed_with_a_day_and_a_note_at_each_step(
    partnership: Partnership, ngo: Organisation, coordinator: User
) -> None:
    client = client_for(coordinator)
    recorded = idea(partnership, ngo)
    step = reverse("partnership:meetings:idea_move", args=[partnership.pk, recorded.pk])

    client.post(step, {"on": "2026-04-01", "note": "Otwarto kawiarenkę w świetlicy."})
    client.post(step, {"on": "2026-06-30", "note": "Pięć osób zdobyło doświadczenie w gastronomii."})

    recorded.refresh_from_db()
    assert recorded.status == IdeaStatus.REVIEWED
    assert (recorded.implemented_on, recorded.implementation_note) == (
        date(2026, 4, 1),
        "Otwarto kawiarenkę w świetlicy.",
    )
    assert (recorded.reviewed_on, recorded.review_note) == (
        date(2026, 6, 30),
        "Pięć osób zdobyło doświadczenie w gastronomii.",
    )
    # A reviewed idea has no next step.
    assert client.get(step).status_code == 404


def test_an_idea_cannot_skip_a_step_nor_go_back(partnership: Partnership, ngo: Organisation) -> None:
    recorded = idea(partnership, ngo)

    with pytest.raises(ValidationError, match="cannot move"):
        services.idea_move(
            actor=None, idea=recorded, to_status=IdeaStatus.REVIEWED, on=DAY, note="Za wcześnie"
        )
    assert IDEA_TRANSITIONS[IdeaStatus.REVIEWED] == frozenset()


def test_a_step_needs_a_day_not_before_the_previous_one(
    partnership: Partnership, ngo: Organisation, coordinator: User
) -> None:
    recorded = idea(partnership, ngo)

    response = client_for(coordinator).post(
        reverse("partnership:meetings:idea_move", args=[partnership.pk, recorded.pk]),
        {"on": "2026-03-01", "note": "Otwarto kawiarenkę."},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"on"}
    assert "12.3.2026" in response.content.decode()


def test_the_ideas_list_filters_by_status_and_exports(
    partnership: Partnership, ngo: Organisation, caseworker: User
) -> None:
    idea(partnership, ngo, "Kawiarenka w CIS")
    implemented = idea(partnership, ngo, "Targi rękodzieła")
    services.idea_move(
        actor=None, idea=implemented, to_status=IdeaStatus.IMPLEMENTED, on=DAY, note="Odbyły się"
    )
    client = client_for(caseworker)

    page = client.get(reverse("partnership:meetings:ideas", args=[partnership.pk]), {"status": "implemented"})
    exported = client.get(
        reverse("partnership:meetings:idea_export", args=[partnership.pk, "xlsx"]), {"status": "implemented"}
    )

    assert [i.title for i in page.context["ideas"]] == ["Targi rękodzieła"]
    rows = list(load_workbook(io.BytesIO(exported.content)).active.values)
    assert [row[0] for row in rows[1:]] == ["Targi rękodzieła"]
    assert (
        client.get(reverse("partnership:meetings:ideas", args=[partnership.pk]), {"status": "x"}).status_code
        == 200
    )


def test_an_idea_is_proposed_by_a_member_organisation(
    partnership: Partnership, other_organisation: Organisation
) -> None:
    with pytest.raises(ValidationError) as refused:
        idea(partnership, other_organisation)

    assert "proposed_by" in refused.value.message_dict


def test_a_coordinator_records_a_study_visit_and_the_list_exports_it(
    partnership: Partnership, organisation: Organisation, ngo: Organisation, coordinator: User
) -> None:
    client = client_for(coordinator)

    response = client.post(
        reverse("partnership:meetings:visit_create", args=[partnership.pk]),
        {
            "visited_on": "2026-05-20",
            "place": "Kraków",
            "host": "Spółdzielnia Socjalna Dobre Miejsce",
            "purpose": "Poznać model spółdzielni socjalnej",
            "organisations": [organisation.pk, ngo.pk],
            "people_count": 6,
            "conclusions": "Założyć spółdzielnię z gminą.",
        },
    )
    exported = client.get(reverse("partnership:meetings:visit_export", args=[partnership.pk, "csv"]))

    assert response.status_code == 302
    visit = StudyVisit.objects.get()
    assert set(visit.organisations.all()) == {organisation, ngo}
    text = exported.content.decode("utf-8-sig")
    assert "Spółdzielnia Socjalna Dobre Miejsce" in text
    assert '"6"' in text


def test_a_study_visit_names_member_organisations_and_enough_people(
    partnership: Partnership, organisation: Organisation, ngo: Organisation, other_organisation: Organisation
) -> None:
    data = services.VisitData(
        visited_on=DAY,
        place="Kraków",
        host="CIS Kraków",
        purpose="Wymiana doświadczeń",
        organisations=[organisation, other_organisation],
        people_count=1,
        conclusions="",
    )

    with pytest.raises(ValidationError) as refused:
        services.visit_create(actor=None, partnership=partnership, data=data)

    assert set(refused.value.message_dict) == {"organisations", "people_count"}


def test_a_case_worker_sees_ideas_and_visits_but_records_neither(
    partnership: Partnership, ngo: Organisation, caseworker: User
) -> None:
    client = client_for(caseworker)
    recorded = idea(partnership, ngo)

    assert (
        client.get(
            reverse("partnership:meetings:idea_detail", args=[partnership.pk, recorded.pk])
        ).status_code
        == 200
    )
    assert client.get(reverse("partnership:meetings:visits", args=[partnership.pk])).status_code == 200
    assert client.get(reverse("partnership:meetings:visit_create", args=[partnership.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.idea_move(
            actor=caseworker, idea=recorded, to_status=IdeaStatus.IMPLEMENTED, on=DAY, note="x"
        )


def test_another_organisations_worker_cannot_see_the_ideas_or_the_visits(
    partnership: Partnership, ngo: Organisation, outsider: User
) -> None:
    recorded = idea(partnership, ngo)
    client = client_for(outsider)

    for url in (
        reverse("partnership:meetings:ideas", args=[partnership.pk]),
        reverse("partnership:meetings:idea_detail", args=[partnership.pk, recorded.pk]),
        reverse("partnership:meetings:idea_export", args=[partnership.pk, "csv"]),
        reverse("partnership:meetings:visits", args=[partnership.pk]),
        reverse("partnership:meetings:visit_export", args=[partnership.pk, "xlsx"]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_partnership_page_links_to_its_meetings_ideas_and_visits(
    partnership: Partnership, caseworker: User
) -> None:
    page = client_for(caseworker).get(reverse("partnership:detail", args=[partnership.pk])).content.decode()

    for name in ("list", "actions", "ideas", "visits"):
        assert reverse(f"partnership:meetings:{name}", args=[partnership.pk]) in page
