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

Some groups need a consent of their own besides the basis of the whole referral:
``FIELD_CONSENTS`` is the one table of them. Such a group leaves only while its consent is in
force, or when the referral rests on a legal basis that the table says stands in for it
(``field_blocks``). A consent withdrawn after sending hides what it covered from the receiver
(``withdrawn_since_sending``): its group, or everything if it was the consent to sharing that
the referral rested on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reintegra.partnership.models import SPECIAL_CATEGORY_BASES
from reintegra.people.models import Consent, ConsentKind, Isced, LabourStatus, Participant, SensitiveAnswer
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


@dataclass(frozen=True)
class Cover:
    """The consent a group of fields needs in force to leave, and the legal bases that stand in
    for it (none: only the person's consent lets the group leave)."""

    consent: ConsentKind
    bases: frozenset[str] = frozenset()


# Which consent covers which group: the one place the rule is kept.
FIELD_CONSENTS: dict[str, Cover] = {
    "contact": Cover(ConsentKind.CONTACT),
    # Special-category data (art. 9 RODO): the consent to processing them, or an art. 9 basis.
    "disadvantages": Cover(ConsentKind.SPECIAL_CATEGORY, frozenset(SPECIAL_CATEGORY_BASES)),
}
# A referral without a legal basis rests on the consent to sharing with partners: it covers
# every group (``services.referral_send`` refuses to send without it).
SHARING = Cover(ConsentKind.SHARING_WITH_PARTNERS)


@dataclass(frozen=True)
class FieldBlock:
    """Why a group of fields may not leave (or, after sending, is no longer shown): its
    consent was withdrawn on ``withdrawn_on``, or (``None``) was never given."""

    field: str
    cover: Cover
    withdrawn_on: date | None

    @property
    def label(self) -> str:
        return str(REFERABLE_FIELDS[self.field])

    @property
    def why(self) -> str:
        consent = ConsentKind(self.cover.consent).label
        if self.withdrawn_on is None:
            return gettext("the consent “%(consent)s” has not been given") % {"consent": consent}
        return gettext("the consent “%(consent)s” was withdrawn on %(date)s") % {
            "consent": consent,
            "date": formats.date_format(self.withdrawn_on, "SHORT_DATE_FORMAT"),
        }

    @property
    def message(self) -> str:
        """The reason, naming the group, as the send form shows it."""
        text = gettext("“%(field)s” cannot be referred: %(why)s.") % {
            "field": REFERABLE_FIELDS[self.field],
            "why": self.why,
        }
        if self.cover.bases:
            text += " " + gettext("A legal basis under art. 9 RODO lets it leave without the consent.")
        return text


def _standing(consents: Iterable[Consent]) -> tuple[set[str], dict[str, date]]:
    """The kinds in force, and the latest withdrawal of each kind (a re-given consent counts)."""
    in_force: set[str] = set()
    withdrawn: dict[str, date] = {}
    for consent in consents:
        if consent.withdrawn_on is None:
            in_force.add(consent.kind)
        elif consent.withdrawn_on > withdrawn.get(consent.kind, date.min):
            withdrawn[consent.kind] = consent.withdrawn_on
    return in_force, withdrawn


def field_blocks(consents: Iterable[Consent], legal_basis: str = "") -> dict[str, FieldBlock]:
    """The groups whose consent is not in force (and no ``legal_basis`` stands in for it), given
    all the person's consents; the latest withdrawal is the one named."""
    in_force, withdrawn = _standing(consents)
    return {
        field: FieldBlock(field, cover, withdrawn.get(cover.consent))
        for field, cover in FIELD_CONSENTS.items()
        if cover.consent not in in_force and legal_basis not in cover.bases
    }


def withdrawn_since_sending(
    fields: Iterable[str], legal_basis: str, consents: Iterable[Consent]
) -> dict[str, FieldBlock]:
    """The referred groups the receiver no longer sees: each whose own consent is no longer in
    force, and every one when the referral rests on the consent to sharing (no legal basis) and
    that is no longer in force."""
    consents = list(consents)
    fields = list(fields)
    in_force, withdrawn = _standing(consents)
    if not legal_basis and SHARING.consent not in in_force:
        return {field: FieldBlock(field, SHARING, withdrawn.get(SHARING.consent)) for field in fields}
    return {key: block for key, block in field_blocks(consents, legal_basis).items() if key in fields}


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
            "gmina_code": p.gmina_id or "",
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


