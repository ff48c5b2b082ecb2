"""`make bench`: fills a PostgreSQL database at scale and measures pages against a bare view.

Every page is requested through Django's test client after a real log-in, so the bare view
and the measured pages pass the same middleware, session and log-in; the figures are ratios
of the page's median and p95 to the bare view's, measured in the same run. Results are
written to bench/results/ as JSON.

Usage: python -m bench.run [--participants N] [--requests K]
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

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from reintegra.accounts.models import Organisation, User  # noqa: E402
from reintegra.people.identifiers import pesel_birth_date, search_key  # noqa: E402
from reintegra.people.imports.services import participants_import  # noqa: E402
from reintegra.people.models import Participant  # noqa: E402
from reintegra.people.scale import fill_participants, pesel_for  # noqa: E402
from reintegra.programmes.models import Programme  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def timed(client: Client, url: str, requests: int) -> dict[str, Any]:
    for _ in range(5):
        assert client.get(url).status_code == 200, url
    durations = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        durations.append(time.perf_counter() - start)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    durations.sort()
    return {
        "url": url,
        "median_ms": round(statistics.median(durations) * 1000, 2),
        "p95_ms": round(durations[int(len(durations) * 0.95) - 1] * 1000, 2),
        "queries": len(queries),
    }


def fill(participants: int) -> float:
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    existing = Participant.objects.count()
    missing = max(0, participants - existing)
    organisations = list(Organisation.objects.filter(memberships__role="case_worker").distinct()[:4])
    if missing:
        fill_participants(missing, organisations)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
    return time.perf_counter() - start


def measure(requests: int) -> dict[str, dict[str, Any]]:
    worker = User.objects.get(username="pracownik.mops")
    client = Client()
    client.force_login(worker, backend="django.contrib.auth.backends.ModelBackend")
    person = Participant.objects.filter(organisation__memberships__user=worker).order_by("pk").last()
    assert person is not None
    pages: dict[str, Callable[[], str]] = {
        "bare view": lambda: "/bench/bare/",
        "participant list": lambda: "/participants/",
        "participant file": lambda: f"/participants/{person.pk}/",
        "search by name": lambda: "/participants/?q=zolkiewska",
        "search by PESEL prefix": lambda: "/participants/?q=8501",
    }
    return {name: timed(client, url(), requests) for name, url in pages.items()}


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
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--import-rows", type=int, default=100_000)
    args = parser.parse_args()

    fill_seconds = fill(args.participants)
    figures = measure(args.requests)
    bare = figures["bare view"]
    for figure in figures.values():
        figure["median_ratio"] = round(figure["median_ms"] / bare["median_ms"], 2)
        figure["p95_ratio"] = round(figure["p95_ms"] / bare["p95_ms"], 2)

    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": _database_name(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "participants": Participant.objects.count(),
        "fill_seconds": round(fill_seconds, 1),
        "pages": figures,
        "import": measure_import(args.import_rows),
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for path in (RESULTS / f"pages-{stamp}.json", RESULTS / "pages-latest.json"):
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    print(
        f"{result['participants']:,} participants on {result['database']} "
        f"(filled in {result['fill_seconds']} s)"
    )
    print(
        f"{'page':<26}{'median ms':>11}{'p95 ms':>9}{'× bare (median)':>17}{'× bare (p95)':>14}{'queries':>9}"
    )
    for name, figure in figures.items():
        print(
            f"{name:<26}{figure['median_ms']:>11}{figure['p95_ms']:>9}"
            f"{figure['median_ratio']:>17}{figure['p95_ratio']:>14}{figure['queries']:>9}"
        )

    imported: dict[str, Any] = result["import"]  # type: ignore[assignment]
    print(
        f"import of {imported['rows']:,} rows: {imported['full_import_s']} s with validation and audit, "
        f"{imported['bulk_insert_s']} s as a plain bulk insert ({imported['ratio']}×)"
    )


if __name__ == "__main__":
    main()
