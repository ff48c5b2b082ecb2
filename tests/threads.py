"""Work started in several threads at once, as double submits and parallel uploads arrive."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.db import OperationalError, connection


def in_parallel(count: int, work: Callable[[], object]) -> list[object]:
    """Runs ``work`` in ``count`` threads released together; each result or error, in any order.

    SQLite's shared in-memory test database refuses a second writer ("table is locked") where
    PostgreSQL makes it wait: there the loser simply tries again."""
    start = threading.Barrier(count)
    outcomes: list[object] = []

    def run() -> None:
        try:
            start.wait()
            for _attempt in range(100):
                try:
                    outcomes.append(work())
                    return
                except OperationalError:
                    time.sleep(0.05)
            outcomes.append(AssertionError("the database stayed locked"))
        except Exception as error:  # reported by the test, not swallowed
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
