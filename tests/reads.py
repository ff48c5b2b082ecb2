"""What the audit log says a user was shown: the read entries, by record."""

from __future__ import annotations

from collections import Counter

from django.db.models import Model

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry


def reads_of(actor: User) -> Counter[tuple[str, int]]:
    """Each record the actor read, as (model, key), with how many times it was logged."""
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=actor).exclude(object_pk="")
    return Counter(entries.values_list("content_type__model", "object_id"))


def read(*records: Model) -> Counter[tuple[str, int]]:
    """The same, for records expected to be read once each."""
    return Counter((record._meta.model_name or "", record.pk) for record in records)
