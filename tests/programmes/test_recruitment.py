"""The recruitment workflow: assess, enrol or reserve, leave, automatic offer, accept or decline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.notifications.models import Notification
from reintegra.programmes import services
from reintegra.programmes.models import Enrolment, ExitReason, Programme
from reintegra.programmes.models import EnrolmentStatus as S
from reintegra.programmes.workflow import IllegalMoveError
from tests.programmes.conftest import eligible, rural_woman

TODAY = timezone.localdate()


def statuses(programme: Programme) -> dict[str, str]:
    return {str(e.participant): e.status for e in programme.enrolments.select_related("participant")}


@pytest.mark.django_db
def test_assessment_stores_a_reason_per_rule_and_moves_to_eligible(
    mobile_programme: Programme, coordinator: User
) -> None:
    enrolment = eligible(mobile_programme, coordinator)

    assert enrolment.status == S.ELIGIBLE
    assert [r["passed"] for r in enrolment.eligibility] == [True, True, True]
    assert enrolment.status_changes.get(to_status=enrolment.status).reason


@pytest.mark.django_db
def test_a_man_is_not_eligible_for_the_mobile_centre_and_the_failed_rule_is_named(
    mobile_programme: Programme, coordinator: User
) -> None:
    person = rural_woman(mobile_programme.organisation, sex="man")
    enrolment = services.enrolment_apply(actor=coordinator, programme=mobile_programme, participant=person)

    enrolment = services.enrolment_assess(actor=coordinator, enrolment=enrolment)

    assert enrolment.status == S.NOT_ELIGIBLE
    assert [r["code"] for r in enrolment.eligibility if not r["passed"]] == ["sex"]
    sex_rule = services.rule_label({"kind": "sex_in", "values": ["woman"]})
    assert sex_rule in enrolment.status_changes.get(to_status=enrolment.status).reason


@pytest.mark.django_db
def test_a_person_without_a_recorded_residence_is_not_eligible_for_lack_of_data(
    mobile_programme: Programme, coordinator: User
) -> None:
    enrolment = eligible(mobile_programme, coordinator, degurba=None)

    assert enrolment.status == S.NOT_ELIGIBLE
    assert [r["code"] for r in enrolment.eligibility if not r["passed"]] == ["no_data"]


@pytest.mark.django_db
def test_enrolment_takes_free_places_then_fills_the_reserve_list(
    mobile_programme: Programme, coordinator: User
) -> None:
    first, second, third = (eligible(mobile_programme, coordinator) for _ in range(3))

    results = [
        services.enrolment_enrol(actor=coordinator, enrolment=e).status for e in (first, second, third)
    ]

    assert results == [S.ENROLLED, S.ENROLLED, S.RESERVE]
    first.refresh_from_db()
    assert first.enrolled_on == TODAY


@pytest.mark.django_db
def test_an_applicant_not_yet_assessed_cannot_be_enrolled(
    mobile_programme: Programme, coordinator: User
) -> None:
    enrolment = services.enrolment_apply(
        actor=coordinator, programme=mobile_programme, participant=rural_woman(mobile_programme.organisation)
    )

    with pytest.raises(IllegalMoveError):
        services.enrolment_enrol(actor=coordinator, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED


@pytest.mark.django_db
def test_a_person_who_left_cannot_come_back_by_enrolment(
    mobile_programme: Programme, coordinator: User
) -> None:
    enrolment = services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))
    services.enrolment_leave(
        actor=coordinator, enrolment=enrolment, exit_reason=ExitReason.COMPLETED, left_on=TODAY
    )

    with pytest.raises(IllegalMoveError):
        services.enrolment_enrol(actor=coordinator, enrolment=enrolment)


@pytest.mark.django_db
def test_leaving_requires_a_reason_and_a_date(mobile_programme: Programme, coordinator: User) -> None:
    enrolment = services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))

    with pytest.raises(ValidationError) as error:
        services.enrolment_leave(actor=coordinator, enrolment=enrolment, exit_reason="", left_on=None)

    assert set(error.value.message_dict) == {"exit_reason", "left_on"}
    enrolment.refresh_from_db()
    assert enrolment.status == S.ENROLLED


@pytest.mark.django_db
def test_a_freed_place_is_offered_to_the_first_on_the_reserve_list_and_coordinators_are_notified(
    mobile_programme: Programme, coordinator: User, org_admin: User
) -> None:
    holders = [
        services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))
        for _ in range(2)
    ]
    waiting_long = services.enrolment_enrol(
        actor=coordinator, enrolment=eligible(mobile_programme, coordinator)
    )
    waiting_short = services.enrolment_enrol(
        actor=coordinator, enrolment=eligible(mobile_programme, coordinator)
    )

    services.enrolment_leave(
        actor=coordinator, enrolment=holders[0], exit_reason=ExitReason.EMPLOYMENT, left_on=TODAY
    )

    waiting_long.refresh_from_db()
    waiting_short.refresh_from_db()
    assert (waiting_long.status, waiting_short.status) == (S.OFFERED, S.RESERVE)
    assert waiting_long.offered_at is not None
    [note] = Notification.objects.filter(user=coordinator)
    assert str(waiting_long.participant) in note.message
    assert note.url.endswith(f"/programmes/{mobile_programme.pk}/")
    assert not Notification.objects.filter(user=org_admin).exists()


@pytest.mark.django_db
def test_priority_points_rank_the_reserve_list_before_the_date_of_application(
    mobile_programme: Programme, coordinator: User
) -> None:
    mobile_programme.places = 0
    mobile_programme.save()
    early = services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))
    late_but_long_registered = services.enrolment_enrol(
        actor=coordinator,
        enrolment=eligible(
            mobile_programme, coordinator, pup_registration_date=TODAY - dt.timedelta(days=400)
        ),
    )

    ranked = services.reserve_list(mobile_programme)

    assert late_but_long_registered.priority > early.priority
    assert [e.pk for e in ranked] == [late_but_long_registered.pk, early.pk]


@pytest.mark.django_db
def test_declining_an_offer_leaves_with_that_reason_and_offers_the_next(
    mobile_programme: Programme, coordinator: User
) -> None:
    holders = [
        services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))
        for _ in range(2)
    ]
    first, second = (
        services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))
        for _ in range(2)
    )
    services.enrolment_leave(
        actor=coordinator, enrolment=holders[0], exit_reason=ExitReason.RESIGNED, left_on=TODAY
    )
    first.refresh_from_db()

    services.enrolment_decline_offer(actor=coordinator, enrolment=first)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.exit_reason, second.status) == (S.LEFT, ExitReason.DECLINED_OFFER, S.OFFERED)


@pytest.mark.django_db
def test_accepting_an_offer_enrols_with_an_entry_snapshot(
    mobile_programme: Programme, coordinator: User
) -> None:
    holders = [
        services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))
        for _ in range(2)
    ]
    waiting = services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))
    services.enrolment_leave(
        actor=coordinator, enrolment=holders[1], exit_reason=ExitReason.HEALTH, left_on=TODAY
    )
    waiting.refresh_from_db()

    services.enrolment_accept_offer(actor=coordinator, enrolment=waiting)

    waiting.refresh_from_db()
    assert waiting.status == S.ENROLLED
    assert waiting.entry_snapshot.data["sex"] == "woman"


@pytest.mark.django_db
def test_only_an_offered_place_can_be_accepted(mobile_programme: Programme, coordinator: User) -> None:
    enrolment = eligible(mobile_programme, coordinator)

    with pytest.raises(ValidationError):
        services.enrolment_accept_offer(actor=coordinator, enrolment=enrolment)


@pytest.mark.django_db
def test_the_entry_snapshot_does_not_change_when_the_person_is_edited(
    mobile_programme: Programme, coordinator: User
) -> None:
    enrolment = services.enrolment_enrol(
        actor=coordinator, enrolment=eligible(mobile_programme, coordinator, education=2)
    )
    before = dict(enrolment.entry_snapshot.data)
    person = enrolment.participant

    person.labour_status, person.education, person.degurba = "employed", 6, 1
    person.save()

    snapshot = Enrolment.objects.get(pk=enrolment.pk).entry_snapshot
    assert snapshot.data == before
    assert (snapshot.data["labour_status"], snapshot.data["education"], snapshot.data["rural"]) == (
        "unemployed",
        2,
        True,
    )
    assert snapshot.data["age_at_entry"] >= 18


@pytest.mark.django_db
def test_every_move_is_recorded_with_who(mobile_programme: Programme, coordinator: User) -> None:
    enrolment = services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))

    moves = [(c.from_status, c.to_status, c.changed_by) for c in enrolment.status_changes.all()]

    assert moves == [
        ("", S.APPLIED, coordinator),
        (S.APPLIED, S.ELIGIBLE, coordinator),
        (S.ELIGIBLE, S.ENROLLED, coordinator),
    ]


@pytest.mark.django_db
def test_a_caseworker_may_not_run_recruitment(
    mobile_programme: Programme, coordinator: User, caseworker: User
) -> None:
    enrolment = services.enrolment_apply(
        actor=coordinator, programme=mobile_programme, participant=rural_woman(mobile_programme.organisation)
    )

    with pytest.raises(PermissionDenied):
        services.enrolment_assess(actor=caseworker, enrolment=enrolment)


@pytest.mark.django_db
def test_a_coordinator_of_another_organisation_may_not_touch_our_recruitment(
    mobile_programme: Programme, coordinator: User, outsider_admin: User
) -> None:
    enrolment = eligible(mobile_programme, coordinator)

    with pytest.raises(PermissionDenied):
        services.enrolment_enrol(actor=outsider_admin, enrolment=enrolment)


@pytest.mark.django_db
def test_groups_take_only_enrolled_people_of_their_programme(
    mobile_programme: Programme, coordinator: User
) -> None:
    group = services.group_create(actor=coordinator, programme=mobile_programme, name="Grupa A")
    enrolled = services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))
    waiting = eligible(mobile_programme, coordinator)

    services.enrolment_assign_group(actor=coordinator, enrolment=enrolled, group=group)
    with pytest.raises(ValidationError):
        services.enrolment_assign_group(actor=coordinator, enrolment=waiting, group=group)

    assert list(group.enrolments.all()) == [enrolled]


@pytest.mark.django_db
def test_a_programme_from_a_template_copies_its_rules(organisation: Organisation, coordinator: User) -> None:
    services.templates_load()
    from reintegra.programmes.models import ProgrammeTemplate

    template = ProgrammeTemplate.objects.get(code="karnet15")
    programme = services.programme_create_from_template(
        actor=coordinator,
        organisation=organisation,
        template=template,
        data=services.ProgrammeData(
            name="Klub", code="klub", start_date=TODAY, end_date=TODAY, places=5, staff=(coordinator,)
        ),
    )

    assert programme.eligibility_rules == [{"kind": "age_between", "min": 15, "max": 25}]
    assert programme.priority_rules == template.definition["priority_rules"]
    assert list(programme.staff.all()) == [coordinator]


@pytest.mark.django_db
def test_a_programme_ending_before_it_starts_is_refused_naming_the_end(
    organisation: Organisation, coordinator: User
) -> None:
    services.templates_load()
    from reintegra.programmes.models import ProgrammeTemplate

    with pytest.raises(ValidationError) as error:
        services.programme_create_from_template(
            actor=coordinator,
            organisation=organisation,
            template=ProgrammeTemplate.objects.get(code="animator"),
            data=services.ProgrammeData(
                name="X", code="x", start_date=TODAY, end_date=TODAY - dt.timedelta(days=1), places=1
            ),
        )

    assert "end_date" in error.value.message_dict


@pytest.mark.django_db
def test_the_rules_preview_counts_who_a_change_would_admit_or_exclude(
    mobile_programme: Programme, coordinator: User
) -> None:
    eligible(mobile_programme, coordinator)  # a woman
    eligible(mobile_programme, coordinator, sex="man")
    eligible(mobile_programme, coordinator, sex="non_binary")
    no_sex_rule = [rule for rule in mobile_programme.eligibility_rules if rule["kind"] != "sex_in"]
    men_only = [{"kind": "sex_in", "values": ["man"]}, *no_sex_rule]

    widened = services.rules_preview(programme=mobile_programme, eligibility_rules=no_sex_rule)
    swapped = services.rules_preview(programme=mobile_programme, eligibility_rules=men_only)

    assert (widened.newly_admitted, widened.newly_excluded) == (2, 0)
    assert (swapped.newly_admitted, swapped.newly_excluded) == (1, 1)


@pytest.mark.django_db
def test_the_shipped_templates_are_the_five_models() -> None:
    from reintegra.programmes.models import ProgrammeTemplate

    assert services.templates_load() == 5
    assert set(ProgrammeTemplate.objects.values_list("code", flat=True)) >= {
        "karnet15",
        "cis-partnership",
        "animator",
        "homeless-network",
        "mobile-activation",
    }
    for template in ProgrammeTemplate.objects.filter(code__in=["karnet15", "animator"]):
        for key in ("roles", "plan_types", "session_types", "eligibility_rules", "questionnaire_types"):
            assert template.definition[key], key


@pytest.mark.django_db
def test_the_data_migration_has_loaded_the_five_templates_with_their_rules() -> None:
    from reintegra.programmes.models import ProgrammeTemplate

    templates = {t.code: t for t in ProgrammeTemplate.objects.all()}

    assert templates["mobile-activation"].definition["eligibility_rules"][0] == {
        "kind": "sex_in",
        "values": ["woman"],
    }
    assert templates["homeless-network"].definition["eligibility_rules"] == [
        {"kind": "answer_is", "field": "homeless", "value": "yes"}
    ]
    assert {"karnet15", "cis-partnership", "animator"} <= set(templates)
