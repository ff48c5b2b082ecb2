"""What the log says: one line for a refused request, nothing from the libraries at work.

A request the client got wrong (403, 404, 400) is logged by Django with its traceback, which says
nothing an operator can act on and buries the lines that matter; ``OneLineForClientErrors``
keeps the line and drops the traceback. Server errors (5xx) keep theirs.
"""

from __future__ import annotations

import logging

# Libraries that talk at INFO about their own work: WeasyPrint prints every step of every PDF
# ("Step 2 - Fetching and parsing CSS"), fontTools every font it subsets.
QUIET_LIBRARIES = ("weasyprint", "fontTools")


class OneLineForClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
