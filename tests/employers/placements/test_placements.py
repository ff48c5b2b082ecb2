"""Placements: proposing, the employer's answer, the start and the end, and the bad input the
issue names (no places left, an internship too long, a person proposed twice, feedback before
the start), each refused naming the field."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.employers.models import (
    Employer,
    Offer,
    Placement,
    PlacementMove,
    PlacementStatus,
    RetentionFollowUp,
)
from reintegra.employers.placements import services
from reintegra.employers.placements.selectors import placement_timeline
from reintegra.employers.placements.services import PlacementTerms
from reintegra.employers.placements.workflow import IllegalMoveError
from reintegra.people import services as people_services
from reintegra.people.models import ConsentKind, Participant
from tests.conftest import client_for
from tests.employers.placements.conftest import consent_to_employers
from tests.factories import OrganisationFactory, ParticipantFactory, member

S = PlacementStatus


def refused_field(error: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return set(error.value.message_dict)


def test_a_proposal_takes_the_offers_dates_and_hours_and_records_the_move(
    placement: Placement, caseworker: User
) -> None:
    assert placement.status == S.PROPOSED
    assert placement.candidate_number == 1
    assert (placement.starts_on, placement.ends_on) == (date(2026, 12, 1), date(2027, 1, 31))
    assert placement.hours_per_week == 30
    move = placement.moves.get()
    assert (move.from_status, move.to_status, move.changed_by) == ("", S.PROPOSED, caseworker)


def test_the_employers_contact_is_told_of_a_proposal(bakery_contact: User, placement: Placement) -> None:
    assert bakery_contact.notifications.filter(message__contains="Staż w piekarni").exists()


def test_a_person_without_the_consent_to_employers_is_not_proposed(
    caseworker: User, organisation: Organisation, internship: Offer
) -> None:
    person = ParticipantFactory(organisation=organisation)
    with pytest.raises(ValidationError) as error:
        services.placement_propose(actor=caseworker, participant=person, offer=internship)
    assert refused_field(error) == {"participant"}


def test_a_withdrawn_consent_stops_a_new_proposal(
    caseworker: User, person: Participant, internship: Offer
) -> None:
    consent = person.consents.get(kind=ConsentKind.SHARING_WITH_EMPLOYERS)
    people_services.consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        services.placement_propose(actor=caseworker, participant=person, offer=internship)
    assert refused_field(error) == {"participant"}


def test_a_person_is_not_proposed_twice_to_the_same_offer(
    placement: Placement, caseworker: User, person: Participant, internship: Offer
) -> None:
    with pytest.raises(ValidationError) as error:
        services.placement_propose(actor=caseworker, participant=person, offer=internship)
    assert refused_field(error) == {"participant"}


def test_after_a_decline_the_person_may_be_proposed_again(
    placement: Placement, caseworker: User, bakery_contact: User, person: Participant, internship: Offer
) -> None:
    services.placement_move(
        actor=bakery_contact, placement=placement, to_status=S.DECLINED, reason="Brak miejsc."
    )
    again = services.placement_propose(actor=caseworker, participant=person, offer=internship)
    assert again.candidate_number == 2


def another_person(organisation: Organisation, caseworker: User, **fields: object) -> Participant:
    person = ParticipantFactory(organisation=organisation, **fields)
    consent_to_employers(person, caseworker)
    return person


def test_an_offer_with_no_places_left_takes_no_proposal(
    caseworker: User, bakery_contact: User, organisation: Organisation, job: Offer
) -> None:
    first = services.placement_propose(
        actor=caseworker, participant=another_person(organisation, caseworker), offer=job
    )
    services.placement_move(actor=bakery_contact, placement=first, to_status=S.ACCEPTED)
    with pytest.raises(ValidationError) as error:
        services.placement_propose(
            actor=caseworker, participant=another_person(organisation, caseworker), offer=job
        )
    assert refused_field(error) == {"offer"}


def test_an_employer_cannot_accept_beyond_the_offers_places(
    caseworker: User, bakery_contact: User, organisation: Organisation, job: Offer
) -> None:
    first, second = (
        services.placement_propose(
            actor=caseworker, participant=another_person(organisation, caseworker), offer=job
        )
        for _ in range(2)
    )
    services.placement_move(actor=bakery_contact, placement=first, to_status=S.ACCEPTED)
    with pytest.raises(ValidationError) as error:
        services.placement_move(actor=bakery_contact, placement=second, to_status=S.ACCEPTED)
    assert refused_field(error) == {"offer"}
    second.refresh_from_db()
    assert second.status == S.PROPOSED


def test_an_internship_longer_than_the_rules_allow_is_refused(
    caseworker: User, person: Participant, internship: Offer
) -> None:
    terms = PlacementTerms(starts_on=date(2026, 12, 1), ends_on=date(2027, 6, 1))
    with pytest.raises(ValidationError) as error:
        services.placement_propose(actor=caseworker, participant=person, offer=internship, terms=terms)
    assert refused_field(error) == {"ends_on"}
    assert "31.5.2027" in error.value.message_dict["ends_on"][0]


def test_six_months_of_internship_is_allowed(
    caseworker: User, person: Participant, internship: Offer
) -> None:
    terms = PlacementTerms(starts_on=date(2026, 12, 1), ends_on=date(2027, 5, 31))
    placement = services.placement_propose(
        actor=caseworker, participant=person, offer=internship, terms=terms
    )
    assert placement.ends_on == date(2027, 5, 31)


@override_settings(INTERNSHIP_MAX_MONTHS=3)
def test_the_longest_internship_is_a_setting(
    caseworker: User, person: Participant, internship: Offer
) -> None:
    terms = PlacementTerms(starts_on=date(2026, 12, 1), ends_on=date(2027, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.placement_propose(actor=caseworker, participant=person, offer=internship, terms=terms)
    assert refused_field(error) == {"ends_on"}


def test_feedback_on_a_placement_that_never_started_is_refused(
    placement: Placement, caseworker: User, bakery_contact: User
) -> None:
    with pytest.raises(ValidationError) as error:
        services.placement_employer_feedback(actor=bakery_contact, placement=placement, feedback="Dobrze.")
    assert refused_field(error) == {"employer_feedback"}
    with pytest.raises(ValidationError) as error:
        services.placement_participant_feedback(actor=caseworker, placement=placement, feedback="Miło.")
    assert refused_field(error) == {"participant_feedback"}


def test_the_whole_way_from_proposal_to_the_end_is_recorded(
    placement: Placement, caseworker: User, bakery_contact: User
) -> None:
    services.placement_move(actor=bakery_contact, placement=placement, to_status=S.ACCEPTED)
    services.placement_move(actor=bakery_contact, placement=placement, to_status=S.STARTED)
    services.placement_employer_feedback(
        actor=bakery_contact, placement=placement, feedback="Sumienna.", rating=5
    )
    services.placement_participant_feedback(
        actor=caseworker, placement=placement, feedback="Dobra atmosfera."
    )
    services.placement_move(actor=bakery_contact, placement=placement, to_status=S.FINISHED)
    placement.refresh_from_db()
    assert placement.status == S.FINISHED
    assert placement.started_on == placement.ended_on == timezone.localdate()
    assert (placement.employer_rating, placement.employer_feedback) == (5, "Sumienna.")
    assert [move.to_status for move in placement.moves.all()] == [
        S.PROPOSED,
        S.ACCEPTED,
        S.STARTED,
        S.FINISHED,
    ]
    assert caseworker.notifications.count() == 3  # the employer accepted, started and finished


def test_a_decline_and_a_break_off_need_a_reason(
    placement: Placement, caseworker: User, bakery_contact: User
) -> None:
    with pytest.raises(ValidationError) as error:
        services.placement_move(actor=bakery_contact, placement=placement, to_status=S.DECLINED)
    assert refused_field(error) == {"reason"}
    services.placement_move(actor=caseworker, placement=placement, to_status=S.ACCEPTED)
    services.placement_move(actor=caseworker, placement=placement, to_status=S.STARTED)
    with pytest.raises(ValidationError) as error:
        services.placement_move(actor=bakery_contact, placement=placement, to_status=S.BROKEN_OFF, reason=" ")
    assert refused_field(error) == {"reason"}
    services.placement_move(
        actor=bakery_contact, placement=placement, to_status=S.BROKEN_OFF, reason="Przeprowadzka."
    )
    assert placement.moves.last().reason == "Przeprowadzka."  # type: ignore[union-attr]


def test_an_illegal_move_is_refused(placement: Placement, bakery_contact: User) -> None:
    with pytest.raises(IllegalMoveError):
        services.placement_move(actor=bakery_contact, placement=placement, to_status=S.FINISHED)


def test_only_the_case_worker_withdraws_a_proposal(
    placement: Placement, caseworker: User, bakery_contact: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.placement_move(actor=bakery_contact, placement=placement, to_status=S.WITHDRAWN)
    services.placement_move(actor=caseworker, placement=placement, to_status=S.WITHDRAWN)
    assert Placement.objects.get(pk=placement.pk).status == S.WITHDRAWN


def test_another_employers_contact_cannot_move_the_placement(
    placement: Placement, employer_contact: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.placement_move(actor=employer_contact, placement=placement, to_status=S.ACCEPTED)


def test_another_organisations_worker_cannot_propose_our_person(
    outsider: User, person: Participant, internship: Offer
) -> None:
    with pytest.raises(PermissionDenied):
        services.placement_propose(actor=outsider, participant=person, offer=internship)


def test_staff_cannot_propose_for_an_employer_their_organisation_does_not_work_with(
    other_organisation: Organisation, internship: Offer
) -> None:
    worker = member(other_organisation, Role.CASE_WORKER, username="inna.pracownica")
    theirs = another_person(other_organisation, worker)
    with pytest.raises(PermissionDenied):
        services.placement_propose(actor=worker, participant=theirs, offer=internship)


def test_a_job_that_starts_gets_follow_ups_after_one_three_and_six_months(
    caseworker: User, bakery_contact: User, person: Participant, job: Offer
) -> None:
    placement = services.placement_propose(actor=caseworker, participant=person, offer=job)
    services.placement_move(actor=bakery_contact, placement=placement, to_status=S.ACCEPTED)
    services.placement_move(
        actor=bakery_contact, placement=placement, to_status=S.STARTED, on=date(2026, 11, 2)
    )
    assert list(RetentionFollowUp.objects.values_list("months", "due_on")) == [
        (1, date(2026, 12, 2)),
        (3, date(2027, 2, 2)),
        (6, date(2027, 5, 2)),
    ]


def test_the_case_worker_records_that_the_person_agreed_to_meet(
    placement: Placement, caseworker: User, bakery_contact: User, in_english: None
) -> None:
    with pytest.raises(PermissionDenied):
        services.placement_meeting_agreed(actor=bakery_contact, placement=placement)
    services.placement_meeting_agreed(actor=caseworker, placement=placement)
    placement.refresh_from_db()
    assert placement.meeting_agreed_by == caseworker
    assert bakery_contact.notifications.filter(message__contains="agreed to meet").exists()


def test_changing_the_terms_keeps_to_the_internship_rules_and_the_employers_mentors(
    placement: Placement, caseworker: User, bakery_contact: User, organisation: Organisation
) -> None:
    too_long = PlacementTerms(starts_on=date(2026, 12, 1), ends_on=date(2027, 7, 1))
    with pytest.raises(ValidationError) as error:
        services.placement_terms_set(actor=bakery_contact, placement=placement, terms=too_long)
    assert refused_field(error) == {"ends_on"}
    dairy_organisation: Organisation = OrganisationFactory(name="Mleczarnia", type=OrganisationType.EMPLOYER)
    dairy = Employer.objects.create(
        organisation=dairy_organisation,
        kept_by=organisation,
        sector="C",
        size="micro",
    )
    elsewhere = services.mentor_create(
        actor=caseworker, employer=dairy, data=services.MentorData(name="Ewa Obca")
    )
    ours = services.mentor_create(
        actor=caseworker, employer=placement.offer.employer, data=services.MentorData(name="Jan Mistrz")
    )
    dates = {"starts_on": date(2026, 12, 1), "ends_on": date(2027, 1, 31)}
    with pytest.raises(ValidationError) as error:
        services.placement_terms_set(
            actor=bakery_contact, placement=placement, terms=PlacementTerms(**dates, mentor=elsewhere)
        )
    assert refused_field(error) == {"mentor"}
    terms = PlacementTerms(**dates, hours_per_week=25, mentor=ours)
    changed = services.placement_terms_set(actor=bakery_contact, placement=placement, terms=terms)
    assert (changed.hours_per_week, changed.mentor) == (25, ours)


def test_the_employer_does_not_read_why_the_case_worker_withdrew_a_proposal(
    placement: Placement, caseworker: User
) -> None:
    services.placement_move(
        actor=caseworker, placement=placement, to_status=S.WITHDRAWN, reason="Zachorowała na grypę."
    )
    assert "Zachorowała na grypę." in [entry.reason for entry in placement_timeline(placement)]
    assert "Zachorowała na grypę." not in [
        entry.reason for entry in placement_timeline(placement, for_employer=True)
    ]


def test_every_move_is_in_the_audit_log_with_who_made_it(placement: Placement, bakery_contact: User) -> None:
    url = reverse("employers:placements:candidate_move", args=[placement.pk])
    data = {"to_status": S.DECLINED, "reason": "Za daleko.", "confirmed": "1"}
    assert client_for(bakery_contact).post(url, data).status_code == 302
    move = placement.moves.get(to_status=S.DECLINED)
    created = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(PlacementMove), object_pk=str(move.pk)
    )
    assert created.actor == bakery_contact
    assert AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Placement),
        object_pk=str(placement.pk),
        action=AuditEntry.Action.UPDATE,
        actor=bakery_contact,
    ).exists()
