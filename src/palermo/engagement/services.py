from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from palermo.core import messages
from palermo.core.audit import audit_created, audited_update
from palermo.core.models import User
from palermo.engagement import permissions
from palermo.engagement.models import Organisation

EDITABLE_FIELDS = ("name", "kind", "country")


@transaction.atomic
def organisation_create(
    *, actor: User | None, name: str, kind: str, country: str = ""
) -> Organisation:
    if actor is not None and not permissions.can_create_organisation(actor):
        raise PermissionDenied(messages.NOT_ALLOWED)
    organisation = Organisation(name=name.strip(), kind=kind, country=country.upper())
    organisation.full_clean()
    organisation.save()
    audit_created(actor=actor, obj=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: User | None, organisation: Organisation, **fields: Any
) -> Organisation:
    if actor is not None and not permissions.can_edit_organisation(actor, organisation):
        raise PermissionDenied(messages.NOT_ALLOWED)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    audited_update(actor=actor, obj=organisation, fields=fields)
    return organisation
