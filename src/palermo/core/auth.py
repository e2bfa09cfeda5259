from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class PalermoModelBackend(ModelBackend):
    """Django's backend, refusing demo accounts unless the deployment is in demo mode."""

    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_demo", False) and not settings.PALERMO_DEMO:
            return False
        return super().user_can_authenticate(user)
