from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "palermo.evidence"
    label = "evidence"
    verbose_name = _("Evidence")

    def ready(self) -> None:
        from palermo.evidence import dashboard, feeds, panels, search, services  # noqa: F401

        # The statistics linked to a recommendation, an indicator or an article, on its page.
        panels.register()

        # Indicators fed by a dataset follow each new version.
        if feeds.refresh_for_version not in services.version_listeners:
            services.version_listeners.append(feeds.refresh_for_version)
