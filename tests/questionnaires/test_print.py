"""A filled questionnaire (the passport, a diagnosis, a profile) prints as a PDF."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Participant
from reintegra.questionnaires import services
from reintegra.questionnaires.models import QuestionnaireVersion, Response
from tests.conftest import client_for
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def response(caseworker: User, person: Participant, published: QuestionnaireVersion) -> Response:
    return services.response_create(
        actor=caseworker,
        participant=person,
        version=published,
        answers={"children": True, "care": "nobody", "ready": 4, "notes": "Zażółć gęślą jaźń"},
    )


def test_a_filled_questionnaire_downloads_as_a_pdf_with_the_answers_and_signature_fields(
    caseworker: User, response: Response
) -> None:
    download = client_for(caseworker).get(reverse("questionnaires:response_print", args=[response.pk]))

    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="diagnoza-wstepna-wroblewska-')
    text = pdf_text(download.content)
    assert "Diagnoza wstępna" in text
    assert "Halina Wróblewska" in text
    assert "Zażółć gęślą jaźń" in text
    assert "Nikt" in text  # the option's label, not its stored value
    assert "Signature of the person" in text


def test_printing_answers_is_a_read_of_the_case_file_in_the_audit_log(
    caseworker: User, response: Response
) -> None:
    client_for(caseworker).get(reverse("questionnaires:response_print", args=[response.pk]))

    reads = AuditEntry.objects.get_for_object(response).filter(action=AuditEntry.Action.ACCESS)
    assert [entry.actor for entry in reads] == [caseworker]


def test_a_worker_of_another_organisation_gets_404_for_the_print(outsider: User, response: Response) -> None:
    assert (
        client_for(outsider).get(reverse("questionnaires:response_print", args=[response.pk])).status_code
        == 404
    )
