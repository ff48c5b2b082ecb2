"""The demo's employers: who keeps them, their sites, offers coded with KZiS, job profiles, the
needs surveys, the job fairs, the CSR contest and the placements."""

from __future__ import annotations

import pytest
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.demo.cis_internships import JOINERY_INTERNSHIP, WAREHOUSE_INTERNSHIP
from reintegra.demo.seed import seed
from reintegra.employers.fairs.selectors import contest_result, fairs_open_to, published_contests_for
from reintegra.employers.matching.selectors import matches_for_participant
from reintegra.employers.models import (
    AnswerChannel,
    Contest,
    ContestStatus,
    Employer,
    FairInterview,
    FairOutcome,
    JobFair,
    JobProfile,
    MatchOverride,
    MentoringMeeting,
    Occupation,
    Offer,
    OfferKind,
    OfferStatus,
    OutcomeKind,
    Placement,
    PlacementMove,
    PlacementStatus,
    RetentionFollowUp,
    Site,
    SurveyAnswerLine,
    SurveyRound,
    SurveyRoundStatus,
    TravelMode,
)
from reintegra.employers.selectors import employer_of_contact, employers_for_user
from reintegra.people.models import ConsentKind, Participant

pytestmark = pytest.mark.django_db


def test_each_demo_employer_is_kept_by_the_pup_or_the_cis_in_the_partnership(demo: str) -> None:
    kept = {
        employer.organisation.short_name: employer.kept_by.short_name
        for employer in Employer.objects.select_related("organisation", "kept_by")
    }
    assert kept == {
        "Piekarnia Kłos": "PUP Zalesie",
        "Dębowy Stół": "CIS Borówkowo",
        "CL Zalesie": "PUP Zalesie",
    }
    assert not Employer.objects.filter(partnership=None).exists()
    bakery = employer_of_contact(User.objects.get(username="pracodawca"))
    assert bakery is not None
    assert bakery.organisation.short_name == "Piekarnia Kłos"


def test_every_site_has_an_address_and_coordinates_in_the_powiat(demo: str) -> None:
    sites = Site.objects.all()
    assert sites.count() == 5
    for site in sites:
        site.full_clean()
        assert site.gmina.code.startswith("3035"), site
        assert site.latitude is not None
        assert site.longitude is not None
        assert 52 < site.latitude < 53, site
        assert 17 < site.longitude < 18, site


def test_the_offers_are_of_several_kinds_and_states_coded_with_kzis(demo: str) -> None:
    offers = Offer.objects.all()
    assert {offer.kind for offer in offers} >= {
        OfferKind.INTERNSHIP,
        OfferKind.JOB,
        OfferKind.WORK_TRIAL,
        OfferKind.MENTORING,
    }
    assert {offer.status for offer in offers} == set(OfferStatus)
    # The bakery's internship (the CIS's two-month internships are at the joinery and the warehouse).
    internship = offers.get(kind=OfferKind.INTERNSHIP, employer__organisation__short_name="Piekarnia Kłos")
    assert internship.duration_months == 2
    assert internship.occupation == Occupation.objects.get(code="751204")
    assert internship.occupation.level == 6
    assert [offer.title for offer in offers if offer.occupation_uncoded] == ["Kierowca – dostawy lokalne"]


def test_most_profiled_people_consent_to_employers_and_one_rural_woman_has_no_car(demo: str) -> None:
    profiles = JobProfile.objects.select_related("participant")
    assert profiles.count() == 7
    consenting = [
        profile
        for profile in profiles
        if profile.participant.consents.filter(
            kind=ConsentKind.SHARING_WITH_EMPLOYERS, withdrawn_on__isnull=True
        ).exists()
    ]
    assert len(consenting) == 6
    lucja = Participant.objects.get(last_name="Żółkiewska").job_profile
    assert (lucja.has_car, lucja.travel_mode, lucja.max_travel_minutes) == (
        False,
        TravelMode.PUBLIC_TRANSPORT,
        30,
    )


def test_the_case_worker_sees_the_partnership_s_employers_and_the_rural_woman_s_reachable_offers(
    demo: str,
) -> None:
    worker = User.objects.get(username="pracownik.mops")
    assert employers_for_user(worker).count() == 3
    lucja = Participant.objects.get(last_name="Żółkiewska")
    shown = matches_for_participant(worker, lucja.pk).matches.shown
    titles = [match.offer.title for match in shown if match.offer is not None]
    assert titles[0] == "Próba pracy: sprzedawca w sklepie firmowym"
    assert shown[0].override is not None
    assert shown[0].override.reason
    assert "Staż: pomocnik piekarza" not in titles  # Zalesie is beyond 30 minutes by bus
    assert MatchOverride.objects.count() == 1


