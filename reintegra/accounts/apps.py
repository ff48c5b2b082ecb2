from django.apps import AppConfig
from django.db.models import fields
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccountsConfig(AppConfig):
    name = "reintegra.accounts"
    label = "accounts"
    verbose_name = _("Organisations and accounts")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from reintegra.accounts import audit_registration  # noqa: F401
        from reintegra.collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="reintegra.collation")
        # Django's empty choice of a select is not in its Polish catalogue: every select says ours.
        fields.BLANK_CHOICE_LABEL = pgettext_lazy("empty choice of a list", "— choose —")
