from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "palermo.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Django's auth emits these from every login path (pages, admin, API); listening
        # here is the one place that sees them all, so login auditing lives in a receiver.
        from palermo.core import pagecache, receivers  # noqa: F401

        # Every connection reports its writes to the page cache, whichever code made them.
        connection_created.connect(pagecache.install, dispatch_uid="palermo-page-cache")
