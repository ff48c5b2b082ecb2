"""Audit entries for many rows at once: rows written in bulk, and rows a page shows.

``bulk_create`` sends no model signals, so django-auditlog writes nothing for it. A service
that writes many rows at once (an import) calls ``log_bulk_create`` in the same transaction:
one CREATE entry per row, with the fields, actor, address and organisations the signal would
have written. A selector that shows rows (a page of a list, a case file, an export) logs their
reads with ``log_reads``: one statement for the page, whatever the number of rows.

Only django-auditlog's public ground is used: its registry (which fields a model's entries
track) and its entry model. The text of each field of a new row is worked out here, by the
rule its signal follows (checked against the signal's entries in the tests).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import DateTimeField, Field, JSONField, Model
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.audit.context import origin
from reintegra.audit.models import AuditEntry

COPY_FROM = 1_000  # rows; fewer (a page's reads) go in with one INSERT statement
BEFORE = "None"  # django-auditlog's "before" of every field of a new row


def log_bulk_create(instances: Sequence[Model], *, actor: User | None) -> None:
    """CREATE entries for rows written with ``bulk_create``, as the signal would write them."""
    _write(instances, action=AuditEntry.Action.CREATE, actor=actor, changes=creation_changes(instances))


def creation_changes(instances: Sequence[Model]) -> list[dict[str, tuple[str, str]] | None]:
    """What the entry of each new row says changed: every field it tracks, from "None" to its text.

    The fields are the ones the model's registration tracks (its include and exclude lists);
    the relations from other rows to a new one hold nothing yet and are left out. Each field's
    text is worked out once per model (``_texts``).
    """
    if not instances:
        return []
    if settings.AUDITLOG_STORE_JSON_CHANGES or getattr(
        settings, "AUDITLOG_USE_FK_STRING_REPRESENTATION", False
    ):
        raise ImproperlyConfigured("Bulk audit entries keep changes as text, relations as keys.")
    model = type(instances[0])
    if any(type(instance) is not model for instance in instances):
        raise TypeError("Rows written in bulk are of one model.")
    texts = [(field.name, _text(field)) for field in _tracked_fields(model)]

    def changes(instance: Model) -> dict[str, tuple[str, str]] | None:
        diff = {}
        for name, text in texts:
            after = text(instance)
            if after is not None:
                diff[name] = (BEFORE, after)
        return diff or None

    return [changes(instance) for instance in instances]


def _tracked_fields(model: type[Model]) -> list[Field]:
    registration = auditlog.get_model_fields(model)
    if registration["mask_fields"]:
        raise ImproperlyConfigured(f"{model.__name__}: masked fields are not written in bulk.")
    fields = [field for field in model._meta.concrete_fields if not field.many_to_many]
    if registration["include_fields"]:
        fields = [field for field in fields if field.name in registration["include_fields"]]
    return [field for field in fields if field.name not in registration["exclude_fields"]]


def _text(field: Field) -> Callable[[Model], str | None]:
    """A field's text in a new row's entry; None where the signal's entry leaves the field out.

    The signal's rule: a date-time as naive UTC, JSON with sorted keys, a relation as its key,
    anything else as its string; an empty value ("None") is left out except for those three
    kinds, which the signal always lists.
    """
    if isinstance(field, DateTimeField):

        def moment(instance: Model) -> str:
            value = getattr(instance, field.attname)
            if value is not None and timezone.is_aware(value):
                value = timezone.make_naive(value, UTC)
            return str(value)

        return moment
    if isinstance(field, JSONField):
        encoder = field.encoder
        return lambda instance: json.dumps(getattr(instance, field.attname), sort_keys=True, cls=encoder)
    if field.many_to_one or field.one_to_one:
        return lambda instance: str(getattr(instance, field.attname))
    name = field.attname

    def plain(instance: Model) -> str | None:
        text = str(getattr(instance, name))
        return None if text == BEFORE else text

    return plain


@dataclass(frozen=True)
class Read:
    """A row a page shows, as the audit log records its read: what, which, its name, whose.

    A page that reads plain values (the caseload) logs them without building the models.
    """

    model: type[Model]
    pk: int | None  # None: an entry about a list as a whole (an export)
    label: str
    organisation_ids: tuple[int, ...]

    @classmethod
    def of(cls, instance: Model) -> Read:
        scope: Iterable[int] = getattr(instance, "scope_organisation_ids", tuple)()
        return cls(type(instance), instance.pk, str(instance), tuple(scope))


_gathered: ContextVar[list[tuple[Read, User]] | None] = ContextVar("reintegra_gathered_reads", default=None)


def log_reads(shown: Iterable[Model | Read], *, actor: User) -> None:
    """One ACCESS entry per row shown, in one statement whatever the number of rows.

    Inside ``reads_together`` the rows wait and go in with the others read there.
    """
    reads = [row if isinstance(row, Read) else Read.of(row) for row in shown]
    gathered = _gathered.get()
    if gathered is not None:
        gathered.extend((read, actor) for read in reads)
        return
    _write(reads, action=AuditEntry.Action.ACCESS, actor=actor, changes=[None] * len(reads))


@contextmanager
def reads_together() -> Iterator[None]:
    """The reads logged inside (say, a person and a page of their meetings, each by its own
    selector) are written in one statement when the block ends; nothing if it fails."""
    if _gathered.get() is not None:
        yield
        return
    gathered: list[tuple[Read, User]] = []
    token = _gathered.set(gathered)
    try:
        yield
    finally:
        _gathered.reset(token)
    by_actor: dict[User, list[Read]] = {}
    for read, actor in gathered:
        by_actor.setdefault(actor, []).append(read)
    for actor, reads in by_actor.items():
        _write(reads, action=AuditEntry.Action.ACCESS, actor=actor, changes=[None] * len(reads))


def log_export(
    exported: Sequence[Model | Read],
    *,
    actor: User,
    model: type[Model],
    label: str,
    details: dict[str, Any],
    organisation_ids: Iterable[int],
) -> None:
    """An export: one entry that says what was exported (``details``: the filter, the format and
    the count) and one read of every row in it (by COPY on PostgreSQL for a long list)."""
    summary = Read(model, None, label, tuple(sorted(organisation_ids)))
    _write(
        [summary],
        action=AuditEntry.Action.ACCESS,
        actor=actor,
        changes=[None],
        additional_data=[{"export": {**details, "count": len(exported)}}],
    )
    _write(exported, action=AuditEntry.Action.ACCESS, actor=actor, changes=[None] * len(exported))


def _write(
    instances: Sequence[Model | Read],
    *,
    action: int,
    actor: User | None,
    changes: Sequence[dict[str, Any] | None],
    additional_data: Sequence[dict[str, Any] | None] | None = None,
) -> None:
    """The actor comes from the caller; the request's address from ``reintegra.audit.context``."""
    if not instances:
        return
    reads = [row if isinstance(row, Read) else Read.of(row) for row in instances]
    where = origin()
    now = timezone.now()
    content_types: dict[type[Model], int] = {}
    for read in reads:
        if read.model not in content_types:
            content_types[read.model] = ContentType.objects.get_for_model(read.model).pk
    entries = [
        {
            "content_type_id": content_types[read.model],
            "object_pk": "" if read.pk is None else str(read.pk),
            "object_id": read.pk if isinstance(read.pk, int) else None,
            "object_repr": read.label,
            "action": action,
            "changes": changed,
            "actor_id": actor.pk if actor is not None else None,
            "actor_email": getattr(actor, "email", None) or None,
            "remote_addr": where.remote_addr,
            "remote_port": where.remote_port,
            "timestamp": now,
            "additional_data": extra,
        }
        for read, changed, extra in zip(reads, changes, additional_data or [None] * len(reads), strict=True)
    ]
    scopes = [read.organisation_ids for read in reads]
    if connection.vendor == "postgresql" and len(entries) >= COPY_FROM:
        _copy(entries, scopes)
    else:
        _insert(entries, scopes)


