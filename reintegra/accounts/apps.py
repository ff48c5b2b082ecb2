from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "reintegra.accounts"
    label = "accounts"
    verbose_name = _("Organisations and accounts")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from reintegra.accounts import audit_registration  # noqa: F401
        from reintegra.collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="reintegra.collation")
