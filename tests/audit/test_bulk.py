from __future__ import annotations

import pytest
from auditlog.context import set_actor

from reintegra.accounts.models import Organisation, User
from reintegra.audit.bulk import log_bulk_create
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Participant
from tests.factories import ParticipantFactory


def comparable(entry: AuditEntry) -> dict[str, object]:
    changes = {field: change for field, change in entry.changes.items() if field not in {"id", "created_at"}}
    return {
        "action": entry.action,
        "actor": entry.actor,
        "remote_addr": entry.remote_addr,
        "changes": changes,
        "organisations": set(entry.organisations.all()),
    }


@pytest.mark.django_db
def test_a_bulk_insert_gets_the_same_audit_entry_as_a_save(
    organisation: Organisation, coordinator: User
) -> None:
    saved = ParticipantFactory.build(organisation=organisation, last_name="Żółkiewska")
    bulk = ParticipantFactory.build(
        organisation=organisation,
        last_name="Żółkiewska",
        first_name=saved.first_name,
        birth_date=saved.birth_date,
        identity_document_number=saved.identity_document_number + "X",
    )

    with set_actor(coordinator, remote_addr="10.0.0.7"):
        saved.save()
        bulk.set_search_key()
        Participant.objects.bulk_create([bulk])
        log_bulk_create([bulk], actor=coordinator)

    by_signal = AuditEntry.objects.get(object_pk=str(saved.pk), content_type__model="participant")
    by_bulk = AuditEntry.objects.get(object_pk=str(bulk.pk), content_type__model="participant")
    expected = comparable(by_signal)
    expected["changes"]["identity_document_number"] = [  # type: ignore[index]
        "None",
        bulk.identity_document_number,
    ]
    assert comparable(by_bulk) == expected
