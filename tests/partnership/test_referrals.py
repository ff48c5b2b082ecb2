"""Referrals between partners: consent or legal basis, only the chosen fields, the workflow."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.notifications.models import Notification
from reintegra.partnership import services
from reintegra.partnership.models import LegalBasis, Partnership, Referral, ReferralStatus
from reintegra.partnership.workflow import IllegalMoveError
from reintegra.people import services as people_services
from reintegra.people.models import Consent, ConsentKind, Participant
from reintegra.questionnaires import services as questionnaire_services
from reintegra.questionnaires.models import Questionnaire, QuestionnaireVersion, VersionStatus
from tests.conftest import client_for
from tests.partnership.conftest import consent_for, send
from tests.reads import read, reads_of


def _errors(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


# --- What the receiver sees -------------------------------------------------------------


def test_the_receiver_sees_only_the_referred_fields(referral: Referral, ngo_worker: User) -> None:
    response = client_for(ngo_worker).get(reverse("partnership:referral_detail", args=[referral.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    for referred in ("Łucja", "Żółkiewska", "600100200", "lucja@example.org", "Potrzebne wsparcie"):
        assert referred in page
    for kept_back in ("Źródlana", "1988-03-14", "ZZZ123456", "Borówkowo"):
        assert kept_back not in page
    assert referral.snapshot == {
        "name": {"first_name": "Łucja", "last_name": "Żółkiewska"},
        "contact": {"phone": "600100200", "email": "lucja@example.org"},
    }


def test_the_receiver_never_reaches_the_participants_file(referral: Referral, ngo_worker: User) -> None:
    client = client_for(ngo_worker)

    assert client.get(reverse("people:participant_detail", args=[referral.participant_id])).status_code == 404
    page = client.get(reverse("partnership:referral_detail", args=[referral.pk])).content.decode()
    assert reverse("people:participant_detail", args=[referral.participant_id]) not in page


def test_the_referral_keeps_the_data_as_they_were_when_it_was_sent(
    referral: Referral, person: Participant, caseworker: User, ngo_worker: User
) -> None:
    people_services.participant_update(
        actor=caseworker,
        participant=person,
        data=replace(people_services.ParticipantData.of(person), phone="700999888"),
    )

    page = (
        client_for(ngo_worker)
        .get(reverse("partnership:referral_detail", args=[referral.pk]))
        .content.decode()
    )

    assert "600100200" in page
    assert "700999888" not in page


def test_the_sender_chooses_the_fields_from_the_documented_list(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    with pytest.raises(ValidationError) as error:
        send(caseworker, person, ngo, fields=["name", "salary"])

    assert "fields" in _errors(error)


# --- Consent or legal basis ---------------------------------------------------------------


def test_without_consent_or_legal_basis_the_referral_is_refused_naming_the_legal_basis_field(
    partnership: Partnership, person: Participant, caseworker: User, ngo: Organisation
) -> None:
    with pytest.raises(ValidationError) as error:
        send(caseworker, person, ngo)

    assert "consent to sharing data with partner organisations" in _errors(error)["legal_basis"][0]
    assert not Referral.objects.exists()


def test_the_send_form_names_the_legal_basis_field_when_there_is_no_consent(
    partnership: Partnership, person: Participant, caseworker: User, ngo: Organisation
) -> None:
    response = client_for(caseworker).post(
        reverse("partnership:referral_create", args=[person.pk]),
        {"to_organisation": ngo.pk, "referred_fields": ["name"], "reason": "Wsparcie", "legal_basis": ""},
    )

    assert response.status_code == 200
    assert "legal_basis" in response.context["form"].errors
    assert not Referral.objects.exists()


def test_a_withdrawn_consent_does_not_let_a_referral_leave(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    people_services.consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=date(2026, 2, 1))

    with pytest.raises(ValidationError) as error:
        send(caseworker, person, ngo)

    assert "legal_basis" in _errors(error)


def test_a_legal_basis_needs_the_provision_it_rests_on(
    partnership: Partnership, person: Participant, caseworker: User, ngo: Organisation
) -> None:
    with pytest.raises(ValidationError) as error:
        send(caseworker, person, ngo, legal_basis=LegalBasis.PUBLIC_TASK)

    assert "legal_basis_reference" in _errors(error)


def test_a_recorded_legal_basis_lets_the_referral_leave_without_consent(
    partnership: Partnership, person: Participant, caseworker: User, ngo: Organisation
) -> None:
    referral = send(
        caseworker,
        person,
        ngo,
        fields=["name", "education"],
        legal_basis=LegalBasis.PUBLIC_TASK,
        legal_basis_reference="art. 46 ustawy o pomocy społecznej",
    )

    assert referral.consent is None
    assert referral.legal_basis_reference == "art. 46 ustawy o pomocy społecznej"


def test_disadvantages_need_an_art_9_basis_or_the_special_category_consent(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    with pytest.raises(ValidationError) as error:
        send(caseworker, person, ngo, fields=["name", "disadvantages"])
    assert "processing of special-category data" in _errors(error)["fields"][0]
    assert "art. 9 RODO" in _errors(error)["fields"][0]

    consent_for(person, caseworker, ConsentKind.SPECIAL_CATEGORY)
    referral = send(caseworker, person, ngo, fields=["name", "disadvantages"])

    assert referral.snapshot["disadvantages"]["disability"] == "yes"


def test_a_withdrawn_consent_leaves_the_sent_referral_and_shows_on_its_page(
    referral: Referral, consent: Consent, caseworker: User, ngo_worker: User
) -> None:
    people_services.consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=date(2026, 2, 1))

    response = client_for(ngo_worker).get(reverse("partnership:referral_detail", args=[referral.pk]))

    assert response.status_code == 200
    assert 'data-testid="consent-withdrawn"' in response.content.decode()
    assert "2026-02-01" in response.content.decode()


# --- Only within the partnership --------------------------------------------------------------


def test_a_referral_outside_the_partnership_is_refused_naming_the_organisation_field(
    partnership: Partnership,
    person: Participant,
    consent: Consent,
    caseworker: User,
    other_organisation: Organisation,
) -> None:
    with pytest.raises(ValidationError) as error:
        send(caseworker, person, other_organisation)

    assert "not a member of a partnership" in _errors(error)["to_organisation"][0]


def test_the_send_form_refuses_an_organisation_outside_the_partnership_on_its_field(
    partnership: Partnership,
    person: Participant,
    consent: Consent,
    caseworker: User,
    other_organisation: Organisation,
) -> None:
    response = client_for(caseworker).post(
        reverse("partnership:referral_create", args=[person.pk]),
        {"to_organisation": other_organisation.pk, "referred_fields": ["name"], "reason": "Wsparcie"},
    )

    assert response.status_code == 200
    assert "to_organisation" in response.context["form"].errors
    assert not Referral.objects.exists()


def test_a_case_worker_sends_a_referral_from_the_form_and_the_receivers_coordinators_are_told(
    partnership: Partnership,
    person: Participant,
    consent: Consent,
    caseworker: User,
    ngo: Organisation,
    ngo_coordinator: User,
    ngo_worker: User,
) -> None:
    client = client_for(caseworker)
    assert (
        reverse("partnership:referral_create", args=[person.pk])
        in client.get(reverse("people:participant_detail", args=[person.pk])).content.decode()
    )

    response = client.post(
        reverse("partnership:referral_create", args=[person.pk]),
        {"to_organisation": ngo.pk, "referred_fields": ["name", "education"], "reason": "Kurs zawodowy"},
    )

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("partnership:referral_detail", args=[referral.pk])
    assert referral.consent == consent
    assert set(referral.snapshot) == {"name", "education"}
    assert Notification.objects.filter(user=ngo_coordinator).count() == 1
    assert not Notification.objects.filter(user=ngo_worker).exists()


# --- The workflow ---------------------------------------------------------------------------


def test_the_receiver_accepts_and_completes_and_every_move_is_recorded_with_who_and_why(
    referral: Referral, ngo_worker: User, caseworker: User
) -> None:
    client = client_for(ngo_worker)

    client.post(
        reverse("partnership:referral_accept", args=[referral.pk]), {"note": "Zapraszamy w poniedziałek"}
    )
    client.post(reverse("partnership:referral_complete", args=[referral.pk]), {"note": "Ukończyła kurs"})

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    moves = [(c.from_status, c.to_status, c.changed_by, c.reason) for c in referral.status_changes.all()]
    assert moves == [
        ("", "sent", caseworker, "Potrzebne wsparcie mieszkaniowe."),
        ("sent", "accepted", ngo_worker, "Zapraszamy w poniedziałek"),
        ("accepted", "completed", ngo_worker, "Ukończyła kurs"),
    ]
    assert Notification.objects.filter(user=caseworker).count() == 2


def test_a_decline_needs_a_reason(referral: Referral, ngo_worker: User) -> None:
    response = client_for(ngo_worker).post(
        reverse("partnership:referral_decline", args=[referral.pk]), {"reason": " "}
    )

    assert response.status_code == 200
    assert "reason" in response.context["decline_form"].errors
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    with pytest.raises(ValidationError) as error:
        services.referral_decline(actor=ngo_worker, referral=referral, reason="")
    assert "reason" in _errors(error)


def test_a_decline_with_a_reason_is_shown_to_the_sender(
    referral: Referral, ngo_worker: User, caseworker: User
) -> None:
    client_for(ngo_worker).post(
        reverse("partnership:referral_decline", args=[referral.pk]),
        {"reason": "Brak wolnych miejsc", "confirmed": "1"},
    )

    page = (
        client_for(caseworker)
        .get(reverse("partnership:referral_detail", args=[referral.pk]))
        .content.decode()
    )
    assert "Brak wolnych miejsc" in page
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED


def test_a_referral_cannot_skip_acceptance(referral: Referral, ngo_worker: User) -> None:
    with pytest.raises(IllegalMoveError):
        services.referral_complete(actor=ngo_worker, referral=referral)


def test_the_sender_cannot_answer_its_own_referral(referral: Referral, caseworker: User) -> None:
    response = client_for(caseworker).post(reverse("partnership:referral_accept", args=[referral.pk]))

    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.referral_accept(actor=caseworker, referral=referral)


def test_a_partner_viewer_of_the_receiver_reads_the_referral_but_cannot_answer_it(
    referral: Referral, ngo_viewer: User
) -> None:
    client = client_for(ngo_viewer)

    page = client.get(reverse("partnership:referral_detail", args=[referral.pk]))
    assert page.status_code == 200
    assert 'data-testid="accept"' not in page.content.decode()
    assert client.post(reverse("partnership:referral_accept", args=[referral.pk])).status_code == 403
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


# --- Who sees what ------------------------------------------------------------------------


def test_a_worker_of_another_organisation_gets_404_for_a_referral(referral: Referral, outsider: User) -> None:
    client = client_for(outsider)

    assert client.get(reverse("partnership:referral_detail", args=[referral.pk])).status_code == 404
    assert client.post(reverse("partnership:referral_accept", args=[referral.pk])).status_code == 404
    assert "Żółkiewska" not in client.get(reverse("partnership:referral_inbox")).content.decode()
    assert "Żółkiewska" not in client.get(reverse("partnership:referral_sent")).content.decode()


def test_the_inbox_lists_referrals_waiting_for_an_answer_first(
    partnership: Partnership,
    person: Participant,
    consent: Consent,
    caseworker: User,
    ngo: Organisation,
    ngo_worker: User,
) -> None:
    first = send(caseworker, person, ngo, reason="Pierwsze")
    services.referral_accept(actor=ngo_worker, referral=first)
    second = send(caseworker, person, ngo, reason="Drugie")

    response = client_for(ngo_worker).get(reverse("partnership:referral_inbox"))

    assert [row["referral"].pk for row in response.context["rows"]] == [second.pk, first.pk]
    assert "Żółkiewska" in response.content.decode()


def test_the_sender_lists_its_sent_referrals(referral: Referral, caseworker: User, ngo_worker: User) -> None:
    response = client_for(caseworker).get(reverse("partnership:referral_sent"))

    assert [row["referral"].pk for row in response.context["rows"]] == [referral.pk]
    assert client_for(ngo_worker).get(reverse("partnership:referral_sent")).context["rows"] == []


def test_every_read_of_a_referral_is_written_to_the_audit_log_for_both_organisations(
    referral: Referral, ngo_worker: User, caseworker: User, organisation: Organisation, ngo: Organisation
) -> None:
    client_for(ngo_worker).get(reverse("partnership:referral_detail", args=[referral.pk]))
    client_for(ngo_worker).get(reverse("partnership:referral_inbox"))
    client_for(caseworker).get(reverse("partnership:referral_sent"))

    reads = AuditEntry.objects.get_for_object(referral).filter(action=AuditEntry.Action.ACCESS)
    assert sorted(entry.actor.username for entry in reads) == ["pracownik", "pracownik.ngo", "pracownik.ngo"]
    assert all({o.pk for o in entry.organisations.all()} == {organisation.pk, ngo.pk} for entry in reads)


def test_the_audit_log_records_which_fields_were_referred_but_not_the_persons_data(
    referral: Referral, organisation: Organisation, ngo: Organisation
) -> None:
    created = AuditEntry.objects.get_for_object(referral).get(action=AuditEntry.Action.CREATE)

    assert {o.pk for o in created.organisations.all()} == {organisation.pk, ngo.pk}
    assert "fields" in created.changes
    assert not {"snapshot", "reason"} & set(created.changes)
    assert referral.snapshot
    assert all(str(value) not in created.changes_str for value in referral.snapshot.values())


def test_the_navigation_offers_referrals_to_the_partner_viewer(ngo_viewer: User) -> None:
    response = client_for(ngo_viewer).get(reverse("home"))

    assert reverse("partnership:referral_inbox") in response.content.decode()


def test_the_send_form_lists_the_fields_to_tick_and_refuses_none_ticked_on_that_field(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> None:
    client = client_for(caseworker)
    url = reverse("partnership:referral_create", args=[person.pk])

    page = client.get(url).content.decode()
    assert page.count('name="referred_fields"') == 9
    assert ngo.name in page

    response = client.post(url, {"to_organisation": ngo.pk, "reason": "Wsparcie"})
    assert "referred_fields" in response.context["form"].errors
    assert not Referral.objects.exists()


# --- API --------------------------------------------------------------------------------------


def test_the_api_lists_the_receivers_referrals_with_only_the_referred_data_and_audits_the_reads(
    referral: Referral, ngo_worker: User, outsider: User
) -> None:
    response = client_for(ngo_worker).get("/api/v1/referrals")

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["id"] == referral.pk
    assert item["data"] == referral.snapshot
    assert "participant_id" not in item
    assert AuditEntry.objects.get_for_object(referral).filter(action=AuditEntry.Action.ACCESS).count() == 1
    assert client_for(outsider).get("/api/v1/referrals").json()["items"] == []


def test_the_api_refuses_a_user_without_a_role_that_sees_referrals(
    referral: Referral, employer_contact: User
) -> None:
    response = client_for(employer_contact).get("/api/v1/referrals")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_the_latest_questionnaire_goes_as_a_summary_without_its_answers_and_its_read_is_audited(
    partnership: Partnership,
    person: Participant,
    consent: Consent,
    caseworker: User,
    ngo: Organisation,
    ngo_worker: User,
    organisation: Organisation,
) -> None:
    questionnaire = Questionnaire.objects.create(
        organisation=organisation, code="diagnoza", name="Diagnoza wstępna"
    )
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=2,
        status=VersionStatus.PUBLISHED,
        published_at=timezone.now(),
        definition={
            "scored": False,
            "sections": [
                {
                    "key": "s1",
                    "title": "Oczekiwania",
                    "questions": [{"key": "notes", "label": "Uwagi", "kind": "text", "required": True}],
                }
            ],
        },
    )
    answered = questionnaire_services.response_create(
        actor=caseworker,
        participant=person,
        version=version,
        answers={"notes": "Tajna notatka z wywiadu"},
        filled_on=date(2026, 1, 10),
    )

    referral = send(caseworker, person, ngo, fields=["name", "questionnaire"])

    assert referral.snapshot["questionnaire"] == {
        "name": "Diagnoza wstępna",
        "version": 2,
        "filled_on": "2026-01-10",
        "score": None,
    }
    page = (
        client_for(ngo_worker)
        .get(reverse("partnership:referral_detail", args=[referral.pk]))
        .content.decode()
    )
    assert "Diagnoza wstępna" in page
    assert "Tajna notatka" not in page
    assert AuditEntry.objects.get_for_object(answered).filter(action=AuditEntry.Action.ACCESS).exists()


def test_each_way_to_a_referral_logs_the_referrals_it_shows_by_reader(
    partnership: Partnership,
    person: Participant,
    consent: Consent,
    caseworker: User,
    ngo: Organisation,
    ngo_worker: User,
) -> None:
    referrals = [send(caseworker, person, ngo, reason=f"Powód {n}") for n in range(3)]
    receiver = client_for(ngo_worker)

    receiver.get(reverse("partnership:referral_inbox"))
    assert reads_of(ngo_worker) == read(*referrals)
    receiver.get("/api/v1/referrals")
    assert reads_of(ngo_worker) == read(*referrals) + read(*referrals)
    receiver.get(reverse("partnership:referral_detail", args=[referrals[0].pk]))
    assert reads_of(ngo_worker) == read(*referrals) + read(*referrals) + read(referrals[0])
    client_for(caseworker).get(reverse("partnership:referral_sent"))
    assert reads_of(caseworker) == read(*referrals)
