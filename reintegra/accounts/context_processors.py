"""The navigation a user sees depends on the roles they hold."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reintegra.accounts import policy


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [(reverse("home"), _("Home"))]
    if policy.holds_anywhere(user, "casework.view"):
        items.append((reverse("casework:caseload"), _("Caseload")))
    if policy.holds_anywhere(user, "participant.view"):
        items.append((reverse("people:participant_list"), _("Participants")))
    if policy.holds_anywhere(user, "user.list"):
        items.append((reverse("accounts:user_list"), _("Team")))
    if policy.holds_anywhere(user, "programme.manage"):
        items.append((reverse("imports:start"), _("Import")))
    if policy.holds_anywhere(user, "programme.view"):
        items.append((reverse("programmes:list"), _("Programmes")))
    if policy.holds_anywhere(user, "questionnaire.manage"):
        items.append((reverse("questionnaires:list"), _("Questionnaires")))
    if policy.holds_anywhere(user, "employer.list"):
        items.append((reverse("employers:employer_list"), _("Employers")))
    if policy.holds_anywhere(user, "employer.own"):
        items.append((reverse("employers:own_home"), _("Your company")))
    if policy.holds_anywhere(user, "referral.view"):
        items.append((reverse("partnership:referral_inbox"), _("Referrals")))
    items.append((reverse("notifications:list"), _("Notifications")))
    if policy.holds_anywhere(user, "audit.view"):
        items.append((reverse("audit:entry_list"), _("Audit log")))
    return {"nav_items": [{"url": url, "label": label} for url, label in items]}
