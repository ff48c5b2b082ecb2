"""The navigation a user sees depends on the roles they hold.

Every main area is one click or one disclosure away from every page (the brand is the link
home): a few links stand alone, the rest are grouped (people, sessions, programmes,
administration), each group a ``<details>`` that opens without JavaScript, so the bar fits a
1366 px laptop and folds behind the menu button on a phone. A group with a single link for this
user is shown as that link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.accounts import policy


@dataclass(frozen=True)
class NavLink:
    url: str
    label: Promise | str
    active: bool = False


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: Promise | str
    links: list[NavLink] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any(link.active for link in self.links)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}

    def link(name: str, label: Promise | str) -> NavLink:
        url = reverse(name)
        return NavLink(url, label, active=request.path == url)

    def allowed(*pairs: tuple[str, str, Promise | str]) -> list[NavLink]:
        return [
            link(name, label) for permission, name, label in pairs if policy.holds_anywhere(user, permission)
        ]

    people = allowed(
        ("participant.view", "people:participant_list", _("Participants")),
        ("participant.view", "ownpage:entries_awaiting", _("Entries awaiting confirmation")),
        ("referral.view", "partnership:referral_inbox", _("Referrals")),
        ("placement.view", "employers:placements:list", _("Placements")),
    )
    sessions = allowed(
        ("session.view", "activities:my_calendar", _("Calendar")),
        ("venue.view", "activities:venue_list", _("Venues")),
        ("session.view", "activities:overview", _("Sessions and votes")),
        ("outreach.view", "outreach:team_list", _("Mobile teams")),
    )
    programmes = allowed(
        ("programme.view", "programmes:list", _("Programmes")),
        ("programme.manage", "imports:start", _("Import")),
        ("questionnaire.manage", "questionnaires:list", _("Questionnaires")),
        # Staff training (reintegra/training): trainings, supervision, required training.
        ("training.view", "training:training_list", _("Staff training")),
    )
    employers = allowed(
        ("employer.list", "employers:employer_list", _("Employers")),
        ("employer.list", "employers:offer_list", _("Offers")),
        ("survey.manage", "employers:surveys:round_list", _("Needs surveys")),
        ("survey.manage", "employers:surveys:demand", _("Employers' demand")),
        ("fair.view", "employers:fairs:fair_list", _("Job fairs")),
        ("contest.view", "employers:fairs:contest_list", _("CSR employer contest")),
    )
    # Outcomes (reintegra/outcomes): the reports and what each part adds.
    outcomes = allowed(
        ("report.view", "outcomes:reports:report", _("Reports")),
        ("report.completeness", "outcomes:reports:completeness", _("Data completeness")),
        ("evaluation.view", "outcomes:evaluation:report", _("Evaluation surveys")),
        ("funding.manage", "outcomes:funder:funding_list", _("Funding bodies")),
        ("dashboard.view", "outcomes:dashboards:index", _("Dashboards")),
        ("exit.view", "outcomes:exits:follow_ups_due", _("Follow-ups after the exit")),
        ("reach.view", "outcomes:reach:programmes", _("Reach")),
        ("cost.view", "outcomes:costs:programmes", _("Costs")),
    )
    administration = allowed(
        ("user.list", "accounts:user_list", _("Team")),
        ("audit.view", "audit:entry_list", _("Audit log")),
    )
    # The brand is the link home; a participant's main area is her own page.
    items: list[NavLink | NavGroup] = []
    items += allowed(
        ("own_page.view", "ownpage:own_page", _("My page")),
        ("casework.view", "casework:caseload", _("Caseload")),
        # An employer contact's main area: her company's sites and offers.
        ("employer.own", "employers:own_home", _("Your company")),
    )
    if not policy.holds_anywhere(user, "fair.view"):
        # An employer contact's job fairs: those open for sign-up and her stands.
        items += allowed(("fair.sign_up", "employers:fairs:employer_fairs", _("Job fairs")))
    # An employer contact's candidates: the people proposed for her employer's offers.
    items += allowed(("placement.employer", "employers:placements:candidates", _("Candidates")))
    # An employer contact's needs surveys: the rounds sent to her employer.
    items += allowed(("survey.answer", "employers:surveys:my_surveys", _("Needs surveys")))
    # A funder's reviewer's main area: the reports of the programmes her body funds.
    items += allowed(("report.funded", "outcomes:funder:funded_list", _("Funded programmes")))
    for key, label, links in (
        ("people", _("People"), people),
        ("sessions", _("Sessions"), sessions),
        ("programmes", _("Programmes"), programmes),
        ("employers", _("Employers"), employers),
        ("outcomes", pgettext_lazy("navigation", "Outcomes"), outcomes),
        ("administration", _("Administration"), administration),
    ):
        if len(links) > 1:
            items.append(NavGroup(key, label, links))
        else:
            items += links
    items.append(link("notifications:list", _("Notifications")))
    return {"nav_items": items}


def nav_links(items: list[NavLink | NavGroup]) -> list[NavLink]:
    """Every link of the navigation, those inside groups included (for tests and checks)."""
    return [item for entry in items for item in (entry.links if isinstance(entry, NavGroup) else [entry])]
