from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PalermoModelBackend(ModelBackend):
    """Django's backend, refusing demo accounts unless the deployment is in demo mode."""

    def get_user(self, user_id: Any) -> Any:
        """The signed-in user with their organisation, which gives their State on every page."""
        model = get_user_model()
        try:
            user = model._default_manager.select_related("organisation").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_demo", False) and not settings.PALERMO_DEMO:
            return False
        return super().user_can_authenticate(user)
