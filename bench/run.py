"""`make bench`: fills a PostgreSQL database at scale and measures pages against a bare view.

The database is filled by ``seed_demo --participants N`` and then ``seed_demo --meetings M``
(people spread over organisations; case assignments, meetings and next steps, with a full
caseload for the demo case worker and one person with thousands of meetings).

Every page is requested through Django's test client after a real log-in, so the bare view
and the measured pages pass the same middleware, session and log-in; the figures are ratios
of the page's median and p95 to the bare view's, timed in turn with the page. Results are
written to bench/results/ as JSON.

Log-in (the form's POST with the demo password) and a printed meeting summary (PDF) are timed
the same way; beside the log-in stands the password check alone, the share the hasher takes.

Attendance (``bench/activities.py``): ``--attendance R`` rows (default 20,000,000) filled by the
database in a KARnet15+ club of the demo, then a leader's and a room's week, a session's
attendance page, a person's file (its attendance summary) and the POST marking 30 people.

Outcomes (``bench/outcomes.py``, PostgreSQL): enrolments, entry snapshots, exits and 6-month
follow-ups for every participant, the kept counts rebuilt, the same raw data exported to Parquet,
and the report's counts (output indicators of a programme and of an organisation; attendance and
outcome counts organisation-wide for a year) timed against DuckDB on the Parquet files, the
numbers asserted equal; ``--no-outcomes`` skips it, ``--outcomes-only`` runs only it.

Matching (``bench/matching.py``: vectorised scores against the plain loop, on generated data, no
database) runs after the pages; ``--no-matching`` skips it, ``python -m bench.matching`` runs it alone.

Planner (``bench/planner.py``: the visit planner against exact optima and against itself with ten
times the time limit, on generated instances, no database) runs after the matching;
``--no-planner`` skips it, ``python -m bench.planner`` runs it alone.

Usage: python -m bench.run [--participants N] [--meetings M] [--attendance R] [--requests K]
       [--explain] [--no-fill]
       [--login-and-pdf] (only the log-in and the PDF, e.g. on a small SQLite fill) [--no-matching]
       [--no-planner]
       [--activities-only] (only the attendance pages, results as activities-latest.json)
       [--outcomes-only] [--no-outcomes] (the report against DuckDB, results as outcomes-latest.json;
       a quick try: --outcomes-only --participants 20000 --attendance 200000)

``--no-fill`` measures a database an earlier run filled (DATABASE_URL pointing at a kept
cluster), to measure again without the eight minutes of filling.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.contrib.auth.hashers import check_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import activities, matching, outcomes, planner  # noqa: E402
from reintegra.accounts.models import User  # noqa: E402
from reintegra.casework.models import CaseAssignment, Meeting, NextStep  # noqa: E402
from reintegra.demo.context import DEMO_PASSWORD  # noqa: E402
from reintegra.demo.scale_casework import heavy_participant_of  # noqa: E402
from reintegra.demo.scale_people import pesel_for  # noqa: E402
from reintegra.people.identifiers import pesel_birth_date, search_key  # noqa: E402
from reintegra.people.models import Participant  # noqa: E402
from reintegra.programmes.imports.services import participants_import  # noqa: E402
from reintegra.programmes.models import Programme  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
BENCH_WORKER = "pracownik.mops"  # the demo case worker; the fill gives them a full caseload


BARE_URL = "/bench/bare/"


def timed(
    client: Client, url: str, requests: int, *, request: Callable[[Client, str], Any] | None = None
) -> dict[str, Any]:
    """The page's times, each request followed by one of the bare view (``request`` asks for the
    page some other way than a GET, and answers 200 or a redirect).

    This machine's speed drifts by half over minutes; a ratio against a bare view timed minutes
    earlier moves with it. Interleaved, the page and its baseline share every moment, and the
    ratios are of the page's median and p95 to the bare view's in the same window.
    """
    ask = request or (lambda client, url: client.get(url))
    for _ in range(5):
        assert ask(client, url).status_code in {200, 302}, url
        client.get(BARE_URL)
    durations, bare = [], []
    for _ in range(requests):
        start = time.perf_counter()
        response = ask(client, url)
        durations.append(time.perf_counter() - start)
        assert response.status_code in {200, 302}, url
        start = time.perf_counter()
        client.get(BARE_URL)
        bare.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        ask(client, url)
    median, p95 = _median_p95(durations)
    bare_median, bare_p95 = _median_p95(bare)
    return {
        "url": url,
        "median_ms": round(median * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
        "bare_median_ms": round(bare_median * 1000, 2),
        "bare_p95_ms": round(bare_p95 * 1000, 2),
        "median_ratio": round(median / bare_median, 2),
        "p95_ratio": round(p95 / bare_p95, 2),
        "queries": len(queries),
    }


def _median_p95(durations: list[float]) -> tuple[float, float]:
    durations = sorted(durations)
    return statistics.median(durations), durations[int(len(durations) * 0.95) - 1]


def fill(participants: int, meetings: int, attendance: int) -> dict[str, float]:
    """Seconds: the demo and the participants, then case work, then statistics (PostgreSQL),
    then attendance (PostgreSQL only: the database makes it)."""
    seconds: dict[str, float] = {}
    call_command("migrate", verbosity=0)
    quiet = io.StringIO()
    start = time.perf_counter()
    call_command("seed_demo", participants=participants, stdout=quiet)
    seconds["participants"] = time.perf_counter() - start
    start = time.perf_counter()
    call_command("seed_demo", once=True, meetings=meetings, stdout=quiet)
    seconds["meetings"] = time.perf_counter() - start
    start = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # As autovacuum would leave a settled database: statistics, visibility map, hint bits.
            for model in (CaseAssignment, Meeting, NextStep):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
            cursor.execute("ANALYZE")
    seconds["vacuum_analyze"] = time.perf_counter() - start
    if attendance and connection.vendor == "postgresql":
        start = time.perf_counter()
        activities.fill_attendance(attendance)
        seconds["attendance"] = time.perf_counter() - start
    return seconds


def measure_activities(requests: int, explain: bool = False) -> dict[str, dict[str, Any]]:
    """The attendance pages as the club's coordinator, and the POST marking 30 people (with
    ``explain``, the pages' plans to explain-activities-latest.txt)."""

    def logged_in(user: User) -> Client:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    client, pages, shown = activities.pages(logged_in)
    figures = _timed_pages(client, {"bare view": lambda: BARE_URL, **pages}, requests)
    url, post = activities.marking(shown["session"])
    name = "mark attendance of 30 (POST)"
    try:
        figures[name] = timed(client, url, requests, request=post)
    except Exception as error:
        print(f"{name}: {error!r}")
        figures[name] = {"url": url, "error": repr(error)}
    figures["bare view"]["shown"] = shown
    if explain:
        write_explains(client, {name: url() for name, url in pages.items()}, "explain-activities-latest.txt")
    return figures


