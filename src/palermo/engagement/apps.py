from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "palermo.engagement"
    label = "engagement"
    verbose_name = _("Engagement")

    def ready(self) -> None:
        from palermo.engagement import dashboard, inbox, search  # noqa: F401 - registrations

        inbox.register()
