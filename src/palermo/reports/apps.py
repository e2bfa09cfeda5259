from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "palermo.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from palermo.reports import (
            inbox,
            search,  # noqa: F401 - registrations
        )

        inbox.register()
