"""Lock-outs after failed log-ins (django-axes), with a limit per user and one per address.

django-axes counts the failures of each lock-out parameter set and holds them all to one limit.
Two limits are needed here:

* a user name from one address (``AXES_FAILURE_LIMIT``, 5): guessing one person's password;
* one address across all user names (``AXES_ADDRESS_FAILURE_LIMIT``, 20): password spraying, a
  few common passwords tried on many names. Higher, because an office behind one address holds
  many people, and one person's typos must not lock out the rest of the office.

``AXES_LOCKOUT_PARAMETERS`` lists the two sets in that order. The address's failures are scaled
to the one limit axes compares with, so it locks at its own. A successful log-in clears the
user's failures, not the address's: else a sprayer with one valid account could wipe the count.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest


class UserAndAddressLimitsHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        attempts = self.get_user_attempts(request, credentials)
        by_user, by_address = (_failures(matching) for matching in attempts)
        limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.AXES_ADDRESS_FAILURE_LIMIT
        # At least ``limit`` exactly when the address has reached its own limit.
        return max(by_user, by_address * limit // address_limit)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        by_user = self.filter_user_attempts(request, credentials)[0]
        count, _deleted = by_user.delete()
        return count


def _failures(attempts: QuerySet[Any]) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
