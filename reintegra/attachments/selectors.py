"""Reads of attachments, always through the owner's own access function.

An attachment is found only among the rows of the user's organisations, and then the app that
owns it (``owners.py``) decides: an owner the user may not see answers 404, the same as an
attachment that does not exist. The lists and every download are logged in the audit log here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files import File
from django.http import Http404
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.attachments.models import Attachment
from reintegra.attachments.owners import Owner, OwnerKind, kind_of
from reintegra.attachments.storage import attachment_storage
from reintegra.audit.bulk import Read, log_reads, reads_together

if TYPE_CHECKING:
    from reintegra.accounts.models import User

LISTED = 100


@dataclass(frozen=True)
class AttachmentList:
    """An owner's files as its page shows them, and whether the user may add and remove some."""

    kind: OwnerKind
    owner: Owner
    items: list[Attachment]
    can_attach: bool


def attachments_of(user: User, kind_key: str, owner: Owner) -> AttachmentList:
    """The files of an owner the caller has opened with the owner's access function, newest
    first (at most ``LISTED``); each is logged as read. The view permission is asked again, so
    an owner passed without that check shows nothing."""
    kind = kind_of(kind_key)
    if not policy.can(user, kind.view_permission, owner):
        raise Http404
    items = list(
        Attachment.objects.kept()
        .filter(organisation_id=owner.organisation_id, owner_kind=kind.key, owner_id=owner.pk)
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-pk")[:LISTED]
    )
    log_reads(items, actor=user)
    return AttachmentList(kind, owner, items, can_attach=kind.allows_attach(user, owner))


def owner_get_for_user(user: User, kind_key: str, owner_pk: int, *, attach: bool = False) -> Owner:
    """The owner, by its own app's access function; with ``attach``, only if the user may attach."""
    kind = kind_of(kind_key)
    owner = kind.get_for_user(user, owner_pk)
    if attach and not kind.allows_attach(user, owner):
        raise Http404
    return owner


@dataclass(frozen=True)
class Opened:
    attachment: Attachment
    kind: OwnerKind
    owner: Owner


def attachment_get_for_user(user: User, pk: int, *, attach: bool = False) -> Opened:
    """An attachment kept on an owner the user may see (with ``attach``: may attach to)."""
    attachment = (
        Attachment.objects.kept()
        .filter(pk=pk, organisation_id__in=policy.roles_by_organisation(user).keys())
        .select_related("uploaded_by")
        .first()
    )
    if attachment is None:
        raise Http404
    kind = kind_of(attachment.owner_kind)
    owner = owner_get_for_user(user, kind.key, attachment.owner_id, attach=attach)
    if owner.organisation_id != attachment.organisation_id:
        raise Http404
    return Opened(attachment, kind, owner)


def attachment_download_for_user(user: User, pk: int) -> tuple[Attachment, File]:
    """The attachment and its open bytes; the owner's read and the download go in the audit log
    together (the download as an entry of its own, naming the file)."""
    with reads_together():
        attachment = attachment_get_for_user(user, pk).attachment
        try:
            handle = attachment_storage().open(attachment.stored_name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        label = _("Download of %(name)s") % {"name": attachment.original_name}
        log_reads([Read(Attachment, attachment.pk, label, (attachment.organisation_id,))], actor=user)
    return attachment, handle
