#!/usr/bin/env python
"""Django's command-line utility, with start-up errors an operator can read.

A missing or malformed environment variable, or a database that cannot be reached, ends
with one clear line on the console and exit code 2 instead of a traceback.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegra.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        sys.stderr.write(f"Configuration error: {error}\nSee docs/configuration.md.\n")
        sys.exit(2)
    except OperationalError as error:
        from reintegra.database import describe

        url = describe(os.environ.get("DATABASE_URL", "sqlite:///var/reintegra.sqlite3"))
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        sys.stderr.write(
            f"Database error: cannot use the database at {url}: {first_line}\n"
            "Check that the database server is running and DATABASE_URL is correct.\n"
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
