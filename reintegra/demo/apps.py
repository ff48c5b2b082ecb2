from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo partnership and the fill at scale; no app imports this one, it may import them all."""

    name = "reintegra.demo"
    label = "demo"
    verbose_name = _("Demo data")