def _insert(entries: list[dict[str, Any]], scopes: Sequence[Sequence[int]]) -> None:
    """The entries and their organisations, inserted by hand.

    A page's twenty reads through ``bulk_create`` cost more in building the model instances and
    the statements than the database takes to store them. Each value is prepared by its field,
    as ``bulk_create`` would prepare it.
    """
    if connection.vendor == "postgresql":
        _insert_recordset(entries, scopes)
        return
    fields = [field for field in AuditEntry._meta.concrete_fields if not field.primary_key]
    _insert_values(fields, [_column_values(field, entries) for field in fields], scopes)


def _insert_recordset(entries: list[dict[str, Any]], scopes: Sequence[Sequence[int]]) -> None:
    """PostgreSQL: one statement, one commit, for the entries and their organisations.

    The rows go in as one JSON document (``jsonb_to_recordset``), a column with one value for
    every row (the actor, the time, the action) as that value: a short statement whatever the
    number of rows, which the driver parses once a process, and one text parameter rather than
    an array a column for the driver to write out. Each row takes its key from the table's
    sequence, and its organisations come with it.
    """
    fields = [field for field in AuditEntry._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    varying: list[Field] = []
    single: list[Any] = []
    selected = []
    for field in fields:
        default = field.get_default()
        first = entries[0].get(field.attname, default)
        if all(entry.get(field.attname, default) is first for entry in entries):
            selected.append(f"%s::{field.db_type(connection)}")
            single.append(None if first is None else field.get_db_prep_save(first, connection))
        else:
            selected.append(f"rows.c{len(varying)}")
            varying.append(field)
    rows = [
        {"o": list(organisation_ids)}
        | {f"c{index}": entry.get(field.attname, field.get_default()) for index, field in enumerate(varying)}
        for entry, organisation_ids in zip(entries, scopes, strict=True)
    ]
    columns = ", ".join(
        ["o bigint[]", *(f"c{index} {field.db_type(connection)}" for index, field in enumerate(varying))]
    )
    # Every name comes from the model and every value goes in as a parameter.
    table, scope_table = _tables()
    names = ", ".join(quote(str(field.column)) for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH keyed AS ("
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) AS key, rows.* "
            f"FROM jsonb_to_recordset(%s::jsonb) AS rows ({columns})), "
            f"entries AS (INSERT INTO {table} (id, {names}) "
            f"SELECT key, {', '.join(selected)} FROM keyed rows) "
            f"INSERT INTO {scope_table} (auditentry_id, organisation_id) SELECT key, UNNEST(o) FROM keyed",
            [AuditEntry._meta.db_table, json.dumps(rows, default=str, ensure_ascii=False), *single],
        )


def _insert_values(fields: list[Field], columns: list[list[Any]], scopes: Sequence[Sequence[int]]) -> None:
    """SQLite: multi-row ``VALUES`` returning the keys, then the organisations by key."""
    quote = connection.ops.quote_name
    table, scope_table = _tables()
    names = ", ".join(quote(str(field.column)) for field in fields)
    marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    rows = [list(row) for row in zip(*columns, strict=True)]
    keys: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), VALUES_BATCH):
            batch = rows[start : start + VALUES_BATCH]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([marks] * len(batch))} RETURNING id",
                [value for row in batch for value in row],
            )
            # Keys are handed out in the order the rows go in; RETURNING's order is not promised.
            keys += sorted(key for (key,) in cursor.fetchall())
        pairs = [(key, org) for key, ids in zip(keys, scopes, strict=True) for org in ids]
        for start in range(0, len(pairs), VALUES_BATCH * 4):
            batch_pairs = pairs[start : start + VALUES_BATCH * 4]
            cursor.execute(
                f"INSERT INTO {scope_table} (auditentry_id, organisation_id) VALUES "
                + ", ".join(["(%s, %s)"] * len(batch_pairs)),
                [value for pair in batch_pairs for value in pair],
            )


