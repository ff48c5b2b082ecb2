"""Partnership meetings: agenda, attendance, minutes, decisions and action items carried from one
meeting's agenda to the next until they are closed."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.partnership.meetings import selectors, services
from reintegra.partnership.models import (
    ActionItem,
    ActionStatus,
    Decision,
    MeetingStatus,
    Partnership,
    PartnershipMeeting,
)
from tests.conftest import client_for
from tests.factories import member


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def meeting(
    partnership: Partnership, day: date, *, held: bool = True, agenda: tuple[str, ...] = ()
) -> PartnershipMeeting:
    created = services.meeting_create(
        actor=None,
        partnership=partnership,
        data=services.MeetingData(starts_at=at(day), place="Starostwo, sala 12", agenda=list(agenda)),
    )
    if held:
        services.meeting_hold(actor=None, meeting=created)
    return created


def raise_action(
    at_meeting: PartnershipMeeting, owner: Organisation, what: str, **data: object
) -> ActionItem:
    return services.action_raise(
        actor=None,
        meeting=at_meeting,
        data=services.ActionData(what=what, owner=owner, **data),
    )


def agenda_of(at_meeting: PartnershipMeeting) -> list[str]:
    return [action.what for action in selectors.carried_over(at_meeting)]


DAY = date(2026, 3, 2)


def test_an_action_item_stays_open_on_the_next_meetings_agenda_until_closed(
    partnership: Partnership, ngo: Organisation, coordinator: User
) -> None:
    first = meeting(partnership, DAY)
    action = raise_action(first, ngo, "Przygotować ulotkę o partnerstwie")
    second = meeting(partnership, DAY + timedelta(days=30))
    third = meeting(partnership, DAY + timedelta(days=60))

    assert agenda_of(first) == []
    assert agenda_of(second) == ["Przygotować ulotkę o partnerstwie"]
    assert agenda_of(third) == ["Przygotować ulotkę o partnerstwie"]

    services.action_close(
        actor=coordinator, action=action, meeting=third, status=ActionStatus.DONE, note="Wydrukowano"
    )
    fourth = meeting(partnership, DAY + timedelta(days=90), held=False)

    action.refresh_from_db()
    assert (action.status, action.closed_at, action.closed_by) == (ActionStatus.DONE, third, coordinator)
    assert action.closed_on is not None
    # Open still when the second met, closed at the third, gone from the fourth.
    assert agenda_of(second) == ["Przygotować ulotkę o partnerstwie"]
    assert [a.closed_at for a in selectors.carried_over(third)] == [third]
    assert agenda_of(fourth) == []


def test_an_action_item_stays_open_on_the_next_meetings_agenda_until_closed_on_the_pages(
    partnership: Partnership, ngo: Organisation, coordinator: User
) -> None:
    client = client_for(coordinator)
    base = f"/partnership/{partnership.pk}/meetings/"
    assert reverse("partnership:meetings:list", args=[partnership.pk]) == base

    def plan(day: date) -> PartnershipMeeting:
        client.post(
            reverse("partnership:meetings:create", args=[partnership.pk]),
            {
                "day": day.isoformat(),
                "time": "10:00",
                "place": "Urząd Gminy",
                "agenda": "Otwarcie\nSprawy bieżące",
            },
        )
        return PartnershipMeeting.objects.get(starts_at=at(day))

    def page(of: PartnershipMeeting) -> str:
        response = client.get(reverse("partnership:meetings:detail", args=[partnership.pk, of.pk]))
        assert response.status_code == 200
        return response.content.decode()

    first = plan(DAY)
    client.post(reverse("partnership:meetings:hold", args=[partnership.pk, first.pk]))
    client.post(
        reverse("partnership:meetings:action_raise", args=[partnership.pk, first.pk]),
        {
            "what": "Zebrać oferty pracodawców",
            "owner": ngo.pk,
            "deadline": (DAY + timedelta(days=14)).isoformat(),
        },
    )
    action = ActionItem.objects.get()
    second = plan(DAY + timedelta(days=30))

    assert "Zebrać oferty pracodawców" in page(second)
    third = plan(DAY + timedelta(days=60))
    assert "Zebrać oferty pracodawców" in page(third)

    client.post(reverse("partnership:meetings:hold", args=[partnership.pk, second.pk]))
    response = client.post(
        reverse("partnership:meetings:action_close", args=[partnership.pk, action.pk]),
        {"meeting": second.pk, "status": ActionStatus.DONE, "note": "Zebrano 12 ofert"},
    )

    assert response.status_code == 302
    assert "Zebrać oferty pracodawców" not in page(third)
    assert 'data-testid="closed-here"' in page(second)


def test_an_action_item_is_closed_only_at_a_later_held_meeting(
    partnership: Partnership, ngo: Organisation, coordinator: User
) -> None:
    earlier = meeting(partnership, DAY - timedelta(days=30))
    first = meeting(partnership, DAY)
    action = raise_action(first, ngo, "Zorganizować wizytę studyjną")
    planned = meeting(partnership, DAY + timedelta(days=30), held=False)

    for at_meeting in (earlier, first):
        with pytest.raises(ValidationError, match="after the one that raised it"):
            services.action_close(
                actor=coordinator, action=action, meeting=at_meeting, status=ActionStatus.DONE
            )
    with pytest.raises(ValidationError, match="Mark the meeting as held"):
        services.action_close(actor=coordinator, action=action, meeting=planned, status=ActionStatus.DONE)

    services.meeting_hold(actor=coordinator, meeting=planned)
    services.action_close(actor=coordinator, action=action, meeting=planned, status=ActionStatus.DROPPED)
    with pytest.raises(ValidationError, match="cannot move"):
        services.action_close(actor=coordinator, action=action, meeting=planned, status=ActionStatus.DONE)


def test_an_open_action_item_past_its_deadline_is_marked_overdue(
    partnership: Partnership, ngo: Organisation, coordinator: User
) -> None:
    today = timezone.localdate()
    first = meeting(partnership, today - timedelta(days=40))
    late = raise_action(first, ngo, "Spóźnione", deadline=today - timedelta(days=1))
    raise_action(first, ngo, "W terminie", deadline=today + timedelta(days=5))
    second = meeting(partnership, today + timedelta(days=1), held=False)

    page = client_for(coordinator).get(
        reverse("partnership:meetings:detail", args=[partnership.pk, second.pk])
    )

    assert selectors.overdue_ids(selectors.carried_over(second)) == {late.pk}
    assert page.content.decode().count('data-testid="overdue"') == 1


def test_a_meeting_records_its_agenda_attendance_minutes_and_numbered_decisions(
    partnership: Partnership, ngo: Organisation, coordinator: User, ngo_worker: User
) -> None:
    client = client_for(coordinator)
    planned = meeting(partnership, DAY, held=False, agenda=("Otwarcie", "Warsztat Design Thinking"))

    refused = services.decision_add
    with pytest.raises(ValidationError, match="Mark the meeting as held"):
        refused(actor=coordinator, meeting=planned, text="Przyjęto regulamin")
    client.post(reverse("partnership:meetings:hold", args=[partnership.pk, planned.pk]))
    client.post(
        reverse("partnership:meetings:attendance", args=[partnership.pk, planned.pk]),
        {"users": [ngo_worker.pk], "guests": "Jan Nowak, wójt gminy Borówkowo\n"},
    )
    client.post(
        reverse("partnership:meetings:minutes", args=[partnership.pk, planned.pk]),
        {"minutes": "Spotkanie otworzył przewodniczący."},
    )
    for text in ("Przyjęto regulamin partnerstwa", "Powołano zespół ds. rekrutacji"):
        client.post(
            reverse("partnership:meetings:decision_add", args=[partnership.pk, planned.pk]), {"text": text}
        )

    planned.refresh_from_db()
    assert planned.status == MeetingStatus.HELD
    assert list(planned.agenda.values_list("position", "title")) == [
        (1, "Otwarcie"),
        (2, "Warsztat Design Thinking"),
    ]
    # The NGO's worker was there, so the NGO was.
    assert [row.organisation for row in planned.organisations_present.all()] == [ngo]
    assert sorted(str(row) for row in planned.attendees.all()) == sorted(
        [str(ngo_worker.get_full_name() or ngo_worker.username), "Jan Nowak, wójt gminy Borówkowo"]
    )
    assert planned.minutes == "Spotkanie otworzył przewodniczący."
    assert list(Decision.objects.values_list("number", flat=True)) == [1, 2]
    page = client.get(
        reverse("partnership:meetings:detail", args=[partnership.pk, planned.pk])
    ).content.decode()
    assert "Decision no. 2" in page


def test_attendance_refuses_a_person_outside_the_partnership_naming_the_field(
    partnership: Partnership, coordinator: User, outsider: User, other_organisation: Organisation
) -> None:
    held = meeting(partnership, DAY)

    with pytest.raises(ValidationError) as refused:
        services.meeting_attendance_record(
            actor=coordinator, meeting=held, organisations=[other_organisation], users=[outsider], guests=[]
        )

    assert set(refused.value.message_dict) == {"organisations", "users"}


def test_an_action_items_owner_is_a_member_and_its_person_works_there(
    partnership: Partnership, ngo: Organisation, coordinator: User, other_organisation: Organisation
) -> None:
    held = meeting(partnership, DAY)

    with pytest.raises(ValidationError) as outside:
        raise_action(held, other_organisation, "Cokolwiek")
    with pytest.raises(ValidationError) as not_there:
        raise_action(held, ngo, "Cokolwiek", owner_person=coordinator)

    assert "owner" in outside.value.message_dict
    assert "does not work in" in not_there.value.message_dict["owner_person"][0]


def test_the_minutes_print_as_a_pdf(partnership: Partnership, ngo: Organisation, caseworker: User) -> None:
    held = meeting(partnership, DAY, agenda=("Otwarcie",))
    services.decision_add(actor=None, meeting=held, text="Przyjęto regulamin")
    raise_action(held, ngo, "Przygotować ulotkę")

    response = client_for(caseworker).get(
        reverse("partnership:meetings:minutes_pdf", args=[partnership.pk, held.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_case_worker_of_a_member_sees_the_meetings_but_cannot_record_them(
    partnership: Partnership, caseworker: User
) -> None:
    held = meeting(partnership, DAY)
    client = client_for(caseworker)

    assert (
        client.get(reverse("partnership:meetings:detail", args=[partnership.pk, held.pk])).status_code == 200
    )
    assert client.get(reverse("partnership:meetings:create", args=[partnership.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.decision_add(actor=caseworker, meeting=held, text="Nie wolno")


def test_the_ngos_coordinator_records_the_meetings_of_its_partnership(
    partnership: Partnership, ngo_coordinator: User
) -> None:
    response = client_for(ngo_coordinator).post(
        reverse("partnership:meetings:create", args=[partnership.pk]),
        {"day": DAY.isoformat(), "time": "09:30", "place": "Fundacja", "agenda": ""},
    )

    assert response.status_code == 302
    assert PartnershipMeeting.objects.get().place == "Fundacja"


def test_another_partnerships_coordinator_cannot_see_its_meetings(
    partnership: Partnership, ngo: Organisation, other_organisation: Organisation
) -> None:
    held = meeting(partnership, DAY)
    action = raise_action(held, ngo, "Tajne")
    other = services_partnership(other_organisation)
    stranger = member(other_organisation, Role.COORDINATOR, username="koordynator.inny")
    client = client_for(stranger)

    for url in (
        reverse("partnership:meetings:list", args=[partnership.pk]),
        reverse("partnership:meetings:detail", args=[partnership.pk, held.pk]),
        reverse("partnership:meetings:minutes_pdf", args=[partnership.pk, held.pk]),
        reverse("partnership:meetings:actions", args=[partnership.pk]),
        reverse("partnership:meetings:action_export", args=[partnership.pk, "csv"]),
        reverse("partnership:meetings:edit", args=[partnership.pk, held.pk]),
        reverse("partnership:meetings:action_close", args=[partnership.pk, action.pk]),
        # Their own partnership's address with our meeting's number.
        reverse("partnership:meetings:detail", args=[other.pk, held.pk]),
        reverse("partnership:meetings:action_close", args=[other.pk, action.pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("partnership:meetings:hold", args=[partnership.pk, held.pk]))
    assert response.status_code == 404


def services_partnership(organisation: Organisation) -> Partnership:
    from reintegra.partnership import services as partnership_services

    return partnership_services.partnership_create(
        actor=None, organisation=organisation, name="Inne Partnerstwo"
    )


def test_the_action_items_export_marks_the_overdue_ones(
    partnership: Partnership, ngo: Organisation, caseworker: User
) -> None:
    held = meeting(partnership, DAY)
    raise_action(held, ngo, "=HYPERLINK(1)", deadline=DAY + timedelta(days=1))

    response = client_for(caseworker).get(
        reverse("partnership:meetings:action_export", args=[partnership.pk, "csv"])
    )

    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert '"yes"' in text


def test_bad_meeting_input_names_the_field(partnership: Partnership, coordinator: User) -> None:
    response = client_for(coordinator).post(
        reverse("partnership:meetings:create", args=[partnership.pk]),
        {"day": "0001-01-01", "time": "25:00", "place": ""},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"day", "time", "place"}


def test_two_meetings_of_a_partnership_at_the_same_time_are_refused(
    partnership: Partnership, coordinator: User
) -> None:
    meeting(partnership, DAY)

    response = client_for(coordinator).post(
        reverse("partnership:meetings:create", args=[partnership.pk]),
        {"day": DAY.isoformat(), "time": "10:00", "place": "Gdzie indziej"},
    )

    assert "already has a meeting at this time" in response.content.decode()


def test_meetings_decisions_and_action_items_are_audited_with_the_partnerships_members(
    partnership: Partnership, ngo: Organisation, coordinator: User, organisation: Organisation
) -> None:
    held = meeting(partnership, DAY)
    action = raise_action(held, ngo, "Przygotować ulotkę")

    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(ActionItem), object_id=action.pk
    )
    assert {o.pk for o in entry.organisations.all()} == {organisation.pk, ngo.pk}
    assert AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(PartnershipMeeting)
    ).exists()


def test_a_meeting_cannot_move_past_the_meeting_that_closed_its_action_items(
    partnership: Partnership, ngo: Organisation, coordinator: User
) -> None:
    first = meeting(partnership, DAY)
    action = raise_action(first, ngo, "Przygotować ulotkę")
    second = meeting(partnership, DAY + timedelta(days=30))
    services.action_close(actor=coordinator, action=action, meeting=second, status=ActionStatus.DONE)

    response = client_for(coordinator).post(
        reverse("partnership:meetings:edit", args=[partnership.pk, first.pk]),
        {"day": (DAY + timedelta(days=40)).isoformat(), "time": "10:00", "place": "Urząd", "agenda": ""},
    )

    assert "cannot move past a meeting that closed" in response.content.decode()
    first.refresh_from_db()
    assert first.starts_at == at(DAY)


def test_the_meetings_list_exports_as_a_spreadsheet(partnership: Partnership, caseworker: User) -> None:
    meeting(partnership, DAY, agenda=("Otwarcie", "Wolne wnioski"))

    response = client_for(caseworker).get(
        reverse("partnership:meetings:export", args=[partnership.pk, "xlsx"])
    )

    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[1][1:4] == ("Starostwo, sala 12", "held", "2")
    assert (
        client_for(caseworker)
        .get(reverse("partnership:meetings:export", args=[partnership.pk, "pdf"]))
        .status_code
        == 404
    )
