from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.audit.bulk import (
    COPY_FROM,
    Read,
    creation_changes,
    log_bulk_create,
    log_export,
    log_reads,
    reads_together,
)
from reintegra.audit.context import acting
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Consent, FamilyMember, Participant, TercUnit
from reintegra.programmes.models import Enrolment, Programme
from tests.factories import ParticipantFactory, ProgrammeFactory


def comparable(entry: AuditEntry) -> dict[str, object]:
    """The entry but its key and time, and the empty relations from other rows the signal lists."""
    columns = {field.name for field in Participant._meta.concrete_fields} - {"id", "created_at"}
    changes = {field: change for field, change in entry.changes.items() if field in columns}
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

    with acting(coordinator, remote_addr="10.0.0.7"):
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


@pytest.mark.django_db
def test_the_changes_of_new_rows_are_what_django_auditlogs_signal_writes_field_for_field(
    organisation: Organisation, coordinator: User
) -> None:
    gmina = TercUnit.objects.create(code="3035022", name="Borówkowo", kind="gmina", degurba=3)
    in_gmina: Participant = ParticipantFactory(
        organisation=organisation, gmina=gmina, locality="Borówkowo", degurba=3
    )
    unemployed: Participant = ParticipantFactory(organisation=organisation, labour_status="unemployed")
    people = [in_gmina, unemployed]
    programme: Programme = ProgrammeFactory(organisation=organisation)
    enrolments = [
        Enrolment.objects.create(
            programme=programme,
            participant=person,
            applied_at=timezone.now(),
            eligibility=[{"rule": "age", "ok": True}] if person is in_gmina else [],
        )
        for person in people
    ]
    family = [FamilyMember.objects.create(participant=people[0], first_name="Ola", relation="child")]
    consents = [
        Consent.objects.create(
            participant=people[0],
            kind="processing",
            given_on="2026-01-01",
            document="D/1",
            recorded_by=coordinator,
        )
    ]

    for rows in (people, enrolments, family, consents):
        by_signal = [
            AuditEntry.objects.get_for_object(row).get(action=AuditEntry.Action.CREATE).changes
            for row in rows
        ]
        # The signal also lists the relations from other rows to the new one, which hold nothing yet.
        columns = {field.name for field in type(rows[0])._meta.concrete_fields}
        expected = [
            {name: change for name, change in changes.items() if name in columns} for changes in by_signal
        ]
        assert [
            {name: list(change) for name, change in (changes or {}).items()}
            for changes in creation_changes(rows)
        ] == expected


@pytest.mark.django_db
def test_an_import_sized_batch_gets_one_full_entry_per_row(
    organisation: Organisation, coordinator: User
) -> None:
    people = ParticipantFactory.build_batch(COPY_FROM, organisation=organisation)
    for person in people:
        person.set_search_key()
    Participant.objects.bulk_create(people)

    with acting(coordinator, remote_addr="10.0.0.7"):
        log_bulk_create(people, actor=coordinator)

    entries = AuditEntry.objects.filter(content_type__model="participant", action=AuditEntry.Action.CREATE)
    last = entries.get(object_pk=str(people[-1].pk))
    changes = creation_changes([people[-1]])[0]
    assert changes is not None
    expected_changes = {name: list(change) for name, change in changes.items()}
    assert entries.count() == COPY_FROM
    assert last.changes == expected_changes
    assert (last.actor, last.actor_email, last.remote_addr, last.object_id, last.object_repr) == (
        coordinator,
        coordinator.email or None,
        "10.0.0.7",
        people[-1].pk,
        str(people[-1]),
    )
    assert (last.changes_text, last.cid, set(last.organisations.all())) == ("", None, {organisation})


@pytest.mark.django_db
def test_a_read_logged_from_plain_values_is_the_entry_a_model_instance_gets(
    organisation: Organisation, coordinator: User
) -> None:
    person: Participant = ParticipantFactory(organisation=organisation, last_name="Żółkiewska")

    with acting(coordinator, remote_addr="10.0.0.7"):
        log_reads([person], actor=coordinator)
        log_reads([Read(Participant, person.pk, str(person), (organisation.pk,))], actor=coordinator)

    from_model, from_values = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).order_by("pk")
    for entry in (from_model, from_values):
        assert (entry.object_pk, entry.object_id, entry.object_repr) == (
            str(person.pk),
            person.pk,
            str(person),
        )
        assert (entry.actor, entry.remote_addr, entry.changes) == (coordinator, "10.0.0.7", None)
        assert list(entry.organisations.all()) == [organisation]
    assert from_model.timestamp <= from_values.timestamp


@pytest.mark.django_db
def test_each_read_on_a_page_gets_its_own_entry_and_its_organisations_once(
    organisation: Organisation, coordinator: User
) -> None:
    other = Organisation.objects.create(name="Fundacja Druga", nip="5260250274")
    ours: Participant = ParticipantFactory(organisation=organisation)
    shared = Read(Participant, ours.pk, "shared", (organisation.pk, other.pk))

    log_reads([ours, shared, shared, ours], actor=coordinator)

    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).order_by("pk")
    assert [entry.object_repr for entry in entries] == [str(ours), "shared", "shared", str(ours)]
    assert [sorted(entry.organisations.values_list("pk", flat=True)) for entry in entries] == [
        [organisation.pk],
        sorted([organisation.pk, other.pk]),
        sorted([organisation.pk, other.pk]),
        [organisation.pk],
    ]


@pytest.mark.django_db
def test_reads_logged_together_go_in_with_one_statement_when_the_block_ends(
    organisation: Organisation, coordinator: User
) -> None:
    people = ParticipantFactory.create_batch(3, organisation=organisation)

    with CaptureQueriesContext(connection) as queries, reads_together():
        log_reads(people[:1], actor=coordinator)
        written_inside = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).count()
        log_reads(people[1:], actor=coordinator)

    writes = [query for query in queries.captured_queries if "INSERT INTO" in query["sql"]]
    assert written_inside == 0
    assert len(writes) == (
        1 if connection.vendor == "postgresql" else 2
    )  # SQLite: entries, then organisations
    reads = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)
    assert sorted(reads.values_list("object_id", flat=True)) == sorted(p.pk for p in people)


def _read_then_fail(person: Participant, actor: User) -> None:
    with reads_together():
        log_reads([person], actor=actor)
        raise LookupError


@pytest.mark.django_db
def test_reads_of_a_block_that_fails_are_not_logged(organisation: Organisation, coordinator: User) -> None:
    person = ParticipantFactory(organisation=organisation)

    with pytest.raises(LookupError):
        _read_then_fail(person, coordinator)

    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).exists()


@pytest.mark.django_db
def test_an_export_is_one_entry_naming_it_and_one_read_per_row(
    organisation: Organisation, coordinator: User
) -> None:
    people = ParticipantFactory.create_batch(2, organisation=organisation)

    log_export(
        people,
        actor=coordinator,
        model=Participant,
        label="Eksport",
        details={"format": "csv", "filter": {"q": "kow"}},
        organisation_ids=[organisation.pk],
    )

    summary = AuditEntry.objects.get(object_pk="")
    reads = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).exclude(pk=summary.pk)
    assert (summary.object_repr, summary.action, summary.actor) == (
        "Eksport",
        AuditEntry.Action.ACCESS,
        coordinator,
    )
    assert summary.additional_data == {"export": {"format": "csv", "filter": {"q": "kow"}, "count": 2}}
    assert list(summary.organisations.all()) == [organisation]
    assert sorted(reads.values_list("object_id", flat=True)) == sorted(p.pk for p in people)
