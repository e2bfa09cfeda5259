from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "palermo.reviews"
    label = "reviews"
    verbose_name = _("Reviews")

    def ready(self) -> None:
        from palermo.reviews import (
            dashboard,  # noqa: F401 - registers dashboard panels
            inbox,
        )

        inbox.register()
