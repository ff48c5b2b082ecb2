"""Nothing is destroyed in one click: each destructive action shows a confirmation page on GET,
does it on POST, and leaves an audit entry; removals of a person's records are soft."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.casework import services as casework_services
from reintegra.partnership import services as partnership_services
from reintegra.partnership.models import MemberRole, PartnershipMember, Referral, ReferralStatus
from reintegra.people import services as people_services
from reintegra.people.models import Consent, ConsentKind, FamilyMember, Participant
from reintegra.people.services import FamilyMemberData
from reintegra.plans import services as plan_services
from reintegra.plans.models import PlanStatus
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import EnrolmentStatus, ExitReason, Programme, ProgrammeTemplate
from reintegra.questionnaires.models import Questionnaire, QuestionnaireVersion, VersionStatus
from tests.conftest import client_for
from tests.factories import OrganisationFactory, ParticipantFactory, ProgrammeFactory, agreement_for, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def ours(organisation: Organisation) -> Participant:
    return ParticipantFactory(organisation=organisation, first_name="Łucja", last_name="Żółkiewska")


def audited(instance: Model, actor: User, action: int) -> bool:
    return AuditEntry.objects.get_for_object(instance).filter(action=action, actor=actor).exists()


def test_removing_a_family_member_asks_first_then_marks_the_record_removed(
    ours: Participant, caseworker: User
) -> None:
    member = people_services.family_member_add(
        actor=caseworker, participant=ours, data=FamilyMemberData(first_name="Zofia", relation="child")
    )
    client = client_for(caseworker)
    url = reverse("people:family_member_remove", args=[ours.pk, member.pk])

    page = client.get(url)
    member.refresh_from_db()
    assert page.status_code == 200
    assert 'data-testid="confirm-form"' in page.content.decode()
    assert member.removed_on is None

    assert client.post(url).status_code == 302
    member.refresh_from_db()
    assert member.removed_on == timezone.localdate()
    assert FamilyMember.objects.filter(pk=member.pk).exists()
    assert audited(member, caseworker, AuditEntry.Action.UPDATE)
    assert client.get(url).status_code == 404  # a removed member is gone from the file


def test_a_removed_family_member_is_no_longer_offered_for_a_meeting(
    ours: Participant, caseworker: User
) -> None:
    member = people_services.family_member_add(
        actor=caseworker, participant=ours, data=FamilyMemberData(first_name="Zofia", relation="child")
    )
    people_services.family_member_remove(actor=caseworker, member=member)

    page = client_for(caseworker).get(reverse("casework:meeting_create", args=[ours.pk]))

    assert member not in page.context["form"].fields["family_member"].queryset


def test_withdrawing_a_consent_asks_on_its_own_page_then_records_the_withdrawal(
    ours: Participant, caseworker: User
) -> None:
    consent = people_services.consent_record(
        actor=caseworker,
        participant=ours,
        kind=ConsentKind.CONTACT,
        given_on=date(2026, 1, 5),
        document="7/2026",
    )
    client = client_for(caseworker)
    url = reverse("people:consent_withdraw", args=[ours.pk, consent.pk])

    page = client.get(url)
    consent.refresh_from_db()
    assert page.status_code == 200
    assert consent.withdrawn_on is None

    done = client.post(url, {"withdrawn_on": "2026-02-01", "note": "telefonicznie"})
    assert done.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == date(2026, 2, 1)
    assert Consent.objects.filter(pk=consent.pk).exists()
    assert audited(consent, caseworker, AuditEntry.Action.UPDATE)


def test_ending_an_assignment_asks_first_then_records_the_end(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    assignment = casework_services.assignment_create(actor=coordinator, participant=ours, worker=caseworker)
    client = client_for(coordinator)
    url = reverse("casework:assignment_end", args=[ours.pk, assignment.pk])

    page = client.get(url)
    assignment.refresh_from_db()
    assert page.status_code == 200
    assert 'data-testid="confirm-form"' in page.content.decode()
    assert assignment.ended_on is None

    assert client.post(url).status_code == 302
    assignment.refresh_from_db()
    assert assignment.ended_on is not None
    assert audited(assignment, coordinator, AuditEntry.Action.UPDATE)


def test_a_case_worker_gets_no_confirmation_page_for_ending_an_assignment(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    assignment = casework_services.assignment_create(actor=coordinator, participant=ours, worker=caseworker)

    response = client_for(caseworker).get(reverse("casework:assignment_end", args=[ours.pk, assignment.pk]))

    assert response.status_code == 403


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    programme_services.templates_load()
    return ProgrammeFactory(
        organisation=organisation, template=ProgrammeTemplate.objects.first(), places=1, eligibility_rules=[]
    )


def enrolled(programme: Programme, actor: User) -> object:
    enrolment = programme_services.enrolment_apply(
        actor=actor, programme=programme, participant=ParticipantFactory(organisation=programme.organisation)
    )
    enrolment = programme_services.enrolment_assess(actor=actor, enrolment=enrolment)
    return programme_services.enrolment_enrol(actor=actor, enrolment=enrolment)


def test_ending_a_participation_asks_on_its_own_page_then_records_the_exit(
    programme: Programme, coordinator: User
) -> None:
    enrolment = enrolled(programme, coordinator)
    client = client_for(coordinator)
    url = reverse("programmes:enrolment_action", args=[programme.pk, enrolment.pk, "leave"])

    page = client.get(url)
    enrolment.refresh_from_db()
    assert page.status_code == 200
    assert enrolment.status == EnrolmentStatus.ENROLLED

    done = client.post(
        url, {"exit_reason": ExitReason.COMPLETED, "left_on": timezone.localdate().isoformat()}
    )
    assert done.status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.exit_reason) == (EnrolmentStatus.LEFT, ExitReason.COMPLETED)
    assert audited(enrolment, coordinator, AuditEntry.Action.UPDATE)


def test_declining_an_offered_place_asks_first_then_offers_it_to_the_next(
    programme: Programme, coordinator: User
) -> None:
    holder = enrolled(programme, coordinator)
    waiting = enrolled(programme, coordinator)  # the one place is taken: on the reserve list
    programme_services.enrolment_leave(
        actor=coordinator, enrolment=holder, exit_reason=ExitReason.EMPLOYMENT, left_on=timezone.localdate()
    )
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.OFFERED
    client = client_for(coordinator)
    url = reverse("programmes:enrolment_action", args=[programme.pk, waiting.pk, "decline"])

    page = client.get(url)
    waiting.refresh_from_db()
    assert page.status_code == 200
    assert waiting.status == EnrolmentStatus.OFFERED

    assert client.post(url).status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, waiting.exit_reason) == (EnrolmentStatus.LEFT, ExitReason.DECLINED_OFFER)
    assert audited(waiting, coordinator, AuditEntry.Action.UPDATE)


def test_other_recruitment_steps_are_not_reachable_by_get(programme: Programme, coordinator: User) -> None:
    enrolment = enrolled(programme, coordinator)

    response = client_for(coordinator).get(
        reverse("programmes:enrolment_action", args=[programme.pk, enrolment.pk, "assess"])
    )

    assert response.status_code == 405


def test_removing_an_organisation_from_a_partnership_asks_first(
    organisation: Organisation, org_admin: User
) -> None:
    ngo = OrganisationFactory(type=OrganisationType.NGO)
    partnership = partnership_services.partnership_create(
        actor=None, organisation=organisation, name="Partnerstwo", area_description="powiat"
    )
    member = partnership_services.partnership_member_add(
        actor=None, partnership=partnership, organisation=ngo, role=MemberRole.PARTNER
    )
    client = client_for(org_admin)
    url = reverse("partnership:member_remove", args=[partnership.pk, member.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert PartnershipMember.objects.filter(pk=member.pk).exists()

    assert client.post(url).status_code == 302
    assert not PartnershipMember.objects.filter(pk=member.pk).exists()
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.DELETE, actor=org_admin, object_pk=str(member.pk)
    ).exists()


@pytest.fixture
def questionnaire(organisation: Organisation) -> Questionnaire:
    return Questionnaire.objects.create(organisation=organisation, code="diagnoza", name="Diagnoza")


DEFINITION = {
    "scored": False,
    "sections": [
        {"key": "s1", "title": "A", "questions": [{"key": "q1", "label": "Pytanie", "kind": "text"}]}
    ],
}


def test_removing_a_question_from_a_draft_asks_first(questionnaire: Questionnaire, coordinator: User) -> None:
    draft = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1, definition=DEFINITION)
    client = client_for(coordinator)
    url = reverse("questionnaires:question_remove", args=[questionnaire.pk, draft.pk, "q1"])

    page = client.get(url)
    draft.refresh_from_db()
    assert page.status_code == 200
    assert draft.definition["sections"][0]["questions"]

    assert client.post(url).status_code == 302
    draft.refresh_from_db()
    assert draft.definition["sections"][0]["questions"] == []
    assert audited(draft, coordinator, AuditEntry.Action.UPDATE)


def test_retiring_a_version_asks_first(questionnaire: Questionnaire, coordinator: User) -> None:
    published = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=1,
        definition=DEFINITION,
        status=VersionStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    client = client_for(coordinator)
    url = reverse("questionnaires:version_retire", args=[questionnaire.pk, published.pk])

    page = client.get(url)
    published.refresh_from_db()
    assert page.status_code == 200
    assert published.status == VersionStatus.PUBLISHED

    assert client.post(url).status_code == 302
    published.refresh_from_db()
    assert published.status == VersionStatus.RETIRED
    assert audited(published, coordinator, AuditEntry.Action.UPDATE)


def test_the_lists_link_to_the_confirmation_pages_and_mark_them_for_the_dialog(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    member = people_services.family_member_add(
        actor=caseworker, participant=ours, data=FamilyMemberData(first_name="Zofia", relation="child")
    )
    assignment = casework_services.assignment_create(actor=coordinator, participant=ours, worker=caseworker)
    client = client_for(coordinator)

    family = client.get(
        reverse("people:participant_detail", args=[ours.pk]), {"tab": "family"}
    ).content.decode()
    workers = client.get(reverse("casework:assignments", args=[ours.pk])).content.decode()

    remove = reverse("people:family_member_remove", args=[ours.pk, member.pk])
    end = reverse("casework:assignment_end", args=[ours.pk, assignment.pk])
    assert f'<a href="{remove}"' in family
    assert "data-confirm=" in family
    assert f'<a href="{end}"' in workers
    assert "data-confirm=" in workers
    assert 'id="confirm-dialog"' in family


def test_closing_a_plan_without_javascript_asks_on_a_page_that_carries_the_move_on(
    ours: Participant, caseworker: User
) -> None:
    plan = plan_services.plan_create(
        actor=caseworker, participant=ours, plan_type_code="generic", starts_on=date(2026, 1, 5)
    )
    client = client_for(caseworker)
    url = reverse("plans:plan_move", args=[plan.pk])

    page = client.post(url, {"to": "closed"})
    plan.refresh_from_db()
    assert page.status_code == 200
    assert plan.status == PlanStatus.DRAFT
    html = page.content.decode()
    assert '<input type="hidden" name="to" value="closed">' in html
    assert '<input type="hidden" name="confirmed" value="1">' in html

    assert client.post(url, {"to": "closed", "confirmed": "1"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
    assert audited(plan, caseworker, AuditEntry.Action.UPDATE)


def test_withdrawing_and_declining_a_referral_ask_first_carrying_the_reason_on(
    ours: Participant, organisation: Organisation, caseworker: User
) -> None:
    ngo = OrganisationFactory(type=OrganisationType.NGO)
    ngo_worker = member(ngo, Role.CASE_WORKER, username="pracownik.ngo")
    partnership = partnership_services.partnership_create(
        actor=None, organisation=organisation, name="Partnerstwo", area_description="powiat"
    )
    partnership_services.partnership_member_add(
        actor=None, partnership=partnership, organisation=ngo, role=MemberRole.PARTNER
    )
    agreement_for(partnership, ngo)
    people_services.consent_record(
        actor=caseworker,
        participant=ours,
        kind=ConsentKind.SHARING_WITH_PARTNERS,
        given_on=date(2026, 1, 5),
        document="7/2026",
    )

    def send() -> Referral:
        return partnership_services.referral_send(
            actor=caseworker, participant=ours, to_organisation=ngo, fields=["name"], reason="Wsparcie."
        )

    for actor, referral, name, status in (
        (caseworker, send(), "partnership:referral_withdraw", ReferralStatus.WITHDRAWN),
        (ngo_worker, send(), "partnership:referral_decline", ReferralStatus.DECLINED),
    ):
        client = client_for(actor)
        url = reverse(name, args=[referral.pk])
        page = client.post(url, {"reason": "Osoba wyjechała"})
        referral.refresh_from_db()
        assert page.status_code == 200
        assert referral.status == ReferralStatus.SENT
        assert 'value="Osoba wyjechała"' in page.content.decode()

        assert client.post(url, {"reason": "Osoba wyjechała", "confirmed": "1"}).status_code == 302
        referral.refresh_from_db()
        assert referral.status == status
        assert audited(referral, actor, AuditEntry.Action.UPDATE)
