"""Acceptance, on a phone-sized window: a young member proposes "Klub filmowy" from her own
page, two others vote for it from theirs, the club coordinator accepts it after the close and
schedules weekly sessions, the leader marks attendance and the attendance list prints."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Role, User
from reintegra.activities import services as activity_services
from reintegra.activities.models import Activity, Attendance, Proposal, Session, Vote, VotingRound
from reintegra.attachments.models import Attachment
from reintegra.people import services as people_services
from reintegra.people.models import Participant
from reintegra.programmes.models import EnrolmentStatus, Programme
from tests.activities.conftest import enrol
from tests.attachments.conftest import storage_directory  # noqa: F401
from tests.e2e.conftest import DEMO_PASSWORD, DEMO_USERS, PageProblems, log_in
from tests.e2e.test_accessibility import blocking_violations
from tests.factories import member
from tests.pdf import pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("storage_directory")]

PHONE = {"width": 390, "height": 844}
TITLE = "Klub filmowy"


def link_two_more_members(programme: Programme, coordinator: User) -> list[User]:
    """Two more members of the demo's club get their own participant accounts (the whole club
    votes, and the accepted activity's sessions are for the whole club)."""
    demo_member = Participant.objects.get(account__username=DEMO_USERS[Role.PARTICIPANT])
    others = (
        Participant.objects.filter(
            enrolments__programme=programme,
            enrolments__status=EnrolmentStatus.ENROLLED,
            account__isnull=True,
        )
        .exclude(pk=demo_member.pk)
        .order_by("pk")[:2]
    )
    people = list(others)
    # The demo's club is small: a member joins it so that three young people take part.
    group = programme.enrolments.get(participant=demo_member).group
    while len(people) < 2:
        people.append(enrol(programme, group, first_name="Julia", last_name=f"Kinomaniak{len(people)}"))
    accounts = []
    for index, person in enumerate(people, start=1):
        account = member(programme.organisation, Role.PARTICIPANT, username=f"klubowicz{index}")
        account.set_password(DEMO_PASSWORD)
        account.save()
        people_services.participant_account_link(actor=coordinator, participant=person, account=account)
        accounts.append(account)
    assert len(accounts) == 2
    return accounts


def test_a_member_proposes_the_club_votes_and_the_accepted_activity_runs_and_prints(
    page: Page, site: str, problems: PageProblems, tmp_path: Path
) -> None:
    page.set_viewport_size(PHONE)
    programme = Programme.objects.get(code="karnet-zalesie-2026")
    coordinator = User.objects.get(username="koordynator.mops")
    leader = User.objects.get(username="asystent.mops")
    voters = link_two_more_members(programme, coordinator)
    now = timezone.now()
    voting = activity_services.voting_round_open(
        actor=coordinator,
        programme=programme,
        title="Zajęcia na wiosnę",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
    )

    log_in(page, site, DEMO_USERS[Role.PARTICIPANT])
    page.goto(f"{site}/me/")
    form = page.get_by_test_id(f"own-propose-{voting.pk}")
    form.locator("summary").click()
    assert blocking_violations(page) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    form.locator(f"#id_round-{voting.pk}-title").fill(TITLE)
    form.locator(f"#id_round-{voting.pk}-description").fill("Oglądamy filmy o pracy i rozmawiamy o nich.")
    form.locator(f"#id_round-{voting.pk}-builds_towards").fill("Wypowiadanie się w grupie, punktualność.")
    form.locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    proposal = Proposal.objects.get(round=voting, title=TITLE)
    assert proposal.proposed_by is not None
    assert proposal.proposed_by.account is not None
    assert proposal.proposed_by.account.username == DEMO_USERS[Role.PARTICIPANT]
    expect(page.get_by_test_id(f"own-proposal-{proposal.pk}")).to_contain_text(TITLE)

    for voter in voters:
        page.context.clear_cookies()
        log_in(page, site, voter.username)
        page.goto(f"{site}/me/")
        page.get_by_test_id(f"own-proposal-{proposal.pk}").locator("button[value=yes]").click()
        expect(page.locator(".alert-success")).to_be_visible()
    assert Vote.objects.filter(proposal=proposal, in_favour=True).count() == 2

    # The voting period ends (the round closes by its time).
    VotingRound.objects.filter(pk=voting.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    page.context.clear_cookies()
    log_in(page, site, "koordynator.mops")
    page.goto(f"{site}/activities/votes/{voting.pk}/")
    page.locator(f"#winner-{proposal.pk}").check()
    page.locator("main form button[type=submit]", has_text="Przyjmij zaznaczone").click()
    expect(page.locator(".alert-success")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.activity is not None
    activity: Activity = proposal.activity

    first = timezone.localdate() - timedelta(days=7)
    page.goto(f"{site}/programmes/{programme.pk}/")
    page.locator("main a", has_text="Zaplanuj zajęcia").click()
    page.locator("#id_kind").select_option("group_workshop")
    page.locator("#id_title").fill("Klub filmowy – nasz wybór")
    page.locator("#id_activity").select_option(str(activity.pk))
    page.locator("#id_leader").select_option(str(leader.pk))
    page.locator("#id_starts_at").fill(f"{first:%Y-%m-%d}T17:00")
    page.locator("#id_ends_at").fill(f"{first:%Y-%m-%d}T19:00")
    page.locator("#id_planned_hours").fill("2")
    page.locator("#id_recurrence").fill("FREQ=WEEKLY;COUNT=6")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("6")
    assert Session.objects.filter(activity=activity).count() == 6

    page.context.clear_cookies()
    log_in(page, site, "asystent.mops")
    session = Session.objects.filter(activity=activity).order_by("starts_at").first()
    assert session is not None
    page.goto(f"{site}/activities/sessions/{session.pk}/")
    page.locator("main a", has_text="Sprawdź obecność").click()
    rows = page.locator("li[data-testid^=attendance-]")
    count = rows.count()
    assert count >= 3
    for index in range(count):
        rows.nth(index).locator("input[type=checkbox]").check()
    rows.nth(0).locator("input[type=number]").fill("1.5")
    page.get_by_role("button", name="Zapisz obecność").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert Attendance.objects.filter(session=session, present=True).count() == count

    with page.expect_download() as download:
        page.locator("main a[data-testid=attendance-pdf]").click()
    pdf = tmp_path / "lista.pdf"
    download.value.save_as(pdf)
    text = pdf_text(pdf.read_bytes())
    assert "Lista obecności" in text
    assert "Podpis" in text
    assert "1.50" in text or "1,50" in text
    assert "2.00" in text or "2,00" in text
    for voter in voters:
        person = Participant.objects.get(account=voter)
        assert person.last_name in text

    # Signed on paper, the list is scanned and attached to its session.
    page.get_by_test_id("attachment-form").locator("input[type=file]").set_input_files(pdf)
    page.get_by_role("button", name="Dołącz", exact=True).click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.get_by_test_id("attachments")).to_contain_text("lista.pdf")
    assert Attachment.objects.get(owner_kind="session").owner_id == session.pk
    assert problems.items == []
