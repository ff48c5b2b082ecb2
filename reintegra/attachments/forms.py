"""The upload form: a file and a few words about it. What the file may be, the service decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.attachments import content
from reintegra.attachments.services import accepted_kinds
from reintegra.forms import add_bootstrap_classes, add_service_error


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"), max_length=1000)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For example: signed plan, CV, certificate."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(kinds)s; at most %(limit)s.") % {
            "kinds": accepted_kinds(),
            "limit": filesizeformat(settings.ATTACHMENTS_MAX_BYTES),
        }
        # The browser's file picker offers these first; the content is what the service checks.
        self.fields["file"].widget.attrs["accept"] = ",".join(
            extension for kind in content.KINDS for extension in kind.extensions
        )
        add_bootstrap_classes(self)

    @classmethod
    def refused(cls, error: ValidationError) -> AttachmentForm:
        """The form showing a refusal made before the request's body was read (too large)."""
        form = cls({}, {})
        form.is_valid()
        form.errors.pop("file", None)  # "required": the file was never read, not missing
        add_service_error(form, error)
        return form
