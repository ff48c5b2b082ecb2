"""The placement pages: the case worker proposes and follows the placement; the employer's
contact sees candidates without names until they agree to meet, answers, reports the start and
end and gives feedback; she reaches nothing else of any person; the documents print."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.employers.models import Offer, Placement, PlacementStatus
from reintegra.employers.placements import selectors, services
from reintegra.people import services as people_services
from reintegra.people.models import ConsentKind, Participant
from tests.conftest import client_for
from tests.employers.placements.conftest import consent_to_employers
from tests.factories import ParticipantFactory
from tests.pdf import pdf_pages

S = PlacementStatus


def test_the_case_worker_proposes_a_person_from_the_offers_page(
    caseworker: User, person: Participant, internship: Offer
) -> None:
    client = client_for(caseworker)
    url = reverse("employers:placements:propose_for_offer", args=[internship.pk])
    assert "Żółkiewska" in client.get(url).content.decode()
    response = client.post(url, {"participant": person.pk, "note": "Piecze w domu."})
    placement = Placement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:placements:detail", args=[placement.pk])
    assert placement.note == "Piecze w domu."


def test_the_case_worker_proposes_from_the_persons_file(
    caseworker: User, person: Participant, internship: Offer
) -> None:
    client = client_for(caseworker)
    url = reverse("employers:placements:propose_for_person", args=[person.pk])
    assert "Staż w piekarni" in client.get(url).content.decode()
    assert client.post(url, {"offer": internship.pk}).status_code == 302
    assert Placement.objects.get().offer == internship


def test_proposing_twice_shows_the_refusal_on_the_person_field(
    placement: Placement, caseworker: User, person: Participant, internship: Offer, in_english: None
) -> None:
    url = reverse("employers:placements:propose_for_offer", args=[internship.pk])
    response = client_for(caseworker).post(url, {"participant": person.pk})
    assert response.status_code == 200
    assert "is already proposed for this offer" in response.content.decode()


def test_an_internship_too_long_is_refused_on_the_end_date_field(
    caseworker: User, person: Participant, internship: Offer, in_english: None
) -> None:
    url = reverse("employers:placements:propose_for_person", args=[person.pk])
    data = {"offer": internship.pk, "starts_on": "2026-12-01", "ends_on": "2027-09-01"}
    response = client_for(caseworker).post(url, data)
    assert "An internship lasts at most 6 months" in response.content.decode()
    assert not Placement.objects.exists()


def test_the_placement_page_shows_the_timeline_and_the_actions(
    placement: Placement, caseworker: User
) -> None:
    page = (
        client_for(caseworker)
        .get(reverse("employers:placements:detail", args=[placement.pk]))
        .content.decode()
    )
    assert 'data-testid="timeline"' in page
    assert 'data-testid="meeting-agree"' in page
    assert 'data-testid="move-withdrawn"' in page


def test_another_organisations_worker_cannot_see_the_placement(placement: Placement, outsider: User) -> None:
    client = client_for(outsider)
    assert client.get(reverse("employers:placements:detail", args=[placement.pk])).status_code == 404
    assert client.get(reverse("employers:placements:agreement_pdf", args=[placement.pk])).status_code == 404
    assert "Żółkiewska" not in client.get(reverse("employers:placements:list")).content.decode()


def test_the_employer_sees_an_anonymised_profile_before_the_person_agrees_to_meet(
    placement: Placement, bakery_contact: User, person: Participant
) -> None:
    client = client_for(bakery_contact)
    for url in (
        reverse("employers:placements:candidates"),
        reverse("employers:placements:candidate", args=[placement.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Kandydatka 1" in page
        assert "35–44" in page or "25–34" in page
        assert "obsługa pieca" in page
        for secret in ("Łucja", "Żółkiewska", "600100200", "Źródlana", "1988"):
            assert secret not in page


def test_after_the_person_agrees_to_meet_the_employer_sees_the_name_and_phone_only(
    placement: Placement, caseworker: User, bakery_contact: User, person: Participant
) -> None:
    client_for(caseworker).post(reverse("employers:placements:meeting_agreed", args=[placement.pk]))
    page = client_for(bakery_contact).get(reverse("employers:placements:candidate", args=[placement.pk]))
    text = page.content.decode()
    assert "Łucja Żółkiewska" in text
    assert "600100200" in text
    assert "Źródlana" not in text
    assert "ABC" not in text


def test_the_employer_contact_cannot_reach_another_employers_placement(
    placement: Placement, employer_contact: User
) -> None:
    client = client_for(employer_contact)
    assert client.get(reverse("employers:placements:candidate", args=[placement.pk])).status_code == 404
    response = client.post(
        reverse("employers:placements:candidate_move", args=[placement.pk]), {"to_status": S.ACCEPTED}
    )
    assert response.status_code == 404
    assert "Kandydatka 1" not in client.get(reverse("employers:placements:candidates")).content.decode()


def test_the_employer_contact_reaches_no_staff_or_participant_route(
    placement: Placement, bakery_contact: User, person: Participant
) -> None:
    client = client_for(bakery_contact)
    for url in (
        reverse("employers:placements:detail", args=[placement.pk]),
        reverse("employers:placements:list"),
        reverse("employers:placements:agreement_pdf", args=[placement.pk]),
        reverse("employers:placements:propose_for_person", args=[person.pk]),
        reverse("employers:placements:follow_ups"),
        reverse("people:participant_detail", args=[person.pk]),
        reverse("people:participant_list"),
        f"/api/v1/participants/{person.pk}",
        f"/api/v1/placements/{placement.pk}",
    ):
        assert client.get(url).status_code in (403, 404), url


def test_the_employer_accepts_starts_and_finishes_with_feedback_and_both_documents_print(
    placement: Placement, caseworker: User, bakery_contact: User
) -> None:
    employer = client_for(bakery_contact)

    def move(to: str) -> None:
        url = reverse("employers:placements:candidate_move", args=[placement.pk])
        assert employer.post(url, {"to_status": to}).status_code == 302

    move(S.ACCEPTED)
    client_for(caseworker).post(reverse("employers:placements:meeting_agreed", args=[placement.pk]))
    agreement = employer.get(reverse("employers:placements:candidate_agreement_pdf", args=[placement.pk]))
    text = " ".join(pdf_pages(agreement.content))
    assert "Łucja Żółkiewska" in text
    assert "Piekarnia Kłos" in text
    assert "Rynek 3" in text
    assert "1.12.2026" in text
    assert "31.1.2027" in text
    move(S.STARTED)
    url = reverse("employers:placements:candidate_feedback", args=[placement.pk])
    assert employer.post(url, {"rating": "5", "feedback": "Sumienna i punktualna."}).status_code == 302
    move(S.FINISHED)
    certificate = client_for(caseworker).get(
        reverse("employers:placements:certificate_pdf", args=[placement.pk])
    )
    text = " ".join(pdf_pages(certificate.content))
    assert "Łucja Żółkiewska" in text
    assert "Sumienna i punktualna." in text


def test_the_employer_cannot_print_the_agreement_before_the_person_agrees_to_meet(
    placement: Placement, bakery_contact: User
) -> None:
    services.placement_move(actor=bakery_contact, placement=placement, to_status=S.ACCEPTED)
    url = reverse("employers:placements:candidate_agreement_pdf", args=[placement.pk])
    assert client_for(bakery_contact).get(url).status_code == 404


def test_feedback_before_the_start_is_refused_on_the_page(
    placement: Placement, caseworker: User, in_english: None
) -> None:
    url = reverse("employers:placements:participant_feedback", args=[placement.pk])
    response = client_for(caseworker).post(url, {"feedback": "Dobrze."})
    assert response.status_code == 400
    assert "Feedback comes after the placement starts" in response.content.decode()


@pytest.mark.parametrize("to", [S.DECLINED])
def test_a_decline_without_a_reason_is_refused_on_the_page(
    placement: Placement, bakery_contact: User, to: str, in_english: None
) -> None:
    url = reverse("employers:placements:candidate_move", args=[placement.pk])
    response = client_for(bakery_contact).post(url, {"to_status": to, "confirmed": "1"})
    assert response.status_code == 400
    assert "Say why the placement is" in response.content.decode()
    assert Placement.objects.get(pk=placement.pk).status == S.PROPOSED


def test_a_mentor_and_a_mentoring_meeting(
    placement: Placement, bakery_contact: User, caseworker: User, bakery: object
) -> None:
    employer = client_for(bakery_contact)
    url = reverse("employers:placements:mentor_create", args=[placement.offer.employer_id])
    assert (
        employer.post(
            url, {"name": "Jan Mistrz", "job_title": "Mistrz piekarski", "active": "on"}
        ).status_code
        == 302
    )
    mentor = placement.offer.employer.mentors.get()
    terms = reverse("employers:placements:candidate_terms", args=[placement.pk])
    data = {"starts_on": "2026-12-01", "ends_on": "2027-01-31", "hours_per_week": "30"}
    assert employer.post(terms, {**data, "mentor": mentor.pk}).status_code == 302
    services.placement_move(actor=bakery_contact, placement=placement, to_status=S.ACCEPTED)
    services.placement_move(actor=bakery_contact, placement=placement, to_status=S.STARTED)
    meeting = reverse("employers:placements:mentoring_meeting", args=[placement.pk])
    data = {"held_on": date.today().isoformat(), "duration_minutes": "45", "notes": "Omówiono BHP."}
    assert client_for(caseworker).post(meeting, data).status_code == 302
    page = employer.get(reverse("employers:placements:candidate", args=[placement.pk])).content.decode()
    assert "Jan Mistrz" in page
    assert "Omówiono BHP." in page


def test_the_persons_file_lists_her_placements_and_leads_to_proposing_her(
    placement: Placement, caseworker: User, person: Participant
) -> None:
    page = client_for(caseworker).get(reverse("people:participant_detail", args=[person.pk])).content.decode()
    assert reverse("employers:placements:propose_for_person", args=[person.pk]) in page
    assert reverse("employers:placements:detail", args=[placement.pk]) in page


def test_a_person_who_withdraws_the_consent_disappears_from_the_employers_side(
    placement: Placement, caseworker: User, bakery_contact: User, person: Participant
) -> None:
    consent = person.consents.get(kind=ConsentKind.SHARING_WITH_EMPLOYERS)
    people_services.consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=timezone.localdate())
    client = client_for(bakery_contact)
    assert client.get(reverse("employers:placements:candidate", args=[placement.pk])).status_code == 404
    assert "Kandydatka 1" not in client.get(reverse("employers:placements:candidates")).content.decode()


def test_the_employers_read_of_a_candidate_is_in_the_persons_organisations_audit_log(
    placement: Placement, bakery_contact: User, organisation: object
) -> None:
    client_for(bakery_contact).get(reverse("employers:placements:candidate", args=[placement.pk]))
    entry = AuditEntry.objects.filter(actor=bakery_contact, action=AuditEntry.Action.ACCESS).get()
    assert entry.object_pk == str(placement.pk)
    assert list(entry.organisations.values_list("pk", flat=True)) == [placement.participant.organisation_id]


def test_declining_asks_first_when_the_browser_did_not(placement: Placement, bakery_contact: User) -> None:
    url = reverse("employers:placements:candidate_move", args=[placement.pk])
    client = client_for(bakery_contact)
    response = client.post(url, {"to_status": S.DECLINED, "reason": "Brak doświadczenia."})
    assert 'data-testid="confirm-form"' in response.content.decode()
    assert Placement.objects.get(pk=placement.pk).status == S.PROPOSED
    client.post(url, {"to_status": S.DECLINED, "reason": "Brak doświadczenia.", "confirmed": "1"})
    assert Placement.objects.get(pk=placement.pk).status == S.DECLINED


def test_the_employer_is_offered_only_her_own_moves(placement: Placement, bakery_contact: User) -> None:
    page = client_for(bakery_contact).get(reverse("employers:placements:candidate", args=[placement.pk]))
    text = page.content.decode()
    assert 'data-testid="move-accepted"' in text
    assert 'data-testid="move-declined"' in text
    assert 'data-testid="move-withdrawn"' not in text


def test_the_placement_list_exports_to_csv_and_the_export_is_audited(
    placement: Placement, caseworker: User
) -> None:
    response = client_for(caseworker).get(reverse("employers:placements:export", args=["csv"]))
    text = response.content.decode("utf-8-sig")
    assert "Łucja Żółkiewska" in text
    assert "Staż w piekarni" in text
    assert AuditEntry.objects.filter(actor=caseworker, additional_data__export__format="csv").exists()


def test_another_organisations_export_holds_none_of_our_people(placement: Placement, outsider: User) -> None:
    response = client_for(outsider).get(reverse("employers:placements:export", args=["csv"]))
    assert response.status_code == 200
    assert "Żółkiewska" not in response.content.decode("utf-8-sig")


def test_the_employers_history_counts_placements_by_status_without_names(
    placement: Placement, bakery_contact: User, outsider: User
) -> None:
    services.placement_move(actor=bakery_contact, placement=placement, to_status=S.ACCEPTED)
    section = selectors.placements_history(bakery_contact, placement.offer.employer)
    assert section is not None
    assert [(item.text, item.status) for item in section.items] == [(str(S.ACCEPTED.label), "1")]
    assert selectors.placements_history(outsider, placement.offer.employer) is None


def test_the_persons_matched_offers_lead_to_proposing_her_with_the_offer_chosen(
    caseworker: User, person: Participant, internship: Offer
) -> None:
    client = client_for(caseworker)
    matches = client.get(reverse("employers:matching:participant_matches", args=[person.pk])).content.decode()
    link = reverse("employers:placements:propose_for_person", args=[person.pk]) + f"?offer={internship.pk}"
    assert link in matches
    form = client.get(link).content.decode()
    assert f'<option value="{internship.pk}" selected>' in form


def test_an_offer_whose_places_are_taken_is_not_matched_to_anyone_else(
    caseworker: User, bakery_contact: User, organisation: Organisation, person: Participant, job: Offer
) -> None:
    matches = reverse("employers:matching:participant_matches", args=[person.pk])
    assert f'data-testid="propose-{job.pk}"' in client_for(caseworker).get(matches).content.decode()
    other = ParticipantFactory(organisation=organisation)
    consent_to_employers(other, caseworker)
    taken = services.placement_propose(actor=caseworker, participant=other, offer=job)
    services.placement_move(actor=bakery_contact, placement=taken, to_status=S.ACCEPTED)
    assert f'data-testid="propose-{job.pk}"' not in client_for(caseworker).get(matches).content.decode()


def test_the_navigation_leads_staff_to_placements_and_the_employer_to_her_candidates(
    caseworker: User, bakery_contact: User
) -> None:
    staff = client_for(caseworker).get(reverse("casework:caseload")).content.decode()
    assert reverse("employers:placements:list") in staff
    employer = client_for(bakery_contact).get(reverse("home")).content.decode()
    assert reverse("employers:placements:candidates") in employer
    assert f'href="{reverse("employers:placements:list")}"' not in employer
