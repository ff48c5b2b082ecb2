"""The demo's employers: who keeps them, their sites, offers coded with KZiS, job profiles."""

from __future__ import annotations

import pytest

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.demo.seed import seed
from reintegra.employers.matching.selectors import matches_for_participant
from reintegra.employers.models import (
    Employer,
    JobProfile,
    MatchOverride,
    Occupation,
    Offer,
    OfferKind,
    OfferStatus,
    Site,
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
    internship = offers.get(kind=OfferKind.INTERNSHIP)
    assert internship.employer.organisation.short_name == "Piekarnia Kłos"
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
    before = AuditEntry.objects.count(), Offer.objects.count(), JobProfile.objects.count()
    created = seed().created
    assert (created["employers"], created["offers"], created["job profiles"]) == (0, 0, 0)
    assert (AuditEntry.objects.count(), Offer.objects.count(), JobProfile.objects.count()) == before
