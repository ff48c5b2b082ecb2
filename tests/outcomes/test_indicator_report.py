"""The indicator report service: who may report on what, bad input, queries whatever the size."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.accounts.models import Organisation, User
from reintegra.outcomes.reports.services import OUTPUTS, RESULTS, indicator_report
from reintegra.outcomes.tables import Period, Table
from reintegra.partnership.models import Partnership, PartnershipMember
from reintegra.programmes.models import Programme
from tests.factories import ProgrammeFactory
from tests.outcomes.indicator_people import enrol, leave

pytestmark = pytest.mark.django_db

YEAR_2026 = Period(date(2026, 1, 1), date(2026, 12, 31))


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    return ProgrammeFactory(organisation=organisation, places=100, start_date=date(2026, 1, 1))


@pytest.fixture
def other_programme(other_organisation: Organisation) -> Programme:
    return ProgrammeFactory(organisation=other_organisation, places=100, start_date=date(2026, 1, 1))


def total(report_table: Table, code: str) -> int | None:
    return report_table.row(code).cells["total"]


def test_a_coordinator_reports_on_her_programme(programme: Programme, coordinator: User) -> None:
    left = enrol(programme, coordinator, on=date(2026, 2, 2), sex="man")
    enrol(programme, coordinator, on=date(2026, 3, 3))
    leave(left, coordinator, on=date(2026, 5, 5), employed=True)

    report = indicator_report(user=coordinator, period=YEAR_2026, programme=programme.pk)

    assert report.table(OUTPUTS).row("EECO01").cells == {"women": 1, "men": 1, "non_binary": 0, "total": 2}
    assert report.table(RESULTS).row("EECR04").cells == {"women": 0, "men": 1, "non_binary": 0, "total": 1}
    assert programme.name in report.title


def test_a_case_worker_reports_on_her_organisation(
    programme: Programme, coordinator: User, caseworker: User, organisation: Organisation
) -> None:
    second = ProgrammeFactory(organisation=organisation, places=10)
    enrol(programme, coordinator, on=date(2026, 2, 2))
    enrol(second, coordinator, on=date(2026, 2, 3))

    report = indicator_report(user=caseworker, period=YEAR_2026, organisation=organisation.pk)

    assert total(report.table(OUTPUTS), "EECO01") == 2


def test_a_partnership_report_adds_up_every_members_programmes(
    programme: Programme, other_programme: Programme, coordinator: User, outsider_admin: User
) -> None:
    partnership = Partnership.objects.create(name="Partnerstwo Zalesie")
    for organisation in (programme.organisation, other_programme.organisation):
        PartnershipMember.objects.create(
            partnership=partnership, organisation=organisation, role="partner", joined_on=date(2026, 1, 1)
        )
    enrol(programme, coordinator, on=date(2026, 2, 2))
    enrol(other_programme, outsider_admin, on=date(2026, 2, 2))

    report = indicator_report(user=coordinator, period=YEAR_2026, partnership=partnership.pk)

    assert total(report.table(OUTPUTS), "EECO01") == 2


def test_cannot_report_on_another_organisations_programme(
    other_programme: Programme, coordinator: User, other_organisation: Organisation
) -> None:
    with pytest.raises(ValidationError) as refused:
        indicator_report(user=coordinator, period=YEAR_2026, programme=other_programme.pk)
    with pytest.raises(ValidationError) as missing:
        indicator_report(user=coordinator, period=YEAR_2026, programme=10**9)
    with pytest.raises(ValidationError) as organisation:
        indicator_report(user=coordinator, period=YEAR_2026, organisation=other_organisation.pk)

    assert refused.value.message_dict == missing.value.message_dict
    assert list(refused.value.message_dict) == ["programme"]
    assert list(organisation.value.message_dict) == ["organisation"]


def test_cannot_report_on_a_partnership_of_others(
    other_organisation: Organisation, coordinator: User
) -> None:
    partnership = Partnership.objects.create(name="Partnerstwo Inne")
    PartnershipMember.objects.create(
        partnership=partnership, organisation=other_organisation, role="leader", joined_on=date(2026, 1, 1)
    )

    with pytest.raises(ValidationError) as refused:
        indicator_report(user=coordinator, period=YEAR_2026, partnership=partnership.pk)

    assert list(refused.value.message_dict) == ["partnership"]


def test_a_participant_cannot_report(programme: Programme, participant: User) -> None:
    with pytest.raises(ValidationError):
        indicator_report(user=participant, period=YEAR_2026, programme=programme.pk)


@pytest.mark.usefixtures("in_english")
def test_a_period_ending_before_it_starts_is_refused_naming_the_end(
    programme: Programme, coordinator: User
) -> None:
    backwards = Period(date(2026, 5, 1), date(2026, 4, 30))

    with pytest.raises(ValidationError) as refused:
        indicator_report(user=coordinator, period=backwards, programme=programme.pk)

    assert refused.value.message_dict == {"end": ["The end of the period cannot be before its start."]}


def test_exactly_one_scope_is_asked_for(
    programme: Programme, coordinator: User, organisation: Organisation
) -> None:
    with pytest.raises(ValidationError) as neither:
        indicator_report(user=coordinator, period=YEAR_2026)
    with pytest.raises(ValidationError) as both:
        indicator_report(
            user=coordinator, period=YEAR_2026, programme=programme.pk, organisation=organisation.pk
        )

    assert list(neither.value.message_dict) == list(both.value.message_dict) == ["programme"]


def test_relations_hold_in_the_published_report(programme: Programme, coordinator: User) -> None:
    enrol(programme, coordinator, on=date(2026, 2, 2), education=1, labour_status="unemployed")
    enrol(
        programme, coordinator, on=date(2026, 2, 2), education=6, labour_status="employed", sex="non_binary"
    )

    report = indicator_report(user=coordinator, period=YEAR_2026, programme=programme.pk)

    assert report.relations
    for relation in report.relations:
        assert report.value(relation.total) == sum(report.value(part) or 0 for part in relation.parts)


def test_the_report_takes_as_many_queries_for_many_people_as_for_few(
    programme: Programme, coordinator: User
) -> None:
    def queries() -> int:
        period = Period(date(2026, 1, 15), date(2026, 11, 20))
        with CaptureQueriesContext(connection) as captured:
            indicator_report(user=coordinator, period=period, programme=programme.pk)
        return len(captured)

    enrol(programme, coordinator, on=date(2026, 2, 2))
    few = queries()
    for day in range(1, 6):
        leave(enrol(programme, coordinator, on=date(2026, 3, day)), coordinator, on=date(2026, 6, day))

    assert queries() == few
