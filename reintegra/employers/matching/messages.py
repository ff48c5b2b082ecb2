"""The matching core's codes as words in the user's language: factors, their values, exclusions."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.employers.matching import core
from reintegra.employers.models import OfferKind

FACTOR_NAMES = {
    "occupation": gettext_lazy("Occupation"),
    "skills": gettext_lazy("Skills"),
    "distance": gettext_lazy("Distance"),
    "hours": gettext_lazy("Working hours"),
    "shifts": gettext_lazy("Shifts"),
    "preference": gettext_lazy("Preferred kind of offer"),
}

EXCLUSIONS = {
    core.STARTS_BEFORE_AVAILABLE: gettext_lazy("It starts before the person is available."),
    core.NO_PLACES_LEFT: gettext_lazy("It has no places left."),
    core.NEEDS_LICENCE: gettext_lazy("It needs a driving licence the person does not have."),
    core.NEEDS_CAR: gettext_lazy("It needs a car the person does not have."),
    core.OUT_OF_REACH: gettext_lazy("It is farther than the person can travel."),
}


def factor_name(factor: core.Factor) -> str:
    return str(FACTOR_NAMES.get(factor.code, factor.code))


def factor_value(factor: core.Factor) -> str:
    """What the factor found, in a sentence with its numbers."""
    params = factor.params
    if factor.code == "occupation":
        return {
            core.EXACT: _("The occupation the person wants (the same 6-digit KZiS code)."),
            core.UNIT_GROUP: _("The same unit group (4 digits of the KZiS code) as an occupation wanted."),
            core.SUB_MAJOR_GROUP: _("The same sub-major group (2 digits) as an occupation wanted."),
        }.get(params["level"], _("Not close to any occupation the person wants."))
    if factor.code == "skills":
        if not params["required"] and not params["nice"]:
            return _("The offer lists no skills.")
        return (
            _(
                "Has %(required_met)s of %(required)s required and %(nice_met)s of %(nice)s "
                "nice-to-have skills."
            )
            % params
        )
    if factor.code == "distance":
        if params["km"] is None:
            return _("Distance unknown: the home or the site has no coordinates.")
        km = number_format(params["km"], decimal_pos=1)
        if params["reach_km"] is None:
            return _("%(km)s km from home; the person declared no limit.") % {"km": km}
        reach = number_format(params["reach_km"], decimal_pos=1)
        return _("%(km)s km from home, of at most %(reach_km)s km the person can travel.") % {
            "km": km,
            "reach_km": reach,
        }
    if factor.code == "hours":
        if params["max_hours"] is None:
            return _("%(hours)s hours a week; the person declared no limit.") % params
        return _("%(hours)s hours a week; the person can work at most %(max_hours)s.") % params
    if factor.code == "shifts":
        if not params["offered"] or not params["declared"]:
            return _("Any shift suits.")
        return _("The person can work %(matching)s of the %(offered)s shifts offered.") % params
    if factor.code == "preference":
        kind = _kind_label(params["kind"])
        if not params["declared"]:
            return _("%(kind)s; the person declared no preference.") % {"kind": kind}
        if factor.value:
            return _("%(kind)s: among the kinds the person prefers.") % {"kind": kind}
        return _("%(kind)s: not among the kinds the person prefers.") % {"kind": kind}
    return ""


def exclusion_message(code: str) -> str:
    return str(EXCLUSIONS.get(code, code))


def _kind_label(kind: str) -> str:
    try:
        return str(OfferKind(kind).label).capitalize()
    except ValueError:
        return kind