def test_seeding_the_employers_twice_writes_nothing_the_second_time(demo: str) -> None:
    before = AuditEntry.objects.count(), Offer.objects.count(), Placement.objects.count()
    created = seed().created
    steps = ("employers", "offers", "job profiles", "survey rounds", "job fairs", "contests", "placements")
    assert [created[what] for what in steps] == [0] * len(steps)
    assert (AuditEntry.objects.count(), Offer.objects.count(), Placement.objects.count()) == before


def test_a_closed_and_an_open_survey_round_have_answers_one_taken_down_on_the_phone(demo: str) -> None:
    closed = SurveyRound.objects.get(status=SurveyRoundStatus.CLOSED)
    current = SurveyRound.objects.get(status=SurveyRoundStatus.OPEN)
    assert current.previous == closed
    assert closed.invitations.count() == 2
    channels = dict(closed.answers.values_list("employer__organisation__short_name", "channel"))
    assert channels == {"Piekarnia Kłos": AnswerChannel.ONLINE, "CL Zalesie": AnswerChannel.PHONE}
    assert closed.answers.get(channel=AnswerChannel.PHONE).informant
    warehouse_lines = SurveyAnswerLine.objects.filter(answer__round=closed, occupation_id="432106")
    assert sum(line.count for line in warehouse_lines) == 3
    # The bakery has yet to answer the open round: its owner does it in the demo.
    assert list(current.answers.values_list("employer__organisation__short_name", flat=True)) == [
        "CL Zalesie"
    ]


def test_today_s_fair_has_stands_guests_checked_in_interviews_and_outcomes(demo: str) -> None:
    fair = JobFair.objects.get(title="Ryneczek pracy w Zalesiu")
    assert fair.stands.count() == 3
    guests = fair.guests.all()
    assert guests.count() == 8
    assert guests.exclude(checked_in_at=None).count() == 6
    assert guests.filter(walk_in=True).count() == 1
    assert FairInterview.objects.filter(guest__fair=fair).count() == 4
    outcomes = FairOutcome.objects.filter(guest__fair=fair)
    assert {outcome.kind for outcome in outcomes} == {
        OutcomeKind.INTERVIEW_INVITATION,
        OutcomeKind.INTERNSHIP,
    }
    assert outcomes.get(kind=OutcomeKind.INTERNSHIP).offer == Offer.objects.get(
        kind=OfferKind.INTERNSHIP, employer__organisation__short_name="Piekarnia Kłos"
    )
    spring = JobFair.objects.get(title="Ryneczek pracy w Borówkowie")
    bakery = employer_of_contact(User.objects.get(username="pracodawca"))
    assert bakery is not None
    assert spring in fairs_open_to(bakery)


def test_the_contest_result_is_published_with_the_bakery_first(demo: str) -> None:
    contest = Contest.objects.get()
    assert contest.status == ContestStatus.PUBLISHED
    assert contest.jury.count() == 3
    result = contest_result(contest)
    assert len(result) == 3
    assert all(row.ranked.missing == 0 for row in result)
    assert result[0].nomination.employer.organisation.short_name == "Piekarnia Kłos"
    bakery = employer_of_contact(User.objects.get(username="pracodawca"))
    assert bakery is not None
    assert published_contests_for(bakery) == [contest]


def test_placements_are_in_every_state_with_a_mentor_feedback_and_a_follow_up_due(demo: str) -> None:
    # The CIS's two finished internships are the seed figures' (tests/demo/test_seed_figures.py).
    cis_internships = [JOINERY_INTERNSHIP, WAREHOUSE_INTERNSHIP]
    placements = {
        placement.participant.last_name: placement
        for placement in Placement.objects.exclude(offer__title__in=cis_internships).select_related(
            "participant", "offer"
        )
    }
    states = {name: placement.status for name, placement in placements.items()}
    assert states == {
        "Żółkiewska": PlacementStatus.PROPOSED,
        "Malisz": PlacementStatus.ACCEPTED,
        "Łuckiewicz": PlacementStatus.STARTED,
        "Maślankiewicz": PlacementStatus.FINISHED,
        "Steinke": PlacementStatus.BROKEN_OFF,
        "Pindral": PlacementStatus.STARTED,
    }
    assert placements["Żółkiewska"].meeting_agreed_at is None  # the bakery sees no name yet
    assert placements["Malisz"].meeting_agreed_at is not None
    intern = placements["Łuckiewicz"]
    assert intern.mentor is not None
    assert intern.mentor.employer == intern.offer.employer
    assert MentoringMeeting.objects.filter(placement=intern).count() == 3
    finished = placements["Maślankiewicz"]
    assert finished.employer_feedback
    assert finished.participant_feedback
    assert finished.employer_rating == 5
    broken_off = PlacementMove.objects.get(
        placement=placements["Steinke"], to_status=PlacementStatus.BROKEN_OFF
    )
    assert broken_off.reason
    due = RetentionFollowUp.objects.filter(due_on__lte=timezone.localdate(), still_employed="")
    assert [follow_up.placement for follow_up in due] == [placements["Pindral"]]
