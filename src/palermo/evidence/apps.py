from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "palermo.evidence"
    label = "evidence"
    verbose_name = _("Evidence")

    def ready(self) -> None:
        from palermo.evidence import dashboard, search  # noqa: F401 - registrations
