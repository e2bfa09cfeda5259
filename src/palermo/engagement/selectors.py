from typing import Any

from django.db.models import Q, QuerySet

from palermo.core.permissions import is_active_user
from palermo.engagement.models import Organisation


def organisation_list(*, user: Any, search: str = "", kind: str = "") -> QuerySet[Organisation]:
    """The organisations a user may see: their own State's and the international ones."""
    if not is_active_user(user):
        return Organisation.objects.none()
    organisations = Organisation.objects.all()
    if not user.is_superuser:
        organisations = organisations.filter(Q(country=user.country) | Q(country=""))
    if search:
        organisations = organisations.filter(name__icontains=search)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations
