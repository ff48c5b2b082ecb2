"""Acceptance: a programme of 30 people built by hand, every indicator checked against numbers
worked out by hand below (docs/indicators.md), not by calling the counting code.

The people (W woman, M man, N non-binary; age and ISCED at entry; "pup" = registered at the PUP
since; every answer "no" and a city residence unless said otherwise):

 #  sex age ISCED status    also                     entry       exit (situation)           follow-up
 1  W   17  2   inactive                             2026-01-15
 2  W   16  1   inactive    minority                 2026-01-20  2026-06-30 education
 3  M   17  2   inactive    rural                    2026-02-02  2026-07-31 education+qualif.
 4  W   18  3   unemployed                           2026-02-10  2026-08-14 job-seeking  3 months: employed
 5  W   22  3   unemployed  pup 2025-06-01: LTU (<25) 2026-02-10 2026-05-29 employed  6m employed, full time
 6  M   25  4   unemployed  pup 2025-06-01: not LTU  2026-03-02
 7  M   29  5   LTU                                  2026-03-02  2026-09-30 employed+qualif.
 8  N   19  3   inactive    disability, rural        2026-03-16  2026-04-30 education  6m still due
 9  W   30  6   employed                             2026-03-16  2026-06-15 employed  6m employed, stable
10  W   45  3   employed    homeless                 2026-04-01  2026-06-15 employed  6m employed
11  M   54  2   unemployed  pup 2024-12-01: LTU      2026-04-01  2026-06-01 job-seeking  6m not employed
12  M   55  1   LTU         disability               2026-04-15
13  W   60  0   inactive    third-country, foreign   2026-04-15  2026-10-01 other
14  W   38  7   employed    foreign bg.              2026-05-04  2026-07-15 employed  6m employed, promoted
15  M   41  4   employed    town (DEGURBA 2)         2026-05-04  2026-07-15 employed  6m unreachable
16  N   27  6   unemployed  minority, disability refused 2026-05-18
17  W   33  3   unemployed  pup 2026-01-05           2026-06-01  2026-11-30 employed
18  W   57  2   inactive    disability, homeless, rural 2026-06-01 2026-08-31 job-seeking
19  M   20  3   employed    third-country            2026-06-15
20  M   35  5   inactive    refuses all five answers 2026-07-01  2026-09-15 education
21  W   50  8   employed                             2026-07-01
22  W   28  3   LTU         rural                    2026-08-03  2026-12-31 job-seeking
23  M   62  3   employed                             2026-08-03
24  W   24  4   unemployed  pup 2025-08-02: exactly 6 months, not LTU  2026-02-02
25  N   44  2   employed    homeless                 2026-09-01  2026-10-30 employed
26  W   31  –   inactive    education missing        2026-09-01  2026-10-30 employed
27  M   40  3   unemployed  disability unanswered    2026-09-15
28  W   36  5   unemployed                           2025-12-10  2026-03-31 employed  6m employed
29  M   26  3   inactive                             2026-11-02  2027-01-15 employed
30  W   52  4   employed    in another organisation's programme, 2026-05-05

In 2026: 26 and 27 count nowhere (incomplete), 30 is not ours, 28 entered before the period (results
only), 29 left after it (outputs only). So the outputs count 1–25 and 29: 13 women, 10 men, 3
non-binary.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from reintegra.accounts.models import Organisation, User
from reintegra.outcomes.counts import rebuild_counts
from reintegra.outcomes.reports.services import OUTPUTS, RESULTS, indicator_report
from reintegra.outcomes.tables import Period, Report
from reintegra.programmes import services
from reintegra.programmes.models import Enrolment, Programme
from tests.factories import ProgrammeFactory
from tests.outcomes.indicator_people import enrol, follow_up, leave, noon

pytestmark = pytest.mark.django_db

YEAR_2026 = Period(date(2026, 1, 1), date(2026, 12, 31))
D = date.fromisoformat
REFUSED = dict.fromkeys(
    ("disability", "third_country_national", "foreign_background", "minority", "homeless"), "refused"
)

PEOPLE: list[tuple[int, dict[str, Any], str]] = [
    (1, {"sex": "woman", "age": 17, "education": 2, "labour_status": "inactive"}, "2026-01-15"),
    (
        2,
        {"sex": "woman", "age": 16, "education": 1, "labour_status": "inactive", "minority": "yes"},
        "2026-01-20",
    ),
    (3, {"sex": "man", "age": 17, "education": 2, "labour_status": "inactive", "degurba": 3}, "2026-02-02"),
    (4, {"sex": "woman", "age": 18, "education": 3, "labour_status": "unemployed"}, "2026-02-10"),
    (
        5,
        {
            "sex": "woman",
            "age": 22,
            "education": 3,
            "labour_status": "unemployed",
            "pup_registration_date": D("2025-06-01"),
        },
        "2026-02-10",
    ),
    (
        6,
        {
            "sex": "man",
            "age": 25,
            "education": 4,
            "labour_status": "unemployed",
            "pup_registration_date": D("2025-06-01"),
        },
        "2026-03-02",
    ),
    (7, {"sex": "man", "age": 29, "education": 5, "labour_status": "long_term_unemployed"}, "2026-03-02"),
    (
        8,
        {
            "sex": "non_binary",
            "age": 19,
            "education": 3,
            "labour_status": "inactive",
            "disability": "yes",
            "degurba": 3,
        },
        "2026-03-16",
    ),
    (9, {"sex": "woman", "age": 30, "education": 6, "labour_status": "employed"}, "2026-03-16"),
    (
        10,
        {"sex": "woman", "age": 45, "education": 3, "labour_status": "employed", "homeless": "yes"},
        "2026-04-01",
    ),
    (
        11,
        {
            "sex": "man",
            "age": 54,
            "education": 2,
            "labour_status": "unemployed",
            "pup_registration_date": D("2024-12-01"),
        },
        "2026-04-01",
    ),
    (
        12,
        {
            "sex": "man",
            "age": 55,
            "education": 1,
            "labour_status": "long_term_unemployed",
            "disability": "yes",
        },
        "2026-04-15",
    ),
    (
        13,
        {
            "sex": "woman",
            "age": 60,
            "education": 0,
            "labour_status": "inactive",
            "third_country_national": "yes",
            "foreign_background": "yes",
        },
        "2026-04-15",
    ),
    (
        14,
        {"sex": "woman", "age": 38, "education": 7, "labour_status": "employed", "foreign_background": "yes"},
        "2026-05-04",
    ),
    (15, {"sex": "man", "age": 41, "education": 4, "labour_status": "employed", "degurba": 2}, "2026-05-04"),
    (
        16,
        {
            "sex": "non_binary",
            "age": 27,
            "education": 6,
            "labour_status": "unemployed",
            "minority": "yes",
            "disability": "refused",
        },
        "2026-05-18",
    ),
    (
        17,
        {
            "sex": "woman",
            "age": 33,
            "education": 3,
            "labour_status": "unemployed",
            "pup_registration_date": D("2026-01-05"),
        },
        "2026-06-01",
    ),
    (
        18,
        {
            "sex": "woman",
            "age": 57,
            "education": 2,
            "labour_status": "inactive",
            "disability": "yes",
            "homeless": "yes",
            "degurba": 3,
        },
        "2026-06-01",
    ),
    (
        19,
        {
            "sex": "man",
            "age": 20,
            "education": 3,
            "labour_status": "employed",
            "third_country_national": "yes",
        },
        "2026-06-15",
    ),
    (20, {"sex": "man", "age": 35, "education": 5, "labour_status": "inactive", **REFUSED}, "2026-07-01"),
    (21, {"sex": "woman", "age": 50, "education": 8, "labour_status": "employed"}, "2026-07-01"),
    (
        22,
        {"sex": "woman", "age": 28, "education": 3, "labour_status": "long_term_unemployed", "degurba": 3},
        "2026-08-03",
    ),
    (23, {"sex": "man", "age": 62, "education": 3, "labour_status": "employed"}, "2026-08-03"),
    (
        24,
        {
            "sex": "woman",
            "age": 24,
            "education": 4,
            "labour_status": "unemployed",
            "pup_registration_date": D("2025-08-02"),
        },
        "2026-02-02",
    ),
    (
        25,
        {"sex": "non_binary", "age": 44, "education": 2, "labour_status": "employed", "homeless": "yes"},
        "2026-09-01",
    ),
    (26, {"sex": "woman", "age": 31, "education": None, "labour_status": "inactive"}, "2026-09-01"),
    (
        27,
        {"sex": "man", "age": 40, "education": 3, "labour_status": "unemployed", "disability": ""},
        "2026-09-15",
    ),
    (28, {"sex": "woman", "age": 36, "education": 5, "labour_status": "unemployed"}, "2025-12-10"),
    (29, {"sex": "man", "age": 26, "education": 3, "labour_status": "inactive"}, "2026-11-02"),
]

EXITS: list[tuple[int, str, dict[str, bool]]] = [
    (2, "2026-06-30", {"in_education": True}),
    (3, "2026-07-31", {"in_education": True, "qualification_gained": True}),
    (4, "2026-08-14", {"job_seeking": True}),
    (5, "2026-05-29", {"employed": True}),
    (7, "2026-09-30", {"employed": True, "qualification_gained": True}),
    (8, "2026-04-30", {"in_education": True}),
    (9, "2026-06-15", {"employed": True}),
    (10, "2026-06-15", {"employed": True}),
    (11, "2026-06-01", {"job_seeking": True}),
    (13, "2026-10-01", {}),
    (14, "2026-07-15", {"employed": True}),
    (15, "2026-07-15", {"employed": True}),
    (17, "2026-11-30", {"employed": True}),
    (18, "2026-08-31", {"job_seeking": True}),
    (20, "2026-09-15", {"in_education": True}),
    (22, "2026-12-31", {"job_seeking": True}),
    (25, "2026-10-30", {"employed": True}),
    (26, "2026-10-30", {"employed": True}),
    (28, "2026-03-31", {"employed": True}),
    (29, "2027-01-15", {"employed": True}),
]

FOLLOW_UPS: list[tuple[int, dict[str, Any]]] = [
    (4, {"months": 3, "employed": True}),  # not the 6-month one: counts nowhere
    (5, {"employed": True, "improvement": "full_time"}),  # not employed at entry: no EECR06
    (8, {"status": "due"}),
    (9, {"employed": True, "improvement": "stable"}),
    (10, {"employed": True}),
    (11, {"employed": False}),
    (14, {"employed": True, "improvement": "promotion"}),
    (15, {"status": "unreachable"}),
    (28, {"employed": True}),
]


@pytest.fixture
def programme(
    organisation: Organisation, coordinator: User, other_organisation: Organisation, outsider_admin: User
) -> Programme:
    ours: Programme = ProgrammeFactory(organisation=organisation, places=100, start_date=date(2025, 12, 1))
    theirs: Programme = ProgrammeFactory(
        organisation=other_organisation, places=100, start_date=date(2026, 1, 1)
    )
    people: dict[int, Enrolment] = {}
    for number, characteristics, entry in PEOPLE:
        people[number] = enrol(ours, coordinator, on=D(entry), **characteristics)
    enrol(theirs, outsider_admin, on=D("2026-05-05"), age=52, education=4, labour_status="employed")  # 30
    for number, left_on, situation in EXITS:
        leave(people[number], coordinator, on=D(left_on), **situation)
    for number, answers in FOLLOW_UPS:
        follow_up(Enrolment.objects.get(pk=people[number].pk), **answers)
    return ours


def cells(report: Report, table: str) -> dict[str, tuple[float | None, ...]]:
    return {
        row.code: (row.cells["women"], row.cells["men"], row.cells["non_binary"], row.cells["total"])
        for row in report.table(table).rows
    }


#                 women men non-binary total
OUTPUTS_2026 = {
    "EECO01": (13, 10, 3, 26),
    "EECO02": (5, 4, 1, 10),  # 4 5 17 22 24 | 6 7 11 12 | 16
    "EECO03": (2, 3, 0, 5),  # 5 22 | 7 11 12
    "EECO04": (4, 3, 1, 8),  # 1 2 13 18 | 3 20 29 | 8
    "EECO05": (4, 3, 1, 8),  # 9 10 14 21 | 15 19 23 | 25
    "EECO06": (2, 1, 0, 3),  # 1 2 | 3
    "EECO07": (4, 4, 2, 10),  # 4 5 22 24 | 6 7 19 29 | 8 16
    "EECO08": (2, 2, 0, 4),  # 13 18 | 12 23
    "EECO09": (4, 3, 1, 8),  # 1 2 13 18 | 3 11 12 | 25
    "EECO10": (6, 5, 1, 12),  # 4 5 10 17 22 24 | 6 15 19 23 29 | 8
    "EECO11": (3, 2, 1, 6),  # 9 14 21 | 7 20 | 16
    "EECO12": (1, 1, 1, 3),  # 18 | 12 | 8
    "EECO13": (1, 1, 0, 2),  # 13 | 19
    "EECO14": (2, 0, 0, 2),  # 13 14
    "EECO15": (1, 0, 1, 2),  # 2 | 16
    "EECO16": (2, 0, 1, 3),  # 10 18 | 25
    "EECO17": (2, 1, 1, 4),  # 18 22 | 3 | 8
}
RESULTS_2026 = {
    "EECR01": (3, 1, 0, 4),  # 4 18 22 | 11
    "EECR02": (1, 2, 1, 4),  # 2 | 3 20 | 8
    "EECR03": (0, 2, 0, 2),  # 3 7
    "EECR04": (6, 2, 1, 9),  # 5 9 10 14 17 28 | 7 15 | 25
    "EECR05": (5, 0, 0, 5),  # 5 9 10 14 28
    "EECR06": (2, 0, 0, 2),  # 9 14
}


def test_every_indicator_of_the_year_matches_the_count_by_hand(
    programme: Programme, coordinator: User
) -> None:
    report = indicator_report(user=coordinator, period=YEAR_2026, programme=programme.pk)

    assert cells(report, OUTPUTS) == OUTPUTS_2026
    assert cells(report, RESULTS) == RESULTS_2026


def test_a_period_with_partial_months_matches_the_count_by_hand(
    programme: Programme, coordinator: User
) -> None:
    # Entries 10 February – 15 June: 4 5 9 10 13 14 17 18 | 6 7 11 12 15 19 | 8 16;
    # exits: 5 9 10 28 employed, 8 in education, 11 job-seeking.
    spring = Period(date(2026, 2, 10), date(2026, 6, 15))

    report = indicator_report(user=coordinator, period=spring, programme=programme.pk)

    outputs, results = cells(report, OUTPUTS), cells(report, RESULTS)
    assert outputs["EECO01"] == (8, 6, 2, 16)
    assert outputs["EECO06"] == (0, 0, 0, 0)
    assert results["EECR01"] == (0, 1, 0, 1)
    assert results["EECR02"] == (0, 0, 1, 1)
    assert results["EECR04"] == (4, 0, 0, 4)
    assert results["EECR05"] == (4, 0, 0, 4)
    assert results["EECR06"] == (1, 0, 0, 1)


def test_the_organisation_counts_a_person_in_two_programmes_in_each(
    programme: Programme, coordinator: User, organisation: Organisation
) -> None:
    second: Programme = ProgrammeFactory(organisation=organisation, places=10)
    person = Enrolment.objects.get(
        programme=programme, participant__sex="woman", entry_snapshot__data__age_at_entry=17
    ).participant

    with time_machine.travel(noon(date(2026, 3, 1)), tick=False):
        enrolment = services.enrolment_apply(actor=coordinator, programme=second, participant=person)
        services.enrolment_enrol(
            actor=coordinator, enrolment=services.enrolment_assess(actor=coordinator, enrolment=enrolment)
        )

    report = indicator_report(user=coordinator, period=YEAR_2026, organisation=organisation.pk)

    assert cells(report, OUTPUTS)["EECO01"] == (14, 10, 3, 27)
    assert cells(report, OUTPUTS)["EECO06"] == (3, 1, 0, 4)


def test_the_kept_counts_are_what_a_rebuild_gives(programme: Programme, coordinator: User) -> None:
    rebuild_counts()

    report = indicator_report(user=coordinator, period=YEAR_2026, programme=programme.pk)

    assert cells(report, OUTPUTS) == OUTPUTS_2026
    assert cells(report, RESULTS) == RESULTS_2026