def _tables() -> tuple[str, str]:
    quote = connection.ops.quote_name
    return quote(AuditEntry._meta.db_table), quote(AuditEntry.organisations.through._meta.db_table)


VALUES_BATCH = 500  # rows of an INSERT on SQLite: 15 columns each, within its 32,766 parameters


def _column_values(field: Field, entries: list[dict[str, Any]]) -> list[Any]:
    """One column's values for the database; one given the same for every entry is prepared once."""
    default = field.get_default()
    values = [entry.get(field.attname, default) for entry in entries]
    first = values[0]
    if all(value is None for value in values):
        return values
    if all(value is first for value in values):
        prepared = field.get_db_prep_save(first, connection)
        return [prepared] * len(values)
    return [None if value is None else field.get_db_prep_save(value, connection) for value in values]


def _copy(entries: list[dict[str, Any]], scopes: Sequence[Sequence[int]]) -> None:
    """The same rows through PostgreSQL's COPY, several times faster than INSERT for an import.

    The keys come from the table's own sequence first, so the organisations rows can point at
    their entries; every column not given takes the model field's default, as ``save()`` would.
    """
    fields = AuditEntry._meta.concrete_fields
    defaults = {field.attname: field.get_default() for field in fields}
    json_columns = {field.attname for field in fields if isinstance(field, JSONField)}
    scope = AuditEntry.organisations.through
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [AuditEntry._meta.db_table, len(entries)],
        )
        keys = [key for (key,) in cursor.fetchall()]
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with cursor.copy(
            f"COPY {connection.ops.quote_name(AuditEntry._meta.db_table)} ({columns}) FROM STDIN"
        ) as copy:
            for key, values in zip(keys, entries, strict=True):
                row = defaults | values
                row[AuditEntry._meta.pk.attname] = key
                copy.write_row(
                    [
                        json.dumps(row[field.attname])
                        if field.attname in json_columns and row[field.attname] is not None
                        else row[field.attname]
                        for field in fields
                    ]
                )
        scope_table = connection.ops.quote_name(scope._meta.db_table)
        with cursor.copy(f"COPY {scope_table} (auditentry_id, organisation_id) FROM STDIN") as copy:
            for key, organisation_ids in zip(keys, scopes, strict=True):
                for organisation_id in organisation_ids:
                    copy.write_row((key, organisation_id))
