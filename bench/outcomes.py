# ruff: noqa: S608 - the SQL here is built from table names and integers of our own, never input
"""The outcomes' part of `make bench`: the report's counts on PostgreSQL against DuckDB on Parquet.

The fill (PostgreSQL, set-based, after the participants and the attendance of ``bench.run``):
every participant not yet in a programme is enrolled in one of their organisation's programmes,
entering on a day between January 2023 and November 2026; six in ten have left, nine in ten of
those with an exit record (their situation on leaving), and those who left six months ago or more
a 6-month follow-up (recorded, unreachable or still due). Each enrolment has its entry snapshot,
one in fifty without the age (so not counted: the completeness rule). All values are fixed
functions of the row's id, so two fills are the same.

Then the kept counts are counted again (``rebuild_attendance_months``, and
``rebuild_indicator_counts`` where the indicators keep theirs), the same raw rows are exported to
Parquet (``COPY … TO STDOUT`` as CSV through psycopg, then DuckDB's ``COPY … TO '….parquet'``;
the entry snapshot's JSON flattened into columns and the session's start in Warsaw time, the only
two shapes changed), and each figure is computed twice, timed as the median of three warm runs:

* (a) the EFS+ output indicators of the largest programme and of its organisation for 2025;
* (b) organisation-wide for 2025, in the organisation that holds the attendance: the present
  marks, the distinct people who came (by sex) and the meetings by kind, and the result
  indicators (outcome counts).

The project's side is the report's own code (``outcomes.counts.period_counts`` for the indicators,
``outcomes.model_counts`` for attendance); DuckDB's is plain SQL over the Parquet files, written
here from docs/indicators.md. The bench fails unless both give the same numbers.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
from django.core.management import call_command, get_commands
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from reintegra.activities.models import Attendance, AttendanceMonth, Session
from reintegra.outcomes import model_counts
from reintegra.outcomes.counts import period_counts
from reintegra.outcomes.models import ExitRecord, FollowUp
from reintegra.outcomes.tables import MEN, NON_BINARY, TOTAL, WOMEN, Period
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, EntrySnapshot, Programme

YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))
FIRST_ENTRY = date(2023, 1, 2)
ENTRY_DAYS = 1400  # until November 2026
COLUMN_OF_SEX = {"woman": WOMEN, "man": MEN, "non_binary": NON_BINARY}
OUTPUT_CODES = [f"EECO{number:02d}" for number in range(1, 18)]
RESULT_CODES = [f"EECR{number:02d}" for number in range(1, 7)]
CLUB = "karnet-zalesie-2026"  # bench.activities fills its attendance there


# --- The fill ----------------------------------------------------------------------------------


def fill_outcomes() -> dict[str, float]:
    """Enrolments, entry snapshots, exits and 6-month follow-ups; seconds by step.

    A second fill adds nothing. What is there already is left out with ``NOT IN`` (a hash of the
    ids read once, hence the work memory), not ``NOT EXISTS``: against a table that starts empty
    the planner probes it row by row, and each probe reads every row the statement has inserted
    so far."""
    seconds: dict[str, float] = {}
    _a_programme_for_every_organisation()
    steps: list[tuple[str, Callable[[Any], None]]] = [
        ("enrolments", _enrolments),
        ("entry_snapshots", _snapshots),
        ("exits", _exits),
        ("follow_ups", _follow_ups),
    ]
    for name, step in steps:
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")  # no row-by-row key checks
            cursor.execute("SET LOCAL work_mem = '512MB'")  # each NOT IN's ids hashed in memory
            step(cursor)
        seconds[name] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for model in (Enrolment, EntrySnapshot, ExitRecord, FollowUp):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    seconds["vacuum_analyze"] = round(time.perf_counter() - start, 1)
    return seconds


def _a_programme_for_every_organisation() -> None:
    """An organisation whose people the fill spreads over but that runs no programme gets one,
    modelled on the demo's first (a KARnet15+ club): every participant is enrolled somewhere."""
    model = Programme.objects.filter(template__code="karnet15").order_by("pk").first()
    assert model is not None, "the demo has a KARnet15+ club"
    bare = (
        Participant.objects.exclude(organisation__programmes__isnull=False)
        .values_list("organisation_id", flat=True)
        .distinct()
        .order_by()
    )
    Programme.objects.bulk_create(
        Programme(
            organisation_id=organisation_id,
            template_id=model.template_id,
            code=f"lawka-{organisation_id}",
            name=f"Program ławki {organisation_id}",
            start_date=FIRST_ENTRY,
            end_date=date(2027, 12, 31),
            places=1_000_000,
        )
        for organisation_id in bare
    )


