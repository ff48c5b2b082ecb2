"""Who reaches an employer, its sites and its offers: the access functions of employers/selectors.py.

Personas: the keeping organisation's case worker and coordinator, another organisation's worker,
the staff of a partnership member, the employer's own contact, another employer's contact, and a
participant.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.http import Http404

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.employers import selectors
from reintegra.employers.models import Employer, Offer, Site
from reintegra.partnership.models import MemberRole, Partnership, PartnershipMember
from tests.factories import OrganisationFactory, member


@pytest.fixture
def partner_worker(organisation: Organisation, bakery: Employer) -> User:
    partnership = Partnership.objects.create(name="Partnerstwo powiatu zaleskiego")
    partner = Organisation.objects.create(name="Stowarzyszenie Razem", type=OrganisationType.NGO)
    pairs: list[tuple[Organisation, MemberRole]] = [
        (organisation, MemberRole.LEADER),
        (partner, MemberRole.PARTNER),
    ]
    for org, role in pairs:
        PartnershipMember.objects.create(
            partnership=partnership, organisation=org, role=role, joined_on=date(2026, 1, 1)
        )
    bakery.partnership = partnership
    bakery.save(update_fields=["partnership"])
    return member(partner, Role.CASE_WORKER, username="partnerka")


@pytest.fixture
def other_contact(db: None) -> User:
    other_employer = OrganisationFactory(name="Sklep Jaś", type=OrganisationType.EMPLOYER)
    return member(other_employer, Role.EMPLOYER_CONTACT, username="sklepikarz")


def test_the_keeping_organisations_worker_sees_the_employer_its_sites_and_offers(
    caseworker: User, bakery: Employer, bakery_site: Site, offer: Offer
) -> None:
    assert list(selectors.employers_for_user(caseworker)) == [bakery]
    assert selectors.employer_get_for_user(caseworker, bakery.pk) == bakery
    assert selectors.site_get_for_user(caseworker, bakery_site.pk) == bakery_site
    assert selectors.offer_get_for_user(caseworker, offer.pk) == offer


def test_another_organisations_worker_cannot_see_the_employer_or_its_offers(
    outsider: User, bakery: Employer, bakery_site: Site, offer: Offer
) -> None:
    assert not selectors.employers_for_user(outsider).exists()
    assert not selectors.offers_for_user(outsider).exists()
    with pytest.raises(Http404):
        selectors.employer_get_for_user(outsider, bakery.pk)
    with pytest.raises(Http404):
        selectors.site_get_for_user(outsider, bakery_site.pk)
    with pytest.raises(Http404):
        selectors.offer_get_for_user(outsider, offer.pk)


def test_a_refused_employer_answers_the_same_404_as_a_missing_one(outsider: User, bakery: Employer) -> None:
    with pytest.raises(Http404):
        selectors.employer_get_for_user(outsider, bakery.pk + 1000)
    with pytest.raises(Http404):
        selectors.employer_get_for_user(outsider, bakery.pk)


def test_a_partnership_members_staff_see_the_employer_and_its_offers_but_cannot_manage_them(
    partner_worker: User, bakery: Employer, offer: Offer
) -> None:
    assert selectors.employer_get_for_user(partner_worker, bakery.pk) == bakery
    assert selectors.offer_get_for_user(partner_worker, offer.pk) == offer
    with pytest.raises(Http404):
        selectors.offer_get_for_user(partner_worker, offer.pk, permission="offer.manage")
    assert not selectors.employer_allows(partner_worker, "employer.manage", bakery)


def test_the_employer_contact_sees_only_her_own_employer(
    bakery_contact: User, other_contact: User, bakery: Employer, offer: Offer
) -> None:
    assert list(selectors.employers_for_user(bakery_contact)) == [bakery]
    assert selectors.employer_of_contact(bakery_contact) == bakery
    assert selectors.offer_get_for_user(bakery_contact, offer.pk, permission="offer.manage") == offer

    assert selectors.employer_of_contact(other_contact) is None
    assert not selectors.offers_for_user(other_contact).exists()
    with pytest.raises(Http404):
        selectors.employer_get_for_user(other_contact, bakery.pk)


def test_the_employer_contact_cannot_manage_the_employer_record_itself(
    bakery_contact: User, bakery: Employer
) -> None:
    assert not selectors.employer_allows(bakery_contact, "employer.manage", bakery)
    assert selectors.employer_allows(bakery_contact, "employer.own", bakery)


def test_the_keeping_organisations_coordinator_manages_and_its_case_worker_only_offers(
    coordinator: User, caseworker: User, bakery: Employer, offer: Offer
) -> None:
    assert selectors.employer_allows(coordinator, "employer.manage", bakery)
    assert not selectors.employer_allows(caseworker, "employer.manage", bakery)
    assert selectors.offer_allows(caseworker, "offer.manage", offer)
    assert selectors.employer_of_contact(caseworker) is None


def test_a_participant_sees_no_employer_and_no_offer(
    participant: User, bakery: Employer, offer: Offer
) -> None:
    assert not selectors.employers_for_user(participant).exists()
    assert not selectors.offers_for_user(participant).exists()
    assert not selectors.sites_for_user(participant).exists()
    assert selectors.employer_of_contact(participant) is None
    with pytest.raises(Http404):
        selectors.offer_get_for_user(participant, offer.pk)
