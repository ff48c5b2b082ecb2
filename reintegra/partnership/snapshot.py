"""What a referral may carry: a fixed list of field groups, and the snapshot taken of them.

The sender ticks groups from ``REFERABLE_FIELDS``; ``take_snapshot`` copies exactly those values
of the person at sending time into plain JSON, and ``snapshot_rows`` shows them to the reader
with labels in the reader's language. The reason for referral always goes with it.

========================  ============================================================
group                     values copied
========================  ============================================================
``name``                  first and last name
``birth_date``            birth date
``pesel``                 PESEL
``contact``               phone and e-mail
``address``               street and number, postal code, locality, gmina
``education``             education level (ISCED)
``labour_status``         labour-market status and the date of PUP registration
``disadvantages``         disability, third-country national, foreign background,
                          minority, homelessness (special-category data, art. 9 RODO)
``questionnaire``         the latest questionnaire's name, version, date and score
                          (never its answers)
========================  ============================================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from reintegra.people.models import Isced, LabourStatus, Participant, SensitiveAnswer
from reintegra.questionnaires.selectors import latest_response_for_user

if TYPE_CHECKING:
    from reintegra.accounts.models import User

REFERABLE_FIELDS: dict[str, Any] = {
    "name": _("first and last name"),
    "birth_date": _("birth date"),
    "pesel": _("PESEL"),
    "contact": _("contact phone and e-mail"),
    "address": _("address"),
    "education": _("education"),
    "labour_status": _("labour-market status"),
    "disadvantages": _("disadvantages (disability, foreign background, minority, homelessness)"),
    "questionnaire": _("the latest questionnaire: name, date and score (not the answers)"),
}

# Groups that hold special-category data and need an art. 9 basis or the matching consent.
SPECIAL_CATEGORY_FIELDS = frozenset({"disadvantages"})

DISADVANTAGES: dict[str, Any] = {
    "disability": _("disability"),
    "third_country_national": _("third-country national"),
    "foreign_background": _("foreign background"),
    "minority": _("national or ethnic minority"),
    "homeless": _("homeless or affected by housing exclusion"),
}


def take_snapshot(participant: Participant, fields: list[str], *, reader: User) -> dict[str, Any]:
    """Plain JSON values of the chosen groups only, as the person's file says now (the latest
    questionnaire response, if asked for, is read for ``reader`` and logged so)."""
    p = participant
    values: dict[str, Any] = {
        "name": lambda: {"first_name": p.first_name, "last_name": p.last_name},
        "birth_date": lambda: p.birth_date.isoformat(),
        "pesel": lambda: p.pesel,
        "contact": lambda: {"phone": p.phone, "email": p.email},
        "address": lambda: {
            "street_address": p.street_address,
            "postal_code": p.postal_code,
            "locality": p.locality,
            "gmina": p.gmina.name if p.gmina else "",
        },
        "education": lambda: p.education,
        "labour_status": lambda: {
            "status": p.labour_status,
            "pup_registration_date": p.pup_registration_date.isoformat() if p.pup_registration_date else "",
        },
        "disadvantages": lambda: {key: getattr(p, key) for key in DISADVANTAGES},
        "questionnaire": lambda: _latest_questionnaire(p, reader),
    }
    return {key: values[key]() for key in REFERABLE_FIELDS if key in fields}


def _latest_questionnaire(participant: Participant, reader: User) -> dict[str, Any] | None:
    """What the latest response says in summary, never its answers."""
    response = latest_response_for_user(reader, participant)
    if response is None:
        return None
    return {
        "name": response.version.questionnaire.name,
        "version": response.version.number,
        "filled_on": response.filled_on.isoformat(),
        "score": response.score,
    }


def _label(choices: type[Any], value: Any) -> str:
    if value in (None, ""):
        return "—"
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def snapshot_rows(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) rows of what was referred, in the fixed order, for the page."""
    rows: list[tuple[str, str]] = []
    if "name" in snapshot:
        rows.append((str(_("first name")), snapshot["name"]["first_name"]))
        rows.append((str(_("last name")), snapshot["name"]["last_name"]))
    if "birth_date" in snapshot:
        rows.append((str(REFERABLE_FIELDS["birth_date"]), snapshot["birth_date"]))
    if "pesel" in snapshot:
        rows.append((str(REFERABLE_FIELDS["pesel"]), snapshot["pesel"] or "—"))
    if "contact" in snapshot:
        rows.append((str(_("phone")), snapshot["contact"]["phone"] or "—"))
        rows.append((str(_("e-mail")), snapshot["contact"]["email"] or "—"))
    if "address" in snapshot:
        address = snapshot["address"]
        place = " ".join(part for part in (address["postal_code"], address["locality"]) if part)
        text = ", ".join(part for part in (address["street_address"], place) if part)
        if address["gmina"]:
            text = f"{text} ({_('gmina')} {address['gmina']})" if text else address["gmina"]
        rows.append((str(REFERABLE_FIELDS["address"]), text or "—"))
    if "education" in snapshot:
        rows.append((str(REFERABLE_FIELDS["education"]), _label(Isced, snapshot["education"])))
    if "labour_status" in snapshot:
        status = snapshot["labour_status"]
        rows.append((str(REFERABLE_FIELDS["labour_status"]), _label(LabourStatus, status["status"])))
        if status["pup_registration_date"]:
            rows.append((str(_("registered at the PUP since")), status["pup_registration_date"]))
    if "disadvantages" in snapshot:
        for key, label in DISADVANTAGES.items():
            rows.append((str(label), _label(SensitiveAnswer, snapshot["disadvantages"].get(key))))
    if "questionnaire" in snapshot:
        rows.append((str(_("questionnaire")), _questionnaire_text(snapshot["questionnaire"])))
    return rows


def _questionnaire_text(summary: dict[str, Any] | None) -> str:
    if not summary:
        return str(_("none filled in"))
    text = str(_("%(name)s (version %(version)s), filled in on %(date)s")) % {
        "name": summary["name"],
        "version": summary["version"],
        "date": summary["filled_on"],
    }
    if summary["score"] is not None:
        text += ", " + str(_("score %(score)s")) % {"score": summary["score"]}
    return text


def snapshot_name(snapshot: dict[str, Any]) -> str:
    """The person's name if it was referred; lists show it."""
    name = snapshot.get("name")
    if not name:
        return str(_("(name not referred)"))
    return f"{name['first_name']} {name['last_name']}"