def measure(requests: int, explain: bool, *, login_and_pdf: bool = False) -> dict[str, dict[str, Any]]:
    worker = User.objects.get(username=BENCH_WORKER)
    client = Client()
    client.force_login(worker, backend="django.contrib.auth.backends.ModelBackend")
    person = Participant.objects.filter(organisation__memberships__user=worker).order_by("pk").last()
    assert person is not None
    heavy = heavy_participant_of(worker)
    assert heavy is not None, "the fill gives the bench worker a caseload"
    deep = deep_page(heavy)
    meeting = Meeting.objects.filter(participant_id=heavy).order_by("pk").values_list("pk", flat=True)[0]
    printed: dict[str, Callable[[], str]] = {
        "meeting summary PDF": lambda: f"/casework/meetings/{meeting}/pdf/",
    }
    if login_and_pdf:
        return measure_login(worker, requests) | _timed_pages(client, printed, requests)
    pages: dict[str, Callable[[], str]] = {
        "bare view": lambda: BARE_URL,
        "participant list": lambda: "/participants/",
        "participant file": lambda: f"/participants/{person.pk}/",
        "search by name": lambda: "/participants/?q=zolkiewska",
        "search by PESEL prefix": lambda: "/participants/?q=8501",
        "caseload": lambda: "/casework/",
        "caseload: all overdue steps": lambda: "/casework/caseload/steps/",
        "caseload: all people": lambda: "/casework/caseload/people/",
        "heavy file": lambda: f"/participants/{heavy}/",
        "heavy meetings p1": lambda: f"/casework/participant/{heavy}/meetings/",
        "heavy meetings deep": lambda: f"/casework/participant/{heavy}/meetings/?page={deep}",
        **printed,
    }
    figures = measure_login(worker, requests) | _timed_pages(client, pages, requests)
    if explain:
        write_explains(client, {name: url() for name, url in pages.items() if "error" not in figures[name]})
    return figures