def _enrolments(cursor: Any) -> None:
    cursor.execute(
        f"""
        WITH programmes AS (
            SELECT organisation_id, array_agg(id ORDER BY id) AS ids
            FROM {Programme._meta.db_table} GROUP BY organisation_id
        )
        INSERT INTO {Enrolment._meta.db_table}
            (programme_id, participant_id, status, applied_at, priority, eligibility, group_id,
             offered_at, enrolled_on, left_on, exit_reason)
        SELECT programmes.ids[1 + person.id %% cardinality(programmes.ids)], person.id,
               CASE WHEN leaving.left_on IS NULL THEN 'enrolled' ELSE 'left' END,
               entry.entered_on::timestamptz, 0, '[]'::jsonb, NULL, NULL, entry.entered_on,
               leaving.left_on, CASE WHEN leaving.left_on IS NULL THEN '' ELSE 'completed' END
        FROM {Participant._meta.db_table} AS person
        JOIN programmes ON programmes.organisation_id = person.organisation_id
        CROSS JOIN LATERAL (
            SELECT %s::date + ((person.id * 7919) %% %s)::int AS entered_on
        ) AS entry
        CROSS JOIN LATERAL (
            SELECT CASE WHEN (person.id * 104729) %% 10 < 6
                         AND entry.entered_on + 30 + ((person.id * 31) %% 300)::int < CURRENT_DATE
                        THEN entry.entered_on + 30 + ((person.id * 31) %% 300)::int END AS left_on
        ) AS leaving
        WHERE person.id NOT IN (SELECT participant_id FROM {Enrolment._meta.db_table})
        """,
        [FIRST_ENTRY, ENTRY_DAYS],
    )


def _snapshots(cursor: Any) -> None:
    cursor.execute(
        f"""
        INSERT INTO {EntrySnapshot._meta.db_table} (enrolment_id, taken_at, data)
        SELECT enrolment.id, enrolment.applied_at, jsonb_build_object(
            'age_at_entry', CASE
                WHEN enrolment.id %% 50 = 0 THEN NULL
                ELSE date_part('year', age(enrolment.enrolled_on, person.birth_date))::int END,
            'sex', person.sex,
            'education', (enrolment.id * 17) %% 9,
            'labour_status', (ARRAY['unemployed', 'long_term_unemployed', 'inactive', 'employed'])
                             [1 + (enrolment.id * 13) %% 4],
            'pup_registration_date', CASE WHEN (enrolment.id * 13) %% 4 = 0
                THEN (enrolment.enrolled_on - ((enrolment.id * 7) %% 900)::int)::text END,
            'disability', (ARRAY['yes', 'no', 'no', 'refused'])[1 + (enrolment.id * 19) %% 4],
            'third_country_national',
                (ARRAY['yes', 'no', 'no', 'no', 'refused'])[1 + (enrolment.id * 23) %% 5],
            'foreign_background', (ARRAY['yes', 'no', 'no'])[1 + (enrolment.id * 37) %% 3],
            'minority',
                (ARRAY['yes', 'no', 'no', 'no', 'no', 'no', 'refused'])[1 + (enrolment.id * 41) %% 7],
            'homeless', (ARRAY['yes', 'no', 'no', 'no'])[1 + (enrolment.id * 43) %% 4],
            'rural', (enrolment.id * 29) %% 3 = 0
        )
        FROM {Enrolment._meta.db_table} AS enrolment
        JOIN {Participant._meta.db_table} AS person ON person.id = enrolment.participant_id
        WHERE enrolment.enrolled_on >= %s
          AND enrolment.id NOT IN (SELECT enrolment_id FROM {EntrySnapshot._meta.db_table})
        """,
        [FIRST_ENTRY],
    )


