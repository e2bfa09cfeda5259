"""Reads of datasets, their versions and grants, limited to what the reader may see."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.core.scope import scope_filter
from palermo.evidence import permissions
from palermo.evidence.models import Dataset, DatasetGrant, DatasetVersion


def dataset_list(
    user: Any, *, search: str = "", kind: str = "", crime_type: str = ""
) -> QuerySet[Dataset]:
    latest = DatasetVersion.objects.filter(dataset=OuterRef("pk")).order_by("-number")
    datasets = (
        Dataset.objects.filter(scope_filter(user))
        .select_related("owner")
        .annotate(
            version_count=Count("versions", distinct=True),
            latest_number=Max("versions__number"),
            latest_rows=Subquery(latest.values("row_count")[:1]),
            latest_at=Subquery(latest.values("imported_at")[:1]),
        )
    )
    if search:
        datasets = datasets.filter(
            Q(name__icontains=search) | Q(source_organisation__icontains=search)
        )
    if kind:
        datasets = datasets.filter(kind=kind)
    if crime_type:
        datasets = datasets.filter(crime_type=crime_type)
    return datasets


def dataset_get(user: Any, dataset_id: int) -> Dataset:
    """The dataset if the user may see it; 404 otherwise (its existence is not told)."""
    dataset = Dataset.objects.select_related("owner").filter(pk=dataset_id).first()
    if dataset is None or not permissions.can_view_dataset(user, dataset):
        raise Http404
    return dataset


def dataset_allowed(user: Any, dataset_id: int, allowed: Callable[[Any, Dataset], bool]) -> Dataset:
    """The dataset if the user may see it (else 404) and `allowed` lets them act (else 403)."""
    dataset = dataset_get(user, dataset_id)
    if not allowed(user, dataset):
        raise PermissionDenied
    return dataset


def versions(dataset: Dataset) -> QuerySet[DatasetVersion]:
    return dataset.versions.select_related("imported_by").order_by("-number")


def version_get(dataset: Dataset, number: int | None = None) -> DatasetVersion:
    """A version by number, or the latest; 404 when there is none."""
    found = versions(dataset)
    version = found.filter(number=number).first() if number else found.first()
    if version is None:
        raise Http404
    return version


def grants(dataset: Dataset) -> QuerySet[DatasetGrant]:
    return dataset.grants.select_related("user", "granted_by")


def analyst_candidates(granted: Q, may_see: Callable[[User], bool]) -> QuerySet[User]:
    """Active analysts not yet `granted` who `may_see` the thing, for a grant form.

    The query holds the analyst half of `may_be_granted`; the State half is read from each
    user's organisation (selected here), so this costs no query per user.
    """
    candidates = (
        User.objects.filter(
            is_active=True, role_grants__role=Role.ANALYST, role_grants__scope_type=""
        )
        .exclude(granted)
        .select_related("organisation")
        .distinct()
        .order_by("username")
    )
    return candidates.filter(pk__in=[u.pk for u in candidates if may_see(u)])


def grant_candidates(dataset: Dataset) -> QuerySet[User]:
    """Analysts who may see the dataset and have no access yet, for the grant form."""
    return analyst_candidates(
        Q(dataset_grants__dataset=dataset),
        lambda user: permissions.can_view_dataset(user, dataset),
    )
