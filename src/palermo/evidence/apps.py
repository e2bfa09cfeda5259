from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "palermo.evidence"
    label = "evidence"
    verbose_name = _("Evidence")

    def ready(self) -> None:
        from palermo.evidence import dashboard, feeds, panels, search  # noqa: F401
        from palermo.evidence.services import imports as import_services

        # The statistics linked to a recommendation, an indicator or an article, on its page.
        panels.register()

        # Indicators fed by a dataset follow each new version.
        if feeds.refresh_for_version not in import_services.version_listeners:
            import_services.version_listeners.append(feeds.refresh_for_version)
