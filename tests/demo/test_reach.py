"""The demo's reach in the mobile centre (seed 004): one woman records hers on her own page under
her own account, the adviser records the others', and several applicants are linked to the woman
who told them; the report counts the recruitment by word of mouth."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.demo.mobile import CODE, OWN_ACCOUNT, WORD_OF_MOUTH
from reintegra.outcomes.models import HeardFrom, ReachRecord
from reintegra.outcomes.reach.section import reach_section
from reintegra.outcomes.reach.selectors import REACHED_AT_LEAST
from reintegra.outcomes.reach.services import TOOK_PART
from reintegra.outcomes.tables import Period
from reintegra.programmes.models import EnrolmentStatus, Programme
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_woman_records_her_reach_on_her_own_page_under_her_own_account(demo: str) -> None:
    account = User.objects.get(username=OWN_ACCOUNT)
    own = ReachRecord.objects.filter(recorded_by=account)

    assert own.count() == 2
    assert {record.enrolment.participant.account_id for record in own} == {account.pk}
    assert sum(record.people_told for record in own) >= REACHED_AT_LEAST
    page = client_for(account).get(reverse("ownpage:own_page"))
    assert page.status_code == 200
    assert [line.people_told for line, _form in page.context["reach"]] == [5]


def test_applicants_are_linked_to_the_participant_who_told_them(demo: str) -> None:
    programme = Programme.objects.get(code=CODE)
    links = HeardFrom.objects.filter(enrolment__programme=programme).select_related("enrolment", "told_by")

    assert links.count() == WORD_OF_MOUTH
    assert all(link.told_by.status in TOOK_PART for link in links)
    assert {link.told_by.programme_id for link in links} == {programme.pk}
    assert all(link.told_by_id != link.enrolment_id for link in links)
    assert {link.enrolment.status for link in links} == {EnrolmentStatus.RESERVE, EnrolmentStatus.ENROLLED}
    # Each teller said someone she told applied.
    for link in links:
        assert sum(record.applied for record in link.told_by.reach_records.all()) >= 1


def test_the_report_counts_the_recruitment_by_word_of_mouth(demo: str) -> None:
    programme = Programme.objects.select_related("template").get(code=CODE)

    tables, _ = reach_section([programme], Period(programme.start_date, programme.end_date))

    recruitment = next(table for table in tables if table.key == "reach_word_of_mouth")
    # 60 women applied, 10 of them by word of mouth; 48 enrolled, 5 of them by word of mouth.
    assert recruitment.row("reach_applications").cells == {
        "by_word_of_mouth": 10,
        "otherwise": 50,
        "total": 60,
        "share": 16.7,
    }
    assert recruitment.row("reach_enrolments").cells == {
        "by_word_of_mouth": 5,
        "otherwise": 43,
        "total": 48,
        "share": 10.4,
    }
