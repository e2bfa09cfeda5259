from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "palermo.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Django's auth emits these from every login path (pages, admin, API); listening
        # here is the one place that sees them all, so login auditing lives in a receiver.
        from palermo.core import receivers  # noqa: F401
