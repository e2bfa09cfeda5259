from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "palermo.tracking"
    label = "tracking"
    verbose_name = _("Tracking")

    def ready(self) -> None:
        from palermo.tracking import (
            dashboard,  # noqa: F401 - registers dashboard panels
            inbox,
        )

        inbox.register()
