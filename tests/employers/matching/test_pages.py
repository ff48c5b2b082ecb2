"""Matching pages: the case worker sees a person's matched offers with each factor explained,
fills in the job profile, overrides a suggestion with a reason; another organisation's worker
and the employer's contact reach none of it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.employers.matching import services
from reintegra.employers.models import Employer, JobProfile, MatchOverride, Offer, OfferStatus, Site
from reintegra.people.models import Participant
from tests.conftest import client_for
from tests.employers.matching.conftest import open_offer
from tests.factories import ParticipantFactory
from tests.reads import reads_of

pytestmark = pytest.mark.usefixtures("in_english")


def _matches_url(person: Participant) -> str:
    return f"/employers/matching/participants/{person.pk}/"


def test_the_participant_s_file_links_to_her_job_profile_and_matches(
    caseworker: User, person: Participant
) -> None:
    page = client_for(caseworker).get(f"/participants/{person.pk}/")

    assert _matches_url(person) in page.content.decode()


def test_the_case_worker_sees_the_matched_offers_each_with_its_factors_values_and_weights(
    caseworker: User, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    page = client_for(caseworker).get(_matches_url(person))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Staż: piekarz" in text
    assert "The occupation the person wants (the same 6-digit KZiS code)." in text
    assert "Has 1 of 1 required and 0 of 0 nice-to-have skills." in text
    assert "2.2 km from home, of at most 30.0 km the person can travel." in text
    # The person's own limit, whatever its cause (not every person has care duties).
    assert "40 hours a week; the person can work at most 40." in text
    assert [m.offer_id for m in page.context["matches"].shown] == [internship.pk]
    assert [f.weight for f in page.context["matches"].shown[0].factors] == [0.35, 0.25, 0.2, 0.1, 0.05, 0.05]


def test_an_offer_out_of_reach_needing_a_licence_closed_or_without_places_is_not_suggested(
    caseworker: User,
    person: Participant,
    profile: JobProfile,
    internship: Offer,
    driver_job: Offer,
    far_job: Offer,
    bakery: Employer,
    bakery_site: Site,
) -> None:
    open_offer(bakery, bakery_site, title="Zamknięta", status=OfferStatus.CLOSED)

    page = client_for(caseworker).get(_matches_url(person))

    assert [m.offer_id for m in page.context["matches"].shown] == [internship.pk]
    assert page.context["matches"].considered == 3


def test_a_person_without_a_job_profile_is_asked_for_one(caseworker: User, person: Participant) -> None:
    page = client_for(caseworker).get(_matches_url(person))

    assert page.status_code == 200
    assert "has no job profile yet" in page.content.decode()


def test_the_case_worker_fills_in_the_job_profile_and_the_change_is_audited(
    caseworker: User, person: Participant
) -> None:
    response = client_for(caseworker).post(
        f"/employers/matching/participants/{person.pk}/profile/",
        {
            "wanted_occupations": "751204, 9112",
            "skills": "Baking, cash register,baking",
            "preferred_kinds": ["internship"],
            "travel_mode": "public_transport",
            "max_travel_minutes": "45",
            "home_latitude": "52.3",
            "home_longitude": "17.57",
            "available_shifts": ["morning"],
            "max_hours_per_week": "30",
            "care_duties": "Dwoje dzieci w przedszkolu do 15:00.",
            "available_from": "2026-09-01",
        },
    )

    assert response.status_code == 302
    saved = JobProfile.objects.get(participant=person)
    assert saved.wanted_occupations == ["751204", "9112"]
    assert saved.skills == ["baking", "cash register"]
    assert (saved.max_travel_minutes, saved.available_from) == (45, date(2026, 9, 1))
    assert saved.updated_by == caseworker
    assert AuditEntry.objects.filter(
        content_type__model="jobprofile", object_id=saved.pk, action=AuditEntry.Action.CREATE
    ).exists()


def test_a_wrong_kzis_code_or_half_a_home_is_refused_naming_the_field(
    caseworker: User, person: Participant
) -> None:
    page = client_for(caseworker).post(
        f"/employers/matching/participants/{person.pk}/profile/",
        {"wanted_occupations": "75120, piekarz", "travel_mode": "car", "home_latitude": "52.3"},
    )

    assert page.status_code == 200
    assert page.context["form"].errors == {
        "wanted_occupations": ["75120, piekarz: a KZiS code has 1–4 or 6 digits."],
        "home_longitude": ["Give both the latitude and the longitude of the home, or neither."],
    }
    assert not JobProfile.objects.exists()


def test_hiding_an_offer_with_a_reason_moves_it_apart_and_records_who_and_why(
    caseworker: User, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    client = client_for(caseworker)

    client.post(
        f"/employers/matching/participants/{person.pk}/offers/{internship.pk}/override/",
        {"action": "hide", "reason": "Była tam na stażu i źle to wspomina.", "back": "person"},
    )
    page = client.get(_matches_url(person))

    override = MatchOverride.objects.get()
    assert (override.action, override.created_by) == ("hide", caseworker)
    assert page.context["matches"].shown == []
    assert [m.offer_id for m in page.context["matches"].hidden] == [internship.pk]
    assert "Była tam na stażu i źle to wspomina." in page.content.decode()
    assert AuditEntry.objects.filter(content_type__model="matchoverride").exists()


def test_a_promoted_offer_comes_first_even_when_a_constraint_excludes_it_and_says_which(
    caseworker: User, person: Participant, profile: JobProfile, internship: Offer, driver_job: Offer
) -> None:
    client = client_for(caseworker)

    client.post(
        f"/employers/matching/participants/{person.pk}/offers/{driver_job.pk}/override/",
        {"action": "promote", "reason": "Robi prawo jazdy, egzamin w przyszłym tygodniu.", "back": "person"},
    )
    page = client.get(_matches_url(person))

    shown = page.context["matches"].shown
    assert [m.offer_id for m in shown] == [driver_job.pk, internship.pk]
    assert shown[0].promoted
    assert shown[0].exclusions == ["It needs a driving licence the person does not have."]


def test_an_override_without_a_reason_is_refused(
    caseworker: User, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    response = client_for(caseworker).post(
        f"/employers/matching/participants/{person.pk}/offers/{internship.pk}/override/",
        {"action": "hide", "reason": "  ", "back": "person"},
        follow=True,
    )

    assert not MatchOverride.objects.exists()
    assert "Give the override a reason." in response.content.decode()


def test_withdrawing_an_override_ranks_the_offer_by_its_score_again(
    caseworker: User, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    override = MatchOverride.objects.create(
        participant=person, offer=internship, action="hide", reason="Na razie nie.", created_by=caseworker
    )
    client = client_for(caseworker)

    client.post(f"/employers/matching/overrides/{override.pk}/remove/", {"back": "person"})

    assert not MatchOverride.objects.exists()
    assert [m.offer_id for m in client.get(_matches_url(person)).context["matches"].shown] == [internship.pk]


def test_the_offer_s_matched_people_are_those_whose_files_the_user_sees_each_logged_as_read(
    caseworker: User,
    person: Participant,
    profile: JobProfile,
    internship: Offer,
    other_organisation: Organisation,
) -> None:
    stranger: Participant = ParticipantFactory(organisation=other_organisation)
    JobProfile.objects.create(participant=stranger, wanted_occupations=["751204"], skills=["baking"])

    page = client_for(caseworker).get(f"/employers/matching/offers/{internship.pk}/")

    assert [m.participant_id for m in page.context["matches"].shown] == [person.pk]
    assert reads_of(caseworker)[("participant", person.pk)] == 1
    assert reads_of(caseworker)[("participant", stranger.pk)] == 0


def test_another_organisation_s_worker_cannot_see_the_person_s_matches_profile_or_overrides(
    outsider: User, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    client = client_for(outsider)

    answers = [
        client.get(_matches_url(person)).status_code,
        client.get(f"/employers/matching/participants/{person.pk}/profile/").status_code,
        client.post(
            f"/employers/matching/participants/{person.pk}/offers/{internship.pk}/override/",
            {"action": "hide", "reason": "x", "back": "person"},
        ).status_code,
        client.get(f"/employers/matching/offers/{internship.pk}/").status_code,
    ]

    assert answers == [404, 404, 404, 404]
    assert not MatchOverride.objects.exists()


def test_the_employer_s_contact_never_reaches_the_matching_pages(
    bakery_contact: User, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    client = client_for(bakery_contact)

    answers = {
        client.get(_matches_url(person)).status_code,
        client.get(f"/employers/matching/participants/{person.pk}/profile/").status_code,
        client.get(f"/employers/matching/offers/{internship.pk}/").status_code,
    }

    assert answers == {403}


def test_the_matches_page_takes_the_same_queries_whatever_the_number_of_offers(
    caseworker: User,
    person: Participant,
    profile: JobProfile,
    internship: Offer,
    bakery: Employer,
    bakery_site: Site,
) -> None:
    client = client_for(caseworker)
    client.get(_matches_url(person))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_matches_url(person)).status_code == 200
        return len(captured)

    few = queries()
    for number in range(25):
        open_offer(bakery, bakery_site, title=f"Oferta {number}", required_skills=["baking"])
    MatchOverride.objects.create(participant=person, offer=internship, action="promote", reason="Pasuje.")

    assert queries() == few
    assert few <= 12


def test_the_job_profile_form_shows_the_saved_profile(
    caseworker: User, person: Participant, profile: JobProfile
) -> None:
    page = client_for(caseworker).get(f"/employers/matching/participants/{person.pk}/profile/")

    assert page.status_code == 200
    assert page.context["form"].initial["wanted_occupations"] == "751204"
    assert 'value="751204"' in page.content.decode()


def test_a_worker_of_another_organisation_cannot_save_the_job_profile_through_the_service(
    outsider: User, person: Participant
) -> None:
    with pytest.raises(PermissionDenied):
        services.job_profile_save(actor=outsider, participant=person, data=services.JobProfileData())

    assert not JobProfile.objects.exists()


def test_the_offer_s_matched_people_page_takes_the_same_queries_whatever_the_number_of_people(
    caseworker: User, organisation: Organisation, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    client = client_for(caseworker)
    url = f"/employers/matching/offers/{internship.pk}/"
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(15):
        someone: Participant = ParticipantFactory(organisation=organisation)
        JobProfile.objects.create(participant=someone, wanted_occupations=["7512"], skills=["baking"])

    assert queries() == few
    assert few <= 10


def test_an_implausible_day_of_availability_is_refused_on_its_field(
    caseworker: User, person: Participant
) -> None:
    page = client_for(caseworker).post(
        f"/employers/matching/participants/{person.pk}/profile/",
        {"travel_mode": "car", "available_from": "9999-12-31"},
    )

    assert page.context["form"].errors == {
        "available_from": ["Give a date between 1.1.2000 and five years from today."]
    }