def _exits(cursor: Any) -> None:
    cursor.execute(
        f"""
        INSERT INTO {ExitRecord._meta.db_table}
            (enrolment_id, left_on, planned_completion, job_seeking, in_education, qualification_gained,
             qualification_document, employed, employment_form, weekly_hours, other_situation,
             recorded_by_id, recorded_at)
        SELECT enrolment.id, enrolment.left_on, flags.planned, flags.seeking, flags.learning,
               flags.qualified, CASE WHEN flags.qualified THEN 'Zaświadczenie' ELSE '' END,
               flags.employed, CASE WHEN flags.employed THEN 'employment' ELSE '' END,
               CASE WHEN flags.employed THEN 40 END,
               NOT (flags.seeking OR flags.learning OR flags.qualified OR flags.employed),
               NULL, enrolment.left_on::timestamptz
        FROM {Enrolment._meta.db_table} AS enrolment
        CROSS JOIN LATERAL (
            SELECT (enrolment.id * 3) %% 4 <> 0 AS planned, (enrolment.id * 5) %% 3 = 0 AS seeking,
                   (enrolment.id * 11) %% 5 = 0 AS learning, (enrolment.id * 13) %% 6 = 0 AS qualified,
                   (enrolment.id * 7) %% 5 < 2 AS employed
        ) AS flags
        WHERE enrolment.left_on IS NOT NULL AND enrolment.enrolled_on >= %s AND enrolment.id %% 10 <> 0
          AND enrolment.id NOT IN (SELECT enrolment_id FROM {ExitRecord._meta.db_table})
        """,
        [FIRST_ENTRY],
    )


def _follow_ups(cursor: Any) -> None:
    cursor.execute(
        f"""
        INSERT INTO {FollowUp._meta.db_table}
            (enrolment_id, months, due_on, status, contacted_on, channel, employed, employment_form,
             weekly_hours, job_seeking, in_education, improvement, recorded_by_id, recorded_at)
        SELECT record.enrolment_id, 6, due.due_on, state.status,
               CASE WHEN state.status = 'done' THEN due.due_on END,
               CASE WHEN state.status = 'done' THEN 'phone' ELSE '' END,
               state.status = 'done' AND state.employed,
               CASE WHEN state.status = 'done' AND state.employed THEN 'employment' ELSE '' END,
               NULL, state.status = 'done' AND NOT state.employed, FALSE,
               CASE WHEN state.status = 'done' AND state.employed AND record.enrolment_id %% 3 = 0
                    THEN (ARRAY['stable', 'full_time', 'higher_competence', 'promotion'])
                         [1 + (record.enrolment_id / 3) %% 4]
                    ELSE '' END,
               NULL, CASE WHEN state.status = 'done' THEN due.due_on::timestamptz END
        FROM {ExitRecord._meta.db_table} AS record
        CROSS JOIN LATERAL (SELECT (record.left_on + interval '6 months')::date AS due_on) AS due
        CROSS JOIN LATERAL (
            SELECT CASE WHEN record.enrolment_id %% 10 < 7 THEN 'done'
                        WHEN record.enrolment_id %% 10 = 7 THEN 'unreachable' ELSE 'due' END AS status,
                   (record.enrolment_id * 17) %% 2 = 0 AS employed
        ) AS state
        WHERE due.due_on <= CURRENT_DATE
          AND record.enrolment_id NOT IN (SELECT enrolment_id FROM {FollowUp._meta.db_table} WHERE months = 6)
        """,
        [],  # with parameters, so that %% reads as %
    )


