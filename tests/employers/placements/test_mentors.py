"""Mentors: an employer's employee, added by its contact or by the staff who keep the employer,
optionally with her own account; her mentees shown as each reader may see them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reintegra.accounts.models import Role, User
from reintegra.employers.models import Employer, Mentor, Offer, Placement
from reintegra.employers.placements import services
from reintegra.employers.placements.services import MentorData, PlacementTerms
from tests.conftest import client_for
from tests.factories import member


@pytest.fixture
def mentor(bakery: Employer, bakery_contact: User) -> Mentor:
    return services.mentor_create(
        actor=bakery_contact,
        employer=bakery,
        data=MentorData(name="Jan Mistrz", job_title="Mistrz piekarski"),
    )


@pytest.fixture
def mentored(placement: Placement, mentor: Mentor, caseworker: User) -> Placement:
    return services.placement_terms_set(
        actor=caseworker,
        placement=placement,
        terms=PlacementTerms(starts_on=placement.starts_on, ends_on=placement.ends_on, mentor=mentor),
    )


def test_the_staff_who_keep_the_employer_add_a_mentor(caseworker: User, bakery: Employer) -> None:
    url = reverse("employers:placements:mentor_create", args=[bakery.pk])
    response = client_for(caseworker).post(url, {"name": "Anna Wzorowa", "active": "on"})
    assert response.status_code == 302
    assert bakery.mentors.get().name == "Anna Wzorowa"


def test_a_mentors_account_must_be_one_of_the_employers_people(
    mentor: Mentor, bakery_contact: User, caseworker: User, bakery: Employer
) -> None:
    with pytest.raises(ValidationError) as error:
        services.mentor_update(
            actor=bakery_contact, mentor=mentor, data=MentorData(name="Jan", account=caseworker)
        )
    assert set(error.value.message_dict) == {"account"}
    colleague = member(bakery.organisation, Role.EMPLOYER_CONTACT, username="mistrz")
    services.mentor_update(
        actor=bakery_contact, mentor=mentor, data=MentorData(name="Jan", account=colleague)
    )
    assert Mentor.objects.get(pk=mentor.pk).account == colleague


def test_the_employer_sees_her_mentees_without_names_and_the_case_worker_with_them(
    mentored: Placement, mentor: Mentor, bakery_contact: User, caseworker: User
) -> None:
    url = reverse("employers:placements:mentor_edit", args=[mentor.pk])
    employer_page = client_for(bakery_contact).get(url).content.decode()
    assert "Kandydatka 1" in employer_page
    assert "Żółkiewska" not in employer_page
    assert "Łucja Żółkiewska" in client_for(caseworker).get(url).content.decode()


def test_another_employers_contact_cannot_see_or_change_the_mentor(
    mentor: Mentor, employer_contact: User
) -> None:
    url = reverse("employers:placements:mentor_edit", args=[mentor.pk])
    assert client_for(employer_contact).get(url).status_code == 404
    assert (
        "Jan Mistrz"
        not in client_for(employer_contact).get(reverse("employers:placements:mentors")).content.decode()
    )
    with pytest.raises(PermissionDenied):
        services.mentor_update(actor=employer_contact, mentor=mentor, data=MentorData(name="Ktoś"))


def test_another_organisations_worker_cannot_see_the_mentor(mentor: Mentor, outsider: User) -> None:
    assert (
        client_for(outsider).get(reverse("employers:placements:mentor_edit", args=[mentor.pk])).status_code
        == 404
    )


def test_a_mentoring_meeting_needs_a_started_placement(mentored: Placement, bakery_contact: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.mentoring_meeting_record(
            actor=bakery_contact,
            placement=mentored,
            data=services.MentoringMeetingData(held_on=date(2026, 12, 1), duration_minutes=30),
        )
    assert set(error.value.message_dict) == {"held_on"}


def test_the_offer_page_leads_staff_to_propose_and_the_employers_home_to_her_candidates_and_mentors(
    internship: Offer, caseworker: User, bakery_contact: User, mentor: Mentor
) -> None:
    offer_page = (
        client_for(caseworker).get(reverse("employers:offer_detail", args=[internship.pk])).content.decode()
    )
    assert reverse("employers:placements:propose_for_offer", args=[internship.pk]) in offer_page
    home = client_for(bakery_contact).get(reverse("employers:own_home")).content.decode()
    assert reverse("employers:placements:candidates") in home
    assert reverse("employers:placements:mentors") in home
    employer_page = client_for(caseworker).get(
        reverse("employers:employer_detail", args=[internship.employer_id])
    )
    mentors = reverse("employers:placements:mentors") + f"?employer={internship.employer_id}"
    assert mentors in employer_page.content.decode()
    assert "Jan Mistrz" in client_for(caseworker).get(mentors).content.decode()
