"""Writes of attachments: adding a file, removing it, and deleting the bytes of removed files.

The rules kept here:

* a file is of a kind we accept, told by its content (``content.py``), and its name agrees
  with it: an executable renamed ``.pdf`` is refused; so is an empty file;
* a file is at most ``settings.ATTACHMENTS_MAX_BYTES`` (10 MB unless configured);
* only a user who may attach to the owner (its kind's permission and test) adds or removes;
* removing is soft (``removed_at``): the file leaves every list and download at once, and
  ``attachments_purge`` deletes its bytes once the retention period has passed;
* the bytes are stored under a name of our own making, never the one the file came with.

Each refusal is a ``ValidationError`` on the field ``file``, in the user's language.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, BinaryIO, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.attachments import content
from reintegra.attachments.models import NAME_LENGTH, Attachment
from reintegra.attachments.owners import Owner, kind_of
from reintegra.attachments.storage import attachment_storage

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from reintegra.accounts.models import User

CHUNK = 64 * 1024


def accepted_kinds() -> str:
    """The kinds a user may attach, for the form's help and the refusal's message."""
    return ", ".join(kind.label for kind in content.KINDS)


def check_upload(upload: UploadedFile) -> content.Kind:
    """The kind of an uploaded file, or a ``ValidationError`` on ``file`` saying why not."""
    if upload.size is not None:
        check_size(upload.size)
    # An uploaded file reads and seeks as the binary stream it wraps.
    verdict = content.examine(cast("BinaryIO", upload), upload.name or "")
    if verdict.refusal is None and verdict.kind is not None:
        return verdict.kind
    raise ValidationError({"file": _refusal_message(verdict)}, code=str(verdict.refusal))


def check_size(size: int) -> None:
    """A ``ValidationError`` on ``file`` for a file (or a request) larger than the limit."""
    limit = settings.ATTACHMENTS_MAX_BYTES
    if size > limit:
        raise ValidationError(
            {
                "file": _("The file is %(size)s; at most %(limit)s may be attached.")
                % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
            },
            code="too_large",
        )


def _refusal_message(verdict: content.Verdict) -> str:
    if verdict.refusal == content.Refusal.EMPTY:
        return _("The file is empty.")
    if verdict.refusal == content.Refusal.MACROS:
        return _("The document contains macros; save it without them (as DOCX or ODT).")
    if verdict.refusal == content.Refusal.NAME and verdict.kind is not None:
        return _("The file's content is %(kind)s but its name does not end in %(extensions)s.") % {
            "kind": verdict.kind.label,
            "extensions": " / ".join(verdict.kind.extensions),
        }
    return _("This kind of file cannot be attached (its content is not one of: %(kinds)s).") % {
        "kinds": accepted_kinds()
    }


@dataclass(frozen=True)
class StoredBytes:
    stored_name: str
    size: int
    sha256: str


def _store(upload: UploadedFile, organisation_id: int) -> StoredBytes:
    digest = hashlib.sha256()
    upload.seek(0)
    size = 0
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    name = f"{organisation_id}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"
    stored = attachment_storage().save(name, upload)
    return StoredBytes(stored, size, digest.hexdigest())


def attachment_add(
    *, actor: User, owner_kind: str, owner: Owner, upload: UploadedFile, description: str = ""
) -> Attachment:
    """Checks and stores the file, then records it on the owner (the bytes are deleted again if
    the record cannot be saved)."""
    kind = kind_of(owner_kind)
    if not kind.allows_attach(actor, owner):
        raise PermissionDenied
    detected = check_upload(upload)
    stored = _store(upload, owner.organisation_id)
    try:
        with transaction.atomic():
            attachment = Attachment(
                organisation_id=owner.organisation_id,
                owner_kind=kind.key,
                owner_id=owner.pk,
                original_name=_shortened(upload.name or "plik"),
                description=description,
                stored_name=stored.stored_name,
                content_type=detected.content_type,
                size=stored.size,
                sha256=stored.sha256,
                uploaded_by=actor,
            )
            attachment.full_clean(exclude=["organisation", "uploaded_by"])
            attachment.save()
    except BaseException:
        attachment_storage().delete(stored.stored_name)
        raise
    return attachment


def _shortened(name: str) -> str:
    """The name as it came, without any folder a browser sent nor characters that cannot be
    printed (a line break would break the download's header), cut to fit (keeping the extension)."""
    name = "".join(char for char in name if char.isprintable())
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "plik"
    if len(name) <= NAME_LENGTH:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10:
        return name[:NAME_LENGTH]
    return stem[: NAME_LENGTH - len(extension) - 1] + "." + extension


@transaction.atomic
def attachment_remove(*, actor: User, attachment: Attachment, owner: Owner) -> Attachment:
    """The file leaves the owner's list and can no longer be downloaded; its bytes stay until
    ``attachments_purge`` (the retention period), the record for good."""
    if not kind_of(attachment.owner_kind).allows_attach(actor, owner):
        raise PermissionDenied
    stored = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if stored.removed_at is not None:
        raise ValidationError(_("This file has already been removed."), code="already_removed")
    stored.removed_at = timezone.now()
    stored.removed_by = actor
    stored.save(update_fields=["removed_at", "removed_by"])
    return stored


def attachments_purge(*, older_than: timedelta | datetime) -> int:
    """Deletes the bytes of files removed before ``older_than`` (a moment, or an age), marking
    each record ``purged_at``; answers how many. A file already missing counts as deleted."""
    cutoff = older_than if isinstance(older_than, datetime) else timezone.now() - older_than
    storage = attachment_storage()
    due = Attachment.objects.filter(removed_at__lt=cutoff, purged_at__isnull=True).only("pk", "stored_name")
    purged = 0
    for attachment in due.iterator(chunk_size=500):
        storage.delete(attachment.stored_name)
        attachment.purged_at = timezone.now()
        attachment.save(update_fields=["purged_at"])
        purged += 1
    return purged