def rebuild_kept_counts() -> dict[str, float]:
    """Seconds to count the kept rows again after the bulk fill, per command."""
    seconds: dict[str, float] = {}
    for command in ("rebuild_attendance_months", "rebuild_indicator_counts"):
        if command not in get_commands():
            continue
        start = time.perf_counter()
        call_command(command, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        seconds[command] = round(time.perf_counter() - start, 1)
    return seconds


# --- The export --------------------------------------------------------------------------------

# Each Parquet file: the SELECT that reads it from PostgreSQL, and its columns' types for DuckDB.
EXPORTS: dict[str, tuple[str, dict[str, str]]] = {
    "participants": (
        f"SELECT id, sex FROM {Participant._meta.db_table}",
        {"id": "BIGINT", "sex": "VARCHAR"},
    ),
    "enrolments": (
        f"SELECT id, programme_id, participant_id, enrolled_on, left_on FROM {Enrolment._meta.db_table}",
        {
            "id": "BIGINT",
            "programme_id": "BIGINT",
            "participant_id": "BIGINT",
            "enrolled_on": "DATE",
            "left_on": "DATE",
        },
    ),
    "entry_snapshots": (
        f"""SELECT enrolment_id, data->>'sex', (data->>'age_at_entry')::int, (data->>'education')::int,
                   data->>'labour_status', (data->>'pup_registration_date')::date, data->>'disability',
                   data->>'third_country_national', data->>'foreign_background', data->>'minority',
                   data->>'homeless', (data->>'rural')::boolean
            FROM {EntrySnapshot._meta.db_table}""",
        {
            "enrolment_id": "BIGINT",
            "sex": "VARCHAR",
            "age_at_entry": "INTEGER",
            "education": "INTEGER",
            "labour_status": "VARCHAR",
            "pup_registration_date": "DATE",
            "disability": "VARCHAR",
            "third_country_national": "VARCHAR",
            "foreign_background": "VARCHAR",
            "minority": "VARCHAR",
            "homeless": "VARCHAR",
            "rural": "BOOLEAN",
        },
    ),
    "exits": (
        f"""SELECT enrolment_id, left_on, job_seeking, in_education, qualification_gained, employed
            FROM {ExitRecord._meta.db_table}""",
        {
            "enrolment_id": "BIGINT",
            "left_on": "DATE",
            "job_seeking": "BOOLEAN",
            "in_education": "BOOLEAN",
            "qualification_gained": "BOOLEAN",
            "employed": "BOOLEAN",
        },
    ),
    "follow_ups": (
        f"SELECT enrolment_id, months, status, employed, improvement FROM {FollowUp._meta.db_table}",
        {
            "enrolment_id": "BIGINT",
            "months": "INTEGER",
            "status": "VARCHAR",
            "employed": "BOOLEAN",
            "improvement": "VARCHAR",
        },
    ),
    "sessions": (
        f"""SELECT id, programme_id, kind, (starts_at AT TIME ZONE 'Europe/Warsaw') AS starts_local
            FROM {Session._meta.db_table}""",
        {"id": "BIGINT", "programme_id": "BIGINT", "kind": "VARCHAR", "starts_local": "TIMESTAMP"},
    ),
    "attendance": (
        f"SELECT session_id, participant_id, present, hours FROM {Attendance._meta.db_table}",
        {"session_id": "BIGINT", "participant_id": "BIGINT", "present": "BOOLEAN", "hours": "DECIMAL(4,2)"},
    ),
}


def export_parquet(folder: Path) -> dict[str, Any]:
    """Every table of ``EXPORTS`` to ``folder/<name>.parquet``; seconds and rows."""
    figures: dict[str, Any] = {}
    duck = duckdb.connect()
    for name, (select, columns) in EXPORTS.items():
        start = time.perf_counter()
        csv = folder / f"{name}.csv"
        with connection.cursor() as cursor, csv.open("wb") as out:
            raw = cursor.cursor  # psycopg's own cursor: COPY streams through it
            with raw.copy(f"COPY ({select}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    out.write(block)
        types = ", ".join(f"'{column}': '{kind}'" for column, kind in columns.items())
        duck.execute(
            f"COPY (SELECT * FROM read_csv('{csv}', header = false, columns = {{{types}}}, "
            f"allow_quoted_nulls = false)) TO '{folder / name}.parquet' (FORMAT parquet)"
        )
        csv.unlink()
        rows = duck.execute(f"SELECT count(*) FROM read_parquet('{folder / name}.parquet')").fetchone()
        figures[name] = {"rows": rows[0] if rows else 0, "seconds": round(time.perf_counter() - start, 1)}
    duck.close()
    return figures


# --- The same counts in DuckDB ---------------------------------------------------------------


def duck_connection(folder: Path) -> duckdb.DuckDBPyConnection:
    duck = duckdb.connect()
    for name in EXPORTS:
        duck.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{folder / name}.parquet')")
    return duck


def _in_list(ids: list[int]) -> str:
    return ", ".join(str(int(pk)) for pk in ids)


def duck_indicators(
    duck: duckdb.DuckDBPyConnection, programme_ids: list[int], period: Period
) -> dict[str, dict[str, int]]:
    """docs/indicators.md in SQL: the facts that count (completeness), each indicator by its date."""
    answers = "('yes', 'no', 'refused')"
    outputs = {
        "EECO01": "TRUE",
        "EECO02": "labour_status IN ('unemployed', 'long_term_unemployed')",
        "EECO03": "labour_status = 'long_term_unemployed' OR (labour_status = 'unemployed' "
        "AND pup_registration_date IS NOT NULL "
        "AND pup_registration_date + to_months(CASE WHEN age_at_entry < 25 THEN 6 ELSE 12 END) "
        "< enrolled_on)",
        "EECO04": "labour_status = 'inactive'",
        "EECO05": "labour_status = 'employed'",
        "EECO06": "age_at_entry BETWEEN 0 AND 17",
        "EECO07": "age_at_entry BETWEEN 18 AND 29",
        "EECO08": "age_at_entry >= 55",
        "EECO09": "education BETWEEN 0 AND 2",
        "EECO10": "education BETWEEN 3 AND 4",
        "EECO11": "education BETWEEN 5 AND 8",
        "EECO12": "disability = 'yes'",
        "EECO13": "third_country_national = 'yes'",
        "EECO14": "foreign_background = 'yes'",
        "EECO15": "minority = 'yes'",
        "EECO16": "homeless = 'yes'",
        "EECO17": "rural",
    }
    results = {
        "EECR01": "job_seeking",
        "EECR02": "in_education",
        "EECR03": "qualification_gained",
        "EECR04": "exit_employed",
        "EECR05": "six_status = 'done' AND six_employed",
        "EECR06": "six_status = 'done' AND labour_status = 'employed' AND coalesce(improvement, '') <> ''",
    }
    within = f"BETWEEN DATE '{period.start.isoformat()}' AND DATE '{period.end.isoformat()}'"
    counts = ",\n".join(
        [
            f"count(*) FILTER (WHERE enrolled_on {within} AND ({rule})) AS {code}"
            for code, rule in outputs.items()
        ]
        + [
            f"count(*) FILTER (WHERE exit_on {within} AND ({rule})) AS {code}"
            for code, rule in results.items()
        ]
    )
    rows = duck.execute(
        f"""
        WITH facts AS (
            SELECT enrolment.enrolled_on, snapshot.*, record.left_on AS exit_on, record.job_seeking,
                   record.in_education, record.qualification_gained, record.employed AS exit_employed,
                   six.status AS six_status, six.employed AS six_employed, six.improvement
            FROM enrolments AS enrolment
            JOIN entry_snapshots AS snapshot ON snapshot.enrolment_id = enrolment.id
            LEFT JOIN exits AS record ON record.enrolment_id = enrolment.id
            LEFT JOIN (SELECT * FROM follow_ups WHERE months = 6) AS six ON six.enrolment_id = enrolment.id
            WHERE enrolment.programme_id IN ({_in_list(programme_ids)})
        ), counted AS (
            SELECT * FROM facts
            WHERE enrolled_on IS NOT NULL AND sex IN ('woman', 'man', 'non_binary')
              AND age_at_entry IS NOT NULL AND education BETWEEN 0 AND 8
              AND labour_status IN ('unemployed', 'long_term_unemployed', 'inactive', 'employed')
              AND disability IN {answers} AND third_country_national IN {answers}
              AND foreign_background IN {answers} AND minority IN {answers} AND homeless IN {answers}
              AND rural IS NOT NULL
        )
        SELECT sex, {counts} FROM counted GROUP BY sex
        """
    ).fetchall()
    codes = list(outputs) + list(results)
    found = {code: dict.fromkeys((WOMEN, MEN, NON_BINARY), 0) for code in codes}
    for sex, *values in rows:
        for code, value in zip(codes, values, strict=True):
            found[code][COLUMN_OF_SEX[sex]] = value
    return found


def duck_attendance(
    duck: duckdb.DuckDBPyConnection, programme_ids: list[int], period: Period
) -> dict[str, Any]:
    """Present marks, distinct people who came by sex, meetings held by kind: sessions by their
    start in Warsaw, meetings held once started."""
    held_until = timezone.localtime().replace(tzinfo=None).isoformat(sep=" ")
    start, after = period.start.isoformat(), date.fromordinal(period.end.toordinal() + 1).isoformat()
    chosen = f"""programme_id IN ({_in_list(programme_ids)})
        AND starts_local >= TIMESTAMP '{start}' AND starts_local < TIMESTAMP '{after}'"""
    marks = duck.execute(
        f"""
        SELECT count(*) FROM attendance JOIN sessions ON sessions.id = attendance.session_id
        WHERE attendance.present AND {chosen}
        """
    ).fetchone()
    people = duck.execute(
        f"""
        SELECT participants.sex, count(DISTINCT attendance.participant_id)
        FROM attendance JOIN sessions ON sessions.id = attendance.session_id
        JOIN participants ON participants.id = attendance.participant_id
        WHERE attendance.present AND {chosen}
        GROUP BY participants.sex
        """
    ).fetchall()
    kinds = duck.execute(
        f"""
        SELECT kind, count(*) FROM sessions
        WHERE {chosen} AND starts_local < TIMESTAMP '{held_until}' GROUP BY kind
        """
    ).fetchall()
    by_sex = dict.fromkeys((WOMEN, MEN, NON_BINARY), 0) | {COLUMN_OF_SEX[sex]: n for sex, n in people}
    return {
        "marks": marks[0] if marks else 0,
        "people": by_sex | {TOTAL: sum(by_sex.values())},
        "meetings": {kind: n for kind, n in kinds if n},
    }


# --- The project's own report ---------------------------------------------------------------


def our_attendance(programmes: list[Programme], period: Period) -> dict[str, Any]:
    meetings = model_counts.meetings_table(programmes, period)
    by_sex = model_counts.attended_by_sex(programmes, period)
    people = {column: by_sex.get(sex, 0) for sex, column in COLUMN_OF_SEX.items()}
    return {
        "marks": model_counts.present_count(programmes, period),
        "people": people | {TOTAL: sum(people.values())},
        "meetings": {
            row.code.removeprefix("meetings_"): row.cells[TOTAL]
            for row in meetings.rows
            if row.code != "meetings_all" and row.cells[TOTAL]
        },
    }


def _median(run: Callable[[], Any], times: int = 3) -> tuple[Any, float]:
    """The answer and the median of ``times`` warm runs (one run first to warm the caches)."""
    answer = run()
    durations = []
    for _ in range(times):
        start = time.perf_counter()
        again = run()
        durations.append(time.perf_counter() - start)
        assert again == answer, "a count changed between two runs"
    return answer, statistics.median(durations)


def _pick(counts: dict[str, dict[str, int]], codes: list[str]) -> dict[str, dict[str, int]]:
    return {code: dict(counts[code]) for code in codes}


def compare(folder: Path) -> dict[str, Any]:
    """Every figure timed on both sides; fails when a number differs."""
    duck = duck_connection(folder)
    # The busiest programme of an organisation that runs several: its report and its organisation's
    # differ.
    several = (
        Programme.objects.values("organisation_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values("organisation_id")
    )
    busiest = (
        Enrolment.objects.filter(entry_snapshot__isnull=False, programme__organisation_id__in=several)
        .values("programme_id")
        .order_by()
        .annotate(n=Count("pk"))
        .order_by("-n", "programme_id")
        .first()
    )
    assert busiest is not None, "the fill enrols the participants"
    programme = Programme.objects.get(pk=busiest["programme_id"])
    organisation_ids = list(
        Programme.objects.filter(organisation_id=programme.organisation_id).values_list("pk", flat=True)
    )
    club = Programme.objects.get(code=CLUB)
    club_ids = list(
        Programme.objects.filter(organisation_id=club.organisation_id).values_list("pk", flat=True)
    )
    club_programmes = list(Programme.objects.filter(pk__in=club_ids).select_related("template"))

    cases: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
        "(a) output indicators, one programme": (
            lambda: _pick(period_counts([programme.pk], YEAR), OUTPUT_CODES),
            lambda: _pick(duck_indicators(duck, [programme.pk], YEAR), OUTPUT_CODES),
        ),
        "(a) output indicators, the organisation": (
            lambda: _pick(period_counts(organisation_ids, YEAR), OUTPUT_CODES),
            lambda: _pick(duck_indicators(duck, organisation_ids, YEAR), OUTPUT_CODES),
        ),
        "(b) attendance counts, organisation-wide": (
            lambda: our_attendance(club_programmes, YEAR),
            lambda: duck_attendance(duck, club_ids, YEAR),
        ),
        "(b) outcome counts, organisation-wide": (
            lambda: _pick(period_counts(club_ids, YEAR), RESULT_CODES),
            lambda: _pick(duck_indicators(duck, club_ids, YEAR), RESULT_CODES),
        ),
    }
    figures: dict[str, Any] = {
        "programme": programme.code,
        "programme_enrolments": busiest["n"],
        "organisation_programmes": len(organisation_ids),
        "organisation_enrolments": Enrolment.objects.filter(programme_id__in=organisation_ids).count(),
        "attendance_organisation_programmes": len(club_ids),
        "period": f"{YEAR.start}–{YEAR.end}",
    }
    for name, (ours, theirs) in cases.items():
        our_answer, our_seconds = _median(ours)
        duck_answer, duck_seconds = _median(theirs)
        assert our_answer == duck_answer, f"{name}: the report says {our_answer}, DuckDB {duck_answer}"
        figures[name] = {
            "postgresql_ms": round(our_seconds * 1000, 1),
            "duckdb_ms": round(duck_seconds * 1000, 1),
            "ratio": round(our_seconds / duck_seconds, 2),
            "numbers": our_answer,
        }
    duck.close()
    return figures


def run() -> dict[str, Any]:
    """Fill, rebuild, export, compare: the figures of bench/results/outcomes-latest.json."""
    result: dict[str, Any] = {"when": datetime.now().astimezone().isoformat(timespec="seconds")}
    result["fill_seconds"] = fill_outcomes()
    result["rebuild_seconds"] = rebuild_kept_counts()
    result["rows"] = {
        "participants": Participant.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "entry_snapshots": EntrySnapshot.objects.count(),
        "exits": ExitRecord.objects.count(),
        "follow_ups_6": FollowUp.objects.filter(months=6).count(),
        "attendance": Attendance.objects.count(),
        "attendance_months": AttendanceMonth.objects.count(),
    }
    with tempfile.TemporaryDirectory(prefix="reintegra-parquet-") as folder:
        result["export"] = export_parquet(Path(folder))
        result["compare"] = compare(Path(folder))
    return result


def print_figures(result: dict[str, Any]) -> None:
    rows = result["rows"]
    print(
        f"outcomes: {rows['participants']:,} participants, {rows['enrolments']:,} enrolments, "
        f"{rows['entry_snapshots']:,} entry snapshots, {rows['exits']:,} exits, "
        f"{rows['follow_ups_6']:,} 6-month follow-ups, {rows['attendance']:,} attendance rows "
        f"({rows['attendance_months']:,} kept person-months)"
    )
    print(f"  fill {result['fill_seconds']} s; kept counts rebuilt {result['rebuild_seconds']} s")
    exported = ", ".join(f"{name} {figure['seconds']} s" for name, figure in result["export"].items())
    print(f"  exported to Parquet: {exported}")
    compared = result["compare"]
    print(
        f"  {compared['period']}; programme {compared['programme']} "
        f"({compared['programme_enrolments']:,} enrolments with an entry snapshot), its organisation "
        f"({compared['organisation_programmes']} programmes, "
        f"{compared['organisation_enrolments']:,} enrolments)"
    )
    width = max(len(name) for name in compared if name.startswith("(")) + 2
    print(f"  {'':<{width}}{'PostgreSQL ms':>15}{'DuckDB ms':>11}{'ratio':>8}")
    for name, figure in compared.items():
        if name.startswith("("):
            print(
                f"  {name:<{width}}{figure['postgresql_ms']:>15}{figure['duckdb_ms']:>11}{figure['ratio']:>8}"
            )
