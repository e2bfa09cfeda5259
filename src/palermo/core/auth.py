from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connection


class PalermoModelBackend(ModelBackend):
    """Django's backend, refusing demo accounts unless the deployment is in demo mode."""

    def get_user(self, user_id: Any) -> Any:
        """The signed-in user, read on every request with one plain statement.

        The ORM's building of this query cost more than the rest of a page served from the page
        cache; the organisation is read when first used (most pages that are built do).
        """
        model = get_user_model()
        meta = model._meta
        quote = connection.ops.quote_name
        sql = f"SELECT * FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608 - names from the model.
        try:
            pk = meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = next(iter(model._default_manager.raw(sql, [pk])), None)
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_demo", False) and not settings.PALERMO_DEMO:
            return False
        return super().user_can_authenticate(user)
