"""Reads of the audit log: an organisation's administrators see the entries about its objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.collation import by_name


@dataclass(frozen=True)
class EntryFilter:
    organisation_id: int | None = None
    actor_id: int | None = None
    action: int | None = None
    content_type_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""


def entry_list_for_user(user: User, entry_filter: EntryFilter | None = None) -> QuerySet[AuditEntry]:
    organisation_ids = policy.organisation_ids_where(user, "audit.view")
    f = entry_filter or EntryFilter()
    if f.organisation_id is not None:
        organisation_ids &= {f.organisation_id}
    scoped_ids = AuditEntry.organisations.through.objects.filter(organisation_id__in=organisation_ids).values(
        "auditentry_id"
    )
    entries = AuditEntry.objects.filter(pk__in=scoped_ids)
    if f.actor_id is not None:
        entries = entries.filter(actor_id=f.actor_id)
    if f.action is not None:
        entries = entries.filter(action=f.action)
    if f.content_type_id is not None:
        entries = entries.filter(content_type_id=f.content_type_id)
    if f.date_from is not None:
        entries = entries.filter(timestamp__gte=_start_of(f.date_from))
    if f.date_to is not None:
        entries = entries.filter(timestamp__lt=_start_of(f.date_to + timedelta(days=1)))
    if f.text:
        entries = entries.filter(object_repr__icontains=f.text)
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def actors_for_user(user: User) -> QuerySet[User]:
    organisation_ids = policy.organisation_ids_where(user, "audit.view")
    return (
        User.objects.filter(memberships__organisation_id__in=organisation_ids)
        .distinct()
        .order_by(*by_name("last_name", "first_name"), "pk")
    )


def content_types_logged() -> QuerySet[ContentType]:
    from auditlog.registry import auditlog

    return ContentType.objects.filter(
        pk__in=[ContentType.objects.get_for_model(model).pk for model in auditlog.get_models()]
    ).order_by("model")
