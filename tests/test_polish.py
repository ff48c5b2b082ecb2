"""Polish that reads as Polish: one way of writing dates, no English placeholder in a select,
one word per meaning where English uses one word for two."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from reintegra.accounts.models import User
from reintegra.audit.forms import EntryFilterForm
from reintegra.dates import WEEKDAYS_SHORT, day, moment, weekday, weekday_short
from reintegra.partnership.models import Referral, ReferralStatus
from reintegra.plans.forms import ActionForm
from reintegra.plans.models import PlanStatus
from reintegra.questionnaires.models import VersionStatus
from tests.conftest import client_for

WARSAW = ZoneInfo("Europe/Warsaw")
# The date filter with a named format or none; any pattern of its own is a second way of writing dates.
OWN_PATTERN = re.compile(
    r'\|date:"(?!SHORT_DATETIME_FORMAT"|SHORT_DATE_FORMAT"|DATETIME_FORMAT"|DATE_FORMAT")'
)


def render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize("language", ["pl", "en"])
def test_dates_are_day_month_year_without_leading_zeros_in_every_language(language: str) -> None:
    moment_ = datetime(2026, 12, 2, 8, 5, tzinfo=WARSAW)
    with translation.override(language):
        text = render('{{ d|date }} {{ t|date:"SHORT_DATETIME_FORMAT" }}', d=date(2026, 12, 2), t=moment_)

    assert text == "2.12.2026 2.12.2026 08:05"


def test_python_labels_write_dates_as_the_date_filter_does() -> None:
    assert day(date(2026, 3, 1)) == "1.3.2026"
    assert moment(datetime(2026, 3, 1, 7, 30, tzinfo=ZoneInfo("UTC"))) == "1.3.2026 08:30"


def test_a_polish_weekday_is_written_in_lower_case() -> None:
    with translation.override("pl"):
        assert weekday(date(2026, 12, 2)) == "środa, 2.12.2026"
    with translation.override("en"):
        assert weekday(date(2026, 12, 2)) == "Wednesday, 2.12.2026"


def test_a_calendar_column_has_the_weekday_alone_abbreviated() -> None:
    with translation.override("pl"):
        assert weekday_short(date(2026, 12, 2)) == str(WEEKDAYS_SHORT[2])
    with translation.override("en"):
        assert weekday_short(date(2026, 12, 2)) == "Wed"


def test_no_template_writes_dates_its_own_way() -> None:
    templates = Path(settings.BASE_DIR, "templates")
    offenders = [
        f"{path.relative_to(templates)}:{number}"
        for path in templates.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OWN_PATTERN.search(line)
    ]

    assert offenders == []


@pytest.mark.django_db
def test_a_select_on_a_polish_page_offers_no_english_placeholder(caseworker: User) -> None:
    response = client_for(caseworker).get(reverse("people:participant_create"), HTTP_ACCEPT_LANGUAGE="pl")
    html = response.content.decode()

    assert response.status_code == 200
    assert "Select an option" not in html
    assert "---------" not in html
    assert "— wybierz —" in html


def test_draft_sent_and_action_are_translated_by_what_they_mean() -> None:
    with translation.override("pl"):
        assert (str(PlanStatus.DRAFT.label), str(VersionStatus.DRAFT.label)) == ("projekt", "wersja robocza")
        sent_at = Referral._meta.get_field("sent_at").verbose_name
        assert (str(ReferralStatus.SENT.label), str(sent_at)) == ("wysłane", "data wysłania")
        plan_action = ActionForm.base_fields["what"].label
        audit_action = EntryFilterForm.base_fields["action"].label
        assert (str(plan_action), str(audit_action)) == ("Działanie", "Czynność")