def _timed_pages(
    client: Client, pages: dict[str, Callable[[], str]], requests: int
) -> dict[str, dict[str, Any]]:
    figures: dict[str, dict[str, Any]] = {}
    for name, url in pages.items():
        try:
            figures[name] = timed(client, url(), requests)
        except Exception as error:  # one broken page must not cost the whole fill
            print(f"{name}: {error!r}")
            figures[name] = {"url": url(), "error": repr(error)}
    return figures


def measure_login(worker: User, requests: int) -> dict[str, dict[str, Any]]:
    """The log-in form's POST with the right password (a fresh session each time), and the
    password check alone: what the hasher's rounds cost of it."""
    url = "/accounts/login/"
    credentials = {"username": worker.username, "password": DEMO_PASSWORD}

    def log_in(client: Client, url: str) -> Any:
        client.logout()
        return client.post(url, credentials)

    client = Client()
    client.force_login(worker, backend="django.contrib.auth.backends.ModelBackend")
    figures = {"log-in": timed(client, url, max(requests // 4, 5), request=log_in)}
    checks = []
    for _ in range(5):
        start = time.perf_counter()
        assert check_password(DEMO_PASSWORD, User.objects.get(pk=worker.pk).password)
        checks.append(time.perf_counter() - start)
    figures["log-in"]["password_check_ms"] = round(statistics.median(checks) * 1000, 2)
    return figures


def deep_page(participant_id: int) -> int:
    """The last page the capped paginator offers (500 at 20 a page), or the last there is."""
    from reintegra.casework.selectors import PAGE_SIZE
    from reintegra.pagination import COUNT_CAP

    shown = min(Meeting.objects.filter(participant_id=participant_id).count(), COUNT_CAP)
    return max(1, -(-shown // PAGE_SIZE))


def write_explains(client: Client, pages: dict[str, str], filename: str = "explain-latest.txt") -> None:
    """EXPLAIN ANALYZE of every SELECT each page runs, to bench/results/explain-latest.txt."""
    if connection.vendor != "postgresql":
        return
    lines: list[str] = []
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        lines.append(f"=== {name}: {url} ({len(queries)} queries)")
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                lines.append(f"-- {sql[:160]}")
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                plan = [row[0] for row in cursor.fetchall()]
            lines += [f"-- {query['time']} s: {sql[:400]}", *plan, ""]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / filename).write_text("\n".join(lines) + "\n")


def casework_figures() -> dict[str, Any]:
    worker = User.objects.get(username=BENCH_WORKER)
    heavy = heavy_participant_of(worker) or 0
    return {
        "meetings": Meeting.objects.count(),
        "next_steps": NextStep.objects.count(),
        "active_assignments": CaseAssignment.objects.filter(ended_on__isnull=True).count(),
        "bench_worker": BENCH_WORKER,
        "bench_worker_people": CaseAssignment.objects.filter(worker=worker, ended_on__isnull=True).count(),
        "heavy_participant": heavy,
        "heavy_meetings": Meeting.objects.filter(participant_id=heavy).count(),
    }


def import_rows(count: int) -> bytes:
    """A CSV of ``count`` valid, distinct people in the import format (docs/import.md)."""
    lines = ["imie;nazwisko;pesel;plec;teryt_gminy;miejscowosc"]
    for index in range(count):
        birth = date(1970, 1, 1) + timedelta(days=(index // 1000) % 15_000)
        female = index % 2 == 0
        pesel = pesel_for(birth, index % 1000, female)
        first, sex = ("Anna", "K") if female else ("Jan", "M")
        lines.append(f"{first};Importowa{index % 97};{pesel};{sex};3035022;Borówkowo")
    return ("\n".join(lines) + "\n").encode()


def measure_import(count: int) -> dict[str, Any]:
    """The full import (validation, audit) against a plain bulk insert of the same people."""
    programme = Programme.objects.get(code="mcaz-2026")
    raw = import_rows(count)
    start = time.perf_counter()
    with transaction.atomic():
        report = participants_import(actor=None, programme=programme, source=io.BytesIO(raw))
        assert report.ok, report.problems[:5]
        full = time.perf_counter() - start
        transaction.set_rollback(True)
    people = [
        Participant(
            organisation_id=programme.organisation_id,
            first_name=first,
            last_name=last,
            pesel=pesel,
            birth_date=pesel_birth_date(pesel),
            sex="woman" if sex == "K" else "man",
            search_key=search_key(last, first),
        )
        for first, last, pesel, sex, _gmina, _town in (
            line.split(";") for line in raw.decode().splitlines()[1:]
        )
    ]
    start = time.perf_counter()
    with transaction.atomic():
        Participant.objects.bulk_create(people, batch_size=5_000)
        plain = time.perf_counter() - start
        transaction.set_rollback(True)
    return {
        "rows": count,
        "full_import_s": round(full, 2),
        "bulk_insert_s": round(plain, 2),
        "ratio": round(full / plain, 1),
    }


def _database_name() -> str:
    if connection.vendor == "postgresql":
        version = connection.pg_version  # type: ignore[attr-defined]
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    return connection.vendor


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--meetings", type=int, default=10_000_000)
    parser.add_argument(
        "--attendance", type=int, default=20_000_000, help="attendance rows to fill (PostgreSQL; 0: none)"
    )
    parser.add_argument(
        "--activities-only",
        action="store_true",
        help="measure only the attendance pages (a small --participants/--meetings fill is enough)",
    )
    parser.add_argument(
        "--outcomes-only",
        action="store_true",
        help="only the report against DuckDB (no case work filled, no pages measured)",
    )
    parser.add_argument("--no-outcomes", action="store_true", help="skip the report against DuckDB")
    parser.add_argument("--explain", action="store_true", help="write EXPLAIN ANALYZE of every page")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--import-rows", type=int, default=100_000, help="0 skips the import")
    parser.add_argument(
        "--login-and-pdf", action="store_true", help="measure only the log-in and the PDF, no import"
    )
    parser.add_argument(
        "--no-fill",
        action="store_true",
        help="measure the database as an earlier run filled it (DATABASE_URL)",
    )
    parser.add_argument("--no-matching", action="store_true", help="skip the matching benchmark")
    parser.add_argument("--no-planner", action="store_true", help="skip the visit planner's benchmark")
    args = parser.parse_args()

    if args.outcomes_only:
        args.meetings = 0
    fill_seconds = {} if args.no_fill else fill(args.participants, args.meetings, args.attendance)
    if args.outcomes_only:
        measure_outcomes()
        return
    if args.activities_only:
        figures = {}
    else:
        figures = measure(args.requests, args.explain, login_and_pdf=args.login_and_pdf)
    if not args.login_and_pdf and connection.vendor == "postgresql":
        figures |= {
            f"activities: {name}": figure
            for name, figure in measure_activities(args.requests, args.explain).items()
        }

    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": _database_name(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "participants": Participant.objects.count(),
        "casework": casework_figures() if not args.activities_only else None,
        "fill_seconds": round(sum(fill_seconds.values()), 1),
        "fill_seconds_by_step": {step: round(seconds, 1) for step, seconds in fill_seconds.items()},
        "pages": figures,
        "import": (
            measure_import(args.import_rows)
            if args.import_rows and not (args.login_and_pdf or args.activities_only)
            else None
        ),
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    # A partial run keeps the full figures.
    kind = "login-pdf" if args.login_and_pdf else "activities" if args.activities_only else "pages"
    for path in (RESULTS / f"{kind}-{stamp}.json", RESULTS / f"{kind}-latest.json"):
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    casework: dict[str, Any] | None = result["casework"]  # type: ignore[assignment]
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in fill_seconds.items())
    print(
        f"{result['participants']:,} participants on {result['database']} "
        f"(filled in {result['fill_seconds']} s: {steps})"
    )
    if casework is not None:
        print(
            f"{casework['meetings']:,} meetings and {casework['next_steps']:,} next steps; "
            f"caseload of {casework['bench_worker']}: {casework['bench_worker_people']} people; "
            f"heavy file: participant {casework['heavy_participant']} "
            f"with {casework['heavy_meetings']:,} meetings"
        )
    shown = figures.get("activities: bare view", {}).get("shown")
    if shown:
        print(
            f"{shown['attendance_rows']:,} attendance rows, {shown['sessions']:,} sessions; the session "
            f"measured has {shown['session_marks']} marks, its leader {shown['leader_sessions']:,} sessions, "
            f"its room {shown['venue_sessions']:,}, the person {shown['person_marks']:,} marks"
        )
    width = max(26, *(len(name) + 2 for name in figures))
    header = f"{'median ms':>11}{'p95 ms':>9}{'× bare (median)':>17}{'× bare (p95)':>14}{'queries':>9}"
    print(f"{'page':<{width}}{header}")
    for name, figure in figures.items():
        if "error" in figure:
            print(f"{name:<{width}}failed: {figure['error']}")
            continue
        print(
            f"{name:<{width}}{figure['median_ms']:>11}{figure['p95_ms']:>9}"
            f"{figure['median_ratio']:>17}{figure['p95_ratio']:>14}{figure['queries']:>9}"
        )
        if "password_check_ms" in figure:
            print(f"{'  of it the password check':<{width}}{figure['password_check_ms']:>11}")

    imported: dict[str, Any] | None = result["import"]  # type: ignore[assignment]
    if imported is not None:
        print(
            f"import of {imported['rows']:,} rows: {imported['full_import_s']} s with validation and audit, "
            f"{imported['bulk_insert_s']} s as a plain bulk insert ({imported['ratio']}×)"
        )
    if not (args.no_outcomes or args.login_and_pdf or args.activities_only):
        measure_outcomes()
    if not (args.no_matching or args.login_and_pdf or args.activities_only):
        matching.main([])
    if not (args.no_planner or args.login_and_pdf or args.activities_only):
        planner.main([])


def measure_outcomes() -> None:
    """The report against DuckDB (PostgreSQL only), to bench/results/outcomes-*.json."""
    if connection.vendor != "postgresql":
        print("outcomes: PostgreSQL only (the fill and the export are the database's own SQL)")
        return
    result = outcomes.run() | {"database": _database_name()}
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for path in (RESULTS / f"outcomes-{stamp}.json", RESULTS / "outcomes-latest.json"):
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")
    outcomes.print_figures(result)


if __name__ == "__main__":
    main()
