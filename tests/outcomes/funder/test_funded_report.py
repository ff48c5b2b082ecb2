"""The funder's report: the programmes her body funds, each one's counts for a period, always
with the cells below five hidden, on the page and in the files."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, Role, User
from reintegra.outcomes.funder import selectors
from reintegra.outcomes.models import ProgrammeFunding
from reintegra.outcomes.reports.services import build_report
from reintegra.outcomes.tables import Period
from reintegra.people.models import Degurba, TercUnit
from reintegra.programmes import services
from reintegra.programmes.models import Enrolment, Programme
from tests.conftest import client_for
from tests.factories import OrganisationFactory, ParticipantFactory, member
from tests.outcomes.test_suppression import recomputable_by_rank

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    pass


def report_url(programme: Programme) -> str:
    return reverse("outcomes:funder:funded_report", args=[programme.pk])


def test_she_sees_the_programmes_her_body_funds_and_no_other(
    funded: Programme, not_funded: Programme, funder: User
) -> None:
    page = client_for(funder).get(reverse("outcomes:funder:funded_list")).content.decode()

    assert funded.name in page
    assert not_funded.name not in page


def test_a_funder_of_programme_a_gets_404_on_programme_bs_report(
    funded: Programme, not_funded: Programme, funder: User, counted: None
) -> None:
    client = client_for(funder)

    assert client.get(report_url(not_funded)).status_code == 404
    export = reverse("outcomes:funder:funded_report_export", args=[not_funded.pk, "csv"])
    assert client.get(export).status_code == 404


def test_another_funding_bodys_reviewer_gets_404_on_her_programmes_report(funded: Programme) -> None:
    other_body = OrganisationFactory(name="Fundacja Grantowa", type="funding_body")
    stranger = member(other_body, Role.FUNDER, username="obcy.fundator")

    assert client_for(stranger).get(report_url(funded)).status_code == 404


def test_staff_cannot_open_the_funders_pages(funded: Programme, coordinator: User, caseworker: User) -> None:
    for user in (coordinator, caseworker):
        assert client_for(user).get(report_url(funded)).status_code == 403
        assert client_for(user).get(reverse("outcomes:funder:funded_list")).status_code == 403


def test_the_report_hides_a_cell_below_five_and_says_so(
    funded: Programme, funder: User, counted: None
) -> None:
    response = client_for(funder).get(report_url(funded), {"start": "2026-01-01", "end": "2026-06-30"})

    report = response.context["report"]
    assert report.suppressed is True
    # Three women and no non-binary person are both below five: hidden together, 12 - 9 gives
    # only their sum.
    assert report.table("probe").rows[0].cells == {"women": None, "men": 9, "non_binary": None, "total": 12}
    assert 'data-testid="suppressed-note"' in response.content.decode()


def probe_section(lines: list[list[str]]) -> list[list[str]]:
    """The CSV's section of the probe table: its title line up to the blank line after it."""
    start = lines.index(["Participants of the probe"])
    end = lines.index([], start) if [] in lines[start:] else len(lines)
    return lines[start:end]


def test_the_files_carry_the_suppressed_report(funded: Programme, funder: User, counted: None) -> None:
    client = client_for(funder)
    period = {"start": "2026-01-01", "end": "2026-06-30"}

    csv_file = client.get(reverse("outcomes:funder:funded_report_export", args=[funded.pk, "csv"]), period)
    xlsx = client.get(reverse("outcomes:funder:funded_report_export", args=[funded.pk, "xlsx"]), period)

    # The staff's report format: a section (a sheet) per table, a count per column, a hidden cell
    # empty and the table's note saying why.
    assert csv_file["Content-Disposition"] == (
        f'attachment; filename="raport-programme-{funded.pk}-2026-01-01-2026-06-30.csv"'
    )
    text = csv_file.content.decode("utf-8-sig")
    section = probe_section(list(csv.reader(io.StringIO(text), delimiter=";")))
    assert section[1] == ["Code", "Name", "women", "men", "non_binary", "total", "Note"]
    assert section[2] == ["participants", "Participants", "", "9", "", "12", ""]
    assert section[-1][0].startswith("Empty cells are hidden")
    assert "3" not in section[2]
    sheet = load_workbook(io.BytesIO(xlsx.content))["Participants of the probe"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    code, name, women, men, non_binary, total = values[1][:6]
    assert (code, name) == ("participants", "Participants")
    assert women is None
    assert non_binary is None
    assert (men, total) == (9, 12)
    assert values[-1][0].startswith("Empty cells are hidden")


def test_a_file_in_another_format_is_not_found(funded: Programme, funder: User, counted: None) -> None:
    export = reverse("outcomes:funder:funded_report_export", args=[funded.pk, "json"])

    assert client_for(funder).get(export).status_code == 404


def test_a_period_ending_before_it_starts_is_refused_naming_the_field(
    funded: Programme, funder: User
) -> None:
    response = client_for(funder).get(report_url(funded), {"start": "2026-06-30", "end": "2026-01-01"})

    assert response.status_code == 400
    assert response.context["form"].errors["end"] == ["The end of the period cannot be before its start."]


def test_an_impossible_date_is_refused_not_a_500(funded: Programme, funder: User) -> None:
    response = client_for(funder).get(report_url(funded), {"start": "2026-02-31", "end": "x"})

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"start", "end"}


def test_when_the_link_is_removed_she_no_longer_sees_the_report(
    funded: Programme, funder: User, funding_body: Organisation
) -> None:
    ProgrammeFunding.objects.filter(programme=funded, funder=funding_body).delete()

    assert client_for(funder).get(report_url(funded)).status_code == 404


def test_on_a_real_indicator_report_no_hidden_cell_can_be_recomputed(
    funded: Programme, funder: User, organisation: Organisation
) -> None:
    statuses = (
        ["unemployed"] * 4 + ["long_term_unemployed"] * 2 + ["inactive", "employed"] + ["unemployed"] * 3
    )
    sexes = ["woman"] * 8 + ["man"] * 3
    Programme.objects.filter(pk=funded.pk).update(places=20)
    gmina, _ = TercUnit.objects.get_or_create(
        code="3035022", defaults={"name": "Borówkowo", "kind": "gmina wiejska", "degurba": Degurba.RURAL}
    )
    answers = dict.fromkeys(
        ("disability", "third_country_national", "foreign_background", "minority", "homeless"), "no"
    )
    for index, (status, sex) in enumerate(zip(statuses, sexes, strict=True)):
        person = ParticipantFactory(
            organisation=organisation,
            sex=sex,
            labour_status=status,
            education=index % 6,
            gmina=gmina,
            **answers,
        )
        enrolment = services.enrolment_apply(actor=None, programme=funded, participant=person)
        services.enrolment_assess(actor=None, enrolment=enrolment)
        services.enrolment_enrol(actor=None, enrolment=Enrolment.objects.get(pk=enrolment.pk))
    today = timezone.localdate()
    period = Period(today - timedelta(days=30), today)
    original = build_report([funded], period, title="")

    published = selectors.funded_report_for_user(funder, funded.pk, period).report

    assert original.table("efs_outputs").row("EECO01").cells == {
        "women": 8,
        "men": 3,
        "non_binary": 0,
        "total": 11,
    }
    assert published.suppressed is True
    assert published.table("efs_outputs").row("EECO01").cells["men"] is None
    assert recomputable_by_rank(published, original) == []


def test_her_home_page_leads_to_the_funded_programmes(funder: User) -> None:
    page = client_for(funder).get(reverse("home")).content.decode()

    assert 'data-testid="landing-funder"' in page
    assert reverse("outcomes:funder:funded_list") in page