def snapshot_rows(
    snapshot: dict[str, Any], withdrawn: Mapping[str, FieldBlock] | None = None
) -> list[tuple[str, str]]:
    """(label, value) rows of what was referred, in the fixed order, for the page; a group in
    ``withdrawn`` shows why it is withheld instead of its values."""
    withdrawn = withdrawn or {}
    rows: list[tuple[str, str]] = []
    for key in REFERABLE_FIELDS:
        if key not in snapshot:
            continue
        if key in withdrawn:
            rows.append(
                (str(REFERABLE_FIELDS[key]), gettext("withheld: %(why)s") % {"why": withdrawn[key].why})
            )
        else:
            rows.extend(_ROWS[key](snapshot[key]))
    return rows


def _address_rows(address: dict[str, str]) -> list[tuple[str, str]]:
    place = " ".join(part for part in (address["postal_code"], address["locality"]) if part)
    text = ", ".join(part for part in (address["street_address"], place) if part)
    if address["gmina"]:
        text = f"{text} ({_('gmina')} {address['gmina']})" if text else address["gmina"]
    return [(str(REFERABLE_FIELDS["address"]), text or "—")]


def _labour_status_rows(status: dict[str, str]) -> list[tuple[str, str]]:
    rows = [(str(REFERABLE_FIELDS["labour_status"]), _label(LabourStatus, status["status"]))]
    if status["pup_registration_date"]:
        rows.append((str(_("registered at the PUP since")), status["pup_registration_date"]))
    return rows


_ROWS: dict[str, Any] = {
    "name": lambda name: [
        (str(_("first name")), name["first_name"]),
        (str(_("last name")), name["last_name"]),
    ],
    "birth_date": lambda value: [(str(REFERABLE_FIELDS["birth_date"]), value)],
    "pesel": lambda value: [(str(REFERABLE_FIELDS["pesel"]), value or "—")],
    "contact": lambda contact: [
        (str(_("phone")), contact["phone"] or "—"),
        (str(_("e-mail")), contact["email"] or "—"),
    ],
    "address": _address_rows,
    "education": lambda value: [(str(REFERABLE_FIELDS["education"]), _label(Isced, value))],
    "labour_status": _labour_status_rows,
    "disadvantages": lambda values: [
        (str(label), _label(SensitiveAnswer, values.get(key))) for key, label in DISADVANTAGES.items()
    ],
    "questionnaire": lambda summary: [(str(_("questionnaire")), _questionnaire_text(summary))],
}


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


def participant_initial(snapshot: dict[str, Any], withdrawn: Mapping[str, FieldBlock]) -> dict[str, Any]:
    """The receiver's new participant record as far as the referral fills it: exactly the
    referred values (by the names of ``people.services.ParticipantData``), none withheld."""
    groups = {key: value for key, value in snapshot.items() if key not in withdrawn}
    initial: dict[str, Any] = {}
    if "name" in groups:
        initial.update(groups["name"])
    if "birth_date" in groups:
        initial["birth_date"] = date.fromisoformat(groups["birth_date"])
    if "pesel" in groups:
        initial["pesel"] = groups["pesel"]
    if "contact" in groups:
        initial.update(groups["contact"])
    if "address" in groups:
        address = groups["address"]
        initial.update({key: address[key] for key in ("street_address", "postal_code", "locality")})
        initial["gmina"] = address.get("gmina_code", "")  # snapshots before it was kept lack it
    if "education" in groups:
        initial["education"] = groups["education"]
    if "labour_status" in groups:
        status = groups["labour_status"]
        initial["labour_status"] = status["status"]
        if status["pup_registration_date"]:
            initial["pup_registration_date"] = date.fromisoformat(status["pup_registration_date"])
    if "disadvantages" in groups:
        initial.update({key: groups["disadvantages"].get(key, "") for key in DISADVANTAGES})
    return {key: value for key, value in initial.items() if value not in (None, "")}


def snapshot_name(snapshot: dict[str, Any], withdrawn: Mapping[str, FieldBlock] | None = None) -> str:
    """The person's name if it was referred (and is not withheld); lists show it."""
    if "name" in (withdrawn or {}):
        return str(_("(name withheld: consent withdrawn)"))
    name = snapshot.get("name")
    if not name:
        return str(_("(name not referred)"))
    return f"{name['first_name']} {name['last_name']}"
