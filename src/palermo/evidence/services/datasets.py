"""Writes to datasets and to who may read their records."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from palermo.core.audit import audit_created, audit_deleted, audited_update
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.evidence import permissions, search
from palermo.evidence.models import Dataset, DatasetGrant

DATASET_FIELDS = (
    "name",
    "description",
    "kind",
    "crime_type",
    "country",
    "source_organisation",
    "licence",
    "period_start",
    "period_end",
    "geography",
    "sensitivity",
    "suppression_threshold",
    "is_synthetic",
)
# Fields that cannot change once a version exists: the records were read as this kind.
FIXED_ONCE_IMPORTED = frozenset({"kind"})


@transaction.atomic
def dataset_create(*, actor: User, owner: Any = None, **fields: Any) -> Dataset:
    require(permissions.can_create_dataset(actor))
    owner = owner or actor.organisation
    if owner is None:
        raise ValidationError({"owner": _("Say which organisation owns the dataset.")})
    if not actor.is_superuser and owner.pk != actor.organisation_id:
        raise PermissionDenied(_("Analysts create datasets for their own organisation."))
    unknown = set(fields) - set(DATASET_FIELDS)
    if unknown:
        raise ValueError(f"Unknown dataset fields: {sorted(unknown)}")
    fields.setdefault("country", owner.country)
    dataset = Dataset(owner=owner, created_by=actor, **fields)
    dataset.full_clean()
    dataset.save()
    audit_created(actor=actor, obj=dataset)
    search.index_dataset(dataset)
    if permissions.is_analyst(actor):
        _grant(actor=actor, dataset=dataset, user=actor)
    return dataset


@transaction.atomic
def dataset_update(*, actor: User, dataset: Dataset, **fields: Any) -> dict[str, list[Any]]:
    require(permissions.can_manage_dataset(actor, dataset))
    unknown = set(fields) - set(DATASET_FIELDS)
    if unknown:
        raise ValueError(f"Unknown dataset fields: {sorted(unknown)}")
    if dataset.versions.exists():
        for name in FIXED_ONCE_IMPORTED & set(fields):
            if fields[name] != getattr(dataset, name):
                raise ValidationError(
                    {name: _("Records were imported as this kind; it cannot change now.")}
                )
    changes = audited_update(actor=actor, obj=dataset, fields=fields)
    search.index_dataset(dataset)
    return changes


def _grant(*, actor: User, dataset: Dataset, user: User) -> DatasetGrant:
    grant = DatasetGrant(dataset=dataset, user=user, granted_by=actor)
    grant.full_clean()
    grant.save()
    audit_created(actor=actor, obj=grant)
    permissions.forget_grants(user)
    return grant


@transaction.atomic
def grant_create(*, actor: User, dataset: Dataset, user: User) -> DatasetGrant:
    require(permissions.can_manage_dataset(actor, dataset))
    if not permissions.may_be_granted(user, dataset):
        raise ValidationError(
            {"user": _("Only analysts who may see this dataset can be given its records.")}
        )
    return _grant(actor=actor, dataset=dataset, user=user)


@transaction.atomic
def grant_delete(*, actor: User, grant: DatasetGrant) -> None:
    require(permissions.can_manage_dataset(actor, grant.dataset))
    audit_deleted(actor=actor, obj=grant)
    grant.delete()
    permissions.forget_grants(grant.user)
