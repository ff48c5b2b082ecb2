"""Attaching a file to an owner, downloading it, removing it. The owner's page shows the list.

Who may do what depends on the owner (``owners.py``), so each view is open to any logged-in user
and the selectors answer 404 for an owner the user may not see or attach to.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import authenticated
from reintegra.attachments import selectors, services
from reintegra.attachments.forms import AttachmentForm
from reintegra.attachments.owners import Owner, kind_of
from reintegra.confirm import confirm_page
from reintegra.forms import add_service_error

# The form's other fields and the multipart boundaries, beside the largest file.
FORM_OVERHEAD = 64 * 1024


@authenticated
@csrf_exempt  # the token is checked by ``_upload``, once the body is known not to be too large
@require_http_methods(["GET", "POST"])
def attachment_upload(request: AuthenticatedRequest, kind: str, owner_pk: int) -> HttpResponse:
    """A request larger than any file allowed is refused before its body is read, so an oversized
    upload is never written to a temporary file; the rest goes to ``_upload``."""
    owner = selectors.owner_get_for_user(request.user, kind, owner_pk, attach=True)
    length = _declared_length(request)
    if request.method == "POST" and length > settings.ATTACHMENTS_MAX_BYTES + FORM_OVERHEAD:
        try:
            services.check_size(length)
        except ValidationError as error:
            return _form_page(request, kind, owner, AttachmentForm.refused(error))
    return _upload(request, kind, owner)


def _declared_length(request: AuthenticatedRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


@csrf_protect
def _upload(request: AuthenticatedRequest, kind: str, owner: Owner) -> HttpResponse:
    owner_kind = kind_of(kind)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                actor=request.user,
                owner_kind=kind,
                owner=owner,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The file has been attached."))
            return redirect(owner_kind.page_url(owner))
    return _form_page(request, kind, owner, form)


def _form_page(request: AuthenticatedRequest, kind: str, owner: Owner, form: AttachmentForm) -> HttpResponse:
    owner_kind = kind_of(kind)
    context = {"form": form, "owner": owner, "kind": owner_kind, "back": owner_kind.page_url(owner)}
    return render(request, "attachments/upload.html", context, status=400 if form.errors else 200)


@authenticated
@require_GET
def attachment_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    attachment, handle = selectors.attachment_download_for_user(request.user, pk)
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@authenticated
@require_http_methods(["GET", "POST"])
def attachment_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST removes (the bytes go later, see ``attachments_purge``)."""
    opened = selectors.attachment_get_for_user(request.user, pk, attach=True)
    back = opened.kind.page_url(opened.owner)
    name = opened.attachment.original_name
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Remove the file %(name)s?") % {"name": name},
            question=_(
                "The file will no longer be listed nor downloadable; its record stays in the audit log."
            ),
            confirm_label=_("Remove"),
            back=back,
        )
    try:
        services.attachment_remove(actor=request.user, attachment=opened.attachment, owner=opened.owner)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file has been removed."))
    return redirect(back)
