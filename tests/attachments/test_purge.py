"""The retention routine deletes the bytes of files removed long enough ago, and nothing else."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.attachments import services
from reintegra.attachments.models import Attachment
from reintegra.attachments.storage import attachment_storage
from reintegra.people.models import Participant
from tests.attachments.conftest import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def added(ours: Participant, caseworker: User, name: str) -> Attachment:
    return services.attachment_add(
        actor=caseworker, owner_kind="participant", owner=ours, upload=upload(name, PDF_BYTES)
    )


def removed(attachment: Attachment, caseworker: User, ours: Participant, *, days_ago: int) -> Attachment:
    with time_machine.travel(timezone.now() - timedelta(days=days_ago)):
        return services.attachment_remove(actor=caseworker, attachment=attachment, owner=ours)


def test_purge_deletes_the_bytes_of_files_removed_before_the_period_and_keeps_the_rest(
    ours: Participant, caseworker: User
) -> None:
    old = removed(added(ours, caseworker, "stary.pdf"), caseworker, ours, days_ago=31)
    recent = removed(added(ours, caseworker, "nowy.pdf"), caseworker, ours, days_ago=2)
    kept = added(ours, caseworker, "CV.pdf")
    storage = attachment_storage()

    purged = services.attachments_purge(older_than=timedelta(days=30))

    assert purged == 1
    assert not storage.exists(old.stored_name)
    assert storage.exists(recent.stored_name)
    assert storage.exists(kept.stored_name)
    old.refresh_from_db()
    assert old.purged_at is not None
    assert services.attachments_purge(older_than=timedelta(days=30)) == 0


def test_purge_counts_a_file_already_missing_as_deleted(ours: Participant, caseworker: User) -> None:
    gone = removed(added(ours, caseworker, "stary.pdf"), caseworker, ours, days_ago=40)
    attachment_storage().delete(gone.stored_name)

    assert services.attachments_purge(older_than=timezone.now()) == 1


def test_the_command_uses_the_configured_period(ours: Participant, caseworker: User, settings: Any) -> None:
    settings.ATTACHMENTS_KEEP_REMOVED_DAYS = 7
    old = removed(added(ours, caseworker, "stary.pdf"), caseworker, ours, days_ago=8)
    out = io.StringIO()

    call_command("purge_attachments", stdout=out)

    assert not attachment_storage().exists(old.stored_name)
    assert "1" in out.getvalue()


def test_the_command_takes_a_number_of_days(ours: Participant, caseworker: User) -> None:
    old = removed(added(ours, caseworker, "stary.pdf"), caseworker, ours, days_ago=8)

    call_command("purge_attachments", "--days", "10", stdout=io.StringIO())
    assert attachment_storage().exists(old.stored_name)
    call_command("purge_attachments", "--days", "5", stdout=io.StringIO())
    assert not attachment_storage().exists(old.stored_name)


def test_a_file_cannot_be_removed_twice(ours: Participant, caseworker: User) -> None:
    attachment = removed(added(ours, caseworker, "CV.pdf"), caseworker, ours, days_ago=0)

    with pytest.raises(services.ValidationError):
        services.attachment_remove(actor=caseworker, attachment=attachment, owner=ours)
