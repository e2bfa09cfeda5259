from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "palermo.instruments"
    label = "instruments"
    verbose_name = _("Instruments")

    def ready(self) -> None:
        from palermo.instruments import dashboard, search  # noqa: F401 - registrations
