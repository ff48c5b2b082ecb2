"""Needs survey rounds and answers: who opens, sends and closes a round, who answers for which
employer, and every bad line named by its field."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.employers import quarters
from reintegra.employers.models import (
    AnswerChannel,
    Employer,
    Occupation,
    Site,
    SurveyAnswer,
    SurveyAnswerLine,
    SurveyRound,
    SurveyRoundStatus,
)
from reintegra.employers.surveys import services
from reintegra.employers.surveys.workflow import IllegalMoveError
from reintegra.notifications.models import Notification
from tests.employers.surveys.conftest import next_quarter, round_data, this_quarter

pytestmark = pytest.mark.django_db


def line(occupation: Occupation | None = None, **changes: object) -> services.LineData:
    values: dict[str, object] = {"count": 2, "quarter": this_quarter(), "occupation": occupation}
    values.update(changes)
    return services.LineData(**values)


def answer_online(
    contact: User, survey: SurveyRound, employer: Employer, *lines: services.LineData
) -> SurveyAnswer:
    return services.survey_answer_save(
        actor=contact,
        survey=survey,
        employer=employer,
        data=services.AnswerData(lines=lines),
        channel=AnswerChannel.ONLINE,
    )


def codes(error: ValidationError) -> list[str | None]:
    return [item.code for items in error.error_dict.values() for item in items]


# --- Rounds --------------------------------------------------------------------------------


def test_a_coordinator_opens_a_round_as_a_draft(survey: SurveyRound, coordinator: User) -> None:
    assert survey.status == SurveyRoundStatus.DRAFT
    assert survey.created_by == coordinator
    assert survey.quarters == [this_quarter(), next_quarter()]


def test_a_case_worker_cannot_open_a_round(caseworker: User, organisation: Organisation) -> None:
    with pytest.raises(PermissionDenied):
        services.survey_round_open(actor=caseworker, organisation=organisation, data=round_data())


def test_another_organisations_coordinator_cannot_open_a_round_for_ours(
    other_coordinator: User, organisation: Organisation
) -> None:
    with pytest.raises(PermissionDenied):
        services.survey_round_open(actor=other_coordinator, organisation=organisation, data=round_data())


def test_a_round_that_does_not_start_a_quarter_or_ends_before_it_starts_is_refused_by_field(
    coordinator: User, organisation: Organisation
) -> None:
    first = this_quarter()
    with pytest.raises(ValidationError) as refused:
        services.survey_round_open(
            actor=coordinator,
            organisation=organisation,
            data=round_data(
                first_quarter=first + timedelta(days=3), last_quarter=quarters.shifted(first, -1)
            ),
        )

    assert set(refused.value.message_dict) == {"first_quarter", "last_quarter"}


def test_a_round_closing_long_after_its_period_is_refused(
    coordinator: User, organisation: Organisation
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.survey_round_open(
            actor=coordinator,
            organisation=organisation,
            data=round_data(closes_on=next_quarter() + timedelta(days=400)),
        )

    assert list(refused.value.message_dict) == ["closes_on"]


def test_the_next_round_follows_the_last_as_long_as_it(survey: SurveyRound, coordinator: User) -> None:
    following = services.survey_round_open_next(actor=coordinator, previous=survey)

    assert following.previous == survey
    assert following.quarters == [quarters.shifted(this_quarter(), 2), quarters.shifted(this_quarter(), 3)]
    assert following.closes_on == survey.closes_on + (following.first_quarter - survey.first_quarter)
    assert following.status == SurveyRoundStatus.DRAFT


def test_sending_invites_every_kept_employer_and_tells_its_contacts(
    survey: SurveyRound,
    coordinator: User,
    bakery: Employer,
    bakery_contact: User,
    shop: Employer,
    shop_contact: User,
    django_capture_on_commit_callbacks: object,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        invitations = services.survey_round_send(actor=coordinator, survey=survey)

    survey.refresh_from_db()
    assert survey.status == SurveyRoundStatus.OPEN
    assert {invitation.employer for invitation in invitations} == {bakery, shop}
    assert Notification.objects.filter(user__in=[bakery_contact, shop_contact]).count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == [bakery_contact.email, "sklep@example.org"]
    assert any("Sklep Pod Lipą" in message.body for message in mail.outbox)


def test_sending_again_reaches_only_the_employers_kept_since(
    sent_survey: SurveyRound, coordinator: User, bakery: Employer, shop: Employer
) -> None:
    again = services.survey_round_send(actor=coordinator, survey=sent_survey)

    assert [invitation.employer for invitation in again] == [shop]
    assert sent_survey.invitations.count() == 2


def test_another_organisations_employer_is_not_sent_our_round(
    survey: SurveyRound, coordinator: User, other_organisation: Organisation, bakery: Employer
) -> None:
    bakery.kept_by = other_organisation
    bakery.save()

    assert services.survey_round_send(actor=coordinator, survey=survey) == []


def test_a_closed_round_is_not_closed_again_nor_answered(
    sent_survey: SurveyRound, coordinator: User, bakery_contact: User, bakery: Employer, baker: Occupation
) -> None:
    services.survey_round_close(actor=coordinator, survey=sent_survey)

    with pytest.raises(IllegalMoveError):
        services.survey_round_close(actor=coordinator, survey=sent_survey)
    with pytest.raises(ValidationError) as refused:
        answer_online(bakery_contact, sent_survey, bakery, line(baker))
    assert codes(refused.value) == ["closed"]


# --- Answers -------------------------------------------------------------------------------


def test_an_employer_contact_answers_for_her_own_employer(
    sent_survey: SurveyRound, bakery_contact: User, bakery: Employer, baker: Occupation, bakery_site: Site
) -> None:
    answer = answer_online(bakery_contact, sent_survey, bakery, line(baker, skills=("wypiek", " ", "wypiek")))

    assert answer.channel == AnswerChannel.ONLINE
    assert answer.entered_by == bakery_contact
    (saved,) = answer.lines.all()
    assert (saved.occupation, saved.count, saved.gmina, saved.skills) == (
        baker,
        2,
        bakery_site.gmina,
        ["wypiek"],
    )


def test_a_coordinator_records_an_answer_given_on_the_phone(
    sent_survey: SurveyRound, coordinator: User, bakery: Employer, baker: Occupation
) -> None:
    answer = services.survey_answer_save(
        actor=coordinator,
        survey=sent_survey,
        employer=bakery,
        data=services.AnswerData(lines=[line(baker)], informant="Pani Kłos, właścicielka"),
        channel=AnswerChannel.PHONE,
    )

    assert (answer.channel, answer.entered_by, answer.informant) == (
        AnswerChannel.PHONE,
        coordinator,
        "Pani Kłos, właścicielka",
    )


def test_an_employer_answers_once_per_round_and_may_change_it_until_it_closes(
    sent_survey: SurveyRound, bakery_contact: User, bakery: Employer, baker: Occupation, bakery_site: Site
) -> None:
    first = answer_online(bakery_contact, sent_survey, bakery, line(baker))
    changed = answer_online(
        bakery_contact, sent_survey, bakery, line(baker, count=5), line(occupation_text="Kierowca")
    )

    assert changed.pk == first.pk
    assert SurveyAnswer.objects.count() == 1
    assert sorted(changed.lines.values_list("count", flat=True)) == [2, 5]
    with (
        time_machine.travel(sent_survey.closes_on + timedelta(days=1)),
        pytest.raises(ValidationError) as refused,
    ):
        answer_online(bakery_contact, sent_survey, bakery, line(baker))
    assert codes(refused.value) == ["closed"]


def test_changes_to_an_answer_are_audited(
    sent_survey: SurveyRound, bakery_contact: User, bakery: Employer, baker: Occupation, bakery_site: Site
) -> None:
    answer = answer_online(bakery_contact, sent_survey, bakery, line(baker))
    answer_online(bakery_contact, sent_survey, bakery, line(baker, count=3))

    assert AuditEntry.objects.get_for_object(answer).exists()
    lines = AuditEntry.objects.get_for_model(SurveyAnswerLine)
    assert [entry.action for entry in lines.order_by("pk")] == [
        AuditEntry.Action.CREATE,
        AuditEntry.Action.DELETE,
        AuditEntry.Action.CREATE,
    ]


def test_each_bad_line_is_refused_naming_its_field_and_row(
    sent_survey: SurveyRound, bakery_contact: User, bakery: Employer, baker: Occupation, bakery_site: Site
) -> None:
    outside = quarters.shifted(this_quarter(), 4)
    cases = {
        "count": line(baker, count=0),
        "quarter": line(baker, quarter=outside),
        "occupation": line(None, occupation_text="  "),
    }
    for name, bad in cases.items():
        with pytest.raises(ValidationError) as refused:
            answer_online(bakery_contact, sent_survey, bakery, line(baker), bad)
        assert list(refused.value.error_dict) == [name]
        assert refused.value.error_dict[name][0].params == {"line": 1}
    assert not SurveyAnswerLine.objects.exists()


def test_an_uncoded_occupation_is_kept_in_words_and_flagged(
    sent_survey: SurveyRound, bakery_contact: User, bakery: Employer, bakery_site: Site
) -> None:
    answer = answer_online(bakery_contact, sent_survey, bakery, line(occupation_text="Pomocnik piekarza"))

    (saved,) = answer.lines.all()
    assert saved.occupation_uncoded
    assert saved.occupation_text == "Pomocnik piekarza"


def test_a_line_without_a_site_or_gmina_of_an_employer_without_sites_is_refused(
    sent_survey: SurveyRound, bakery_contact: User, bakery: Employer, bakery_site: Site, baker: Occupation
) -> None:
    bakery_site.delete()

    with pytest.raises(ValidationError) as refused:
        answer_online(bakery_contact, sent_survey, bakery, line(baker))

    assert list(refused.value.error_dict) == ["gmina"]


def test_a_contact_cannot_answer_for_another_employer(
    sent_survey: SurveyRound, bakery_contact: User, shop: Employer, baker: Occupation
) -> None:
    services.survey_round_send(actor=None, survey=sent_survey)

    with pytest.raises(PermissionDenied):
        answer_online(bakery_contact, sent_survey, shop, line(baker))


def test_a_contact_cannot_answer_a_round_not_sent_to_her_employer(
    survey: SurveyRound, bakery_contact: User, bakery: Employer, baker: Occupation, bakery_site: Site
) -> None:
    with pytest.raises(PermissionDenied):
        answer_online(bakery_contact, survey, bakery, line(baker))


def test_another_organisations_coordinator_cannot_enter_an_answer_to_our_round(
    sent_survey: SurveyRound, other_coordinator: User, bakery: Employer, baker: Occupation
) -> None:
    with pytest.raises(PermissionDenied):
        services.survey_answer_save(
            actor=other_coordinator,
            survey=sent_survey,
            employer=bakery,
            data=services.AnswerData(lines=[line(baker)]),
            channel=AnswerChannel.PHONE,
        )


def test_a_round_sent_after_its_closing_day_is_refused(survey: SurveyRound, coordinator: User) -> None:
    with time_machine.travel(timezone.now() + timedelta(days=40)), pytest.raises(ValidationError) as refused:
        services.survey_round_send(actor=coordinator, survey=survey)
    assert codes(refused.value) == ["closed"]
