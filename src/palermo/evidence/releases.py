"""Releases: a statistic passed through the privacy checks, frozen, then published.

Preparing one runs the statistic (a read of records: granted analysts, audited), protects it
by the method chosen (`protection`: suppression alone, k-anonymous records, or differentially
private counts charged to the dataset's budget), suppresses every count below the dataset's
threshold with the complements that keep it from being worked out by subtraction, and stores
only what may be shown, with the method and what it did. Publishing is the owner's
decision; the cells are checked again before they reach the portal.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.audit import audit_created, audit_record
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.evidence import analysis, messages, permissions, privacy, protection
from palermo.evidence import statistics as stats
from palermo.evidence.models import Dataset, DatasetVersion, Release
from palermo.evidence.privacy.dp import Charge
from palermo.evidence.selectors import records as record_selectors
from palermo.evidence.statistics.dimensions import Form

COUNT = "victims"


def _releasable(statistic: stats.Statistic) -> bool:
    """Counts of victims by one or two dimensions are what releases publish today."""
    return [m.name for m in statistic.measures] == [COUNT] and 1 <= len(statistic.dimensions) <= 2


def releasable_statistics(kind: str) -> dict[str, stats.Statistic]:
    return {n: s for n, s in analysis.statistics_for(kind).items() if _releasable(s)}


def _is_flag_group(statistic: stats.Statistic) -> bool:
    return any(d.form is Form.FLAGS for d in statistic.dimension_objects())


def _categories(statistic: stats.Statistic) -> dict[str, list[str]]:
    """A declared dimension's categories (sexes, flags) are published even where zero."""
    return {
        d.name: list(dict.fromkeys([*d.values, privacy.suppression.UNKNOWN]))
        for d in statistic.dimension_objects()
        if d.values
    }


def suppress(
    dataset: Any,
    statistic: stats.Statistic,
    table: Any,
    *,
    generalised: frozenset[str] = frozenset(),
) -> privacy.SuppressedTable:
    """A count of victims as it may be published: suppressed at the dataset's threshold.

    Flags overlap (one victim, several forms): their total is not a sum, so no margins. A
    dimension generalised by k-anonymity has the categories it was generalised to.
    """
    categories = {n: v for n, v in _categories(statistic).items() if n not in generalised}
    return privacy.suppress_table(
        table,
        dimensions=list(statistic.dimensions),
        threshold=dataset.suppression_threshold,
        count=COUNT,
        categories=categories,
        margins=not _is_flag_group(statistic),
    )


@dataclass(frozen=True)
class Method:
    """How a release is protected: the method and its parameters."""

    name: str = Release.Method.SUPPRESSION
    k: int | None = None
    quasi_identifiers: tuple[str, ...] = ()
    epsilon: float | None = None


def budget_of(dataset: Dataset) -> privacy.Budget:
    """The dataset's privacy budget, charged with every DP release it has (withdrawn too)."""
    charges = tuple(
        Charge(str(pk), float(epsilon))
        for pk, epsilon in dataset.releases.filter(method=Release.Method.DP)
        .order_by("pk")
        .values_list("pk", "epsilon")
        if epsilon
    )
    return privacy.Budget(total=dataset.privacy_budget, charges=charges)


def _protect(
    *,
    actor: User,
    version: DatasetVersion,
    statistic: stats.Statistic,
    filters: stats.Filters | None,
    method: Method,
) -> tuple[stats.Filters, protection.Protected]:
    dataset = version.dataset
    if method.name == Release.Method.K_ANONYMITY:
        # The records themselves are read: audited as a read of records.
        records = record_selectors.records_for_release(actor, version, filters)
        try:
            protected = protection.k_anonymous(
                statistic,
                records,
                k=method.k or 0,
                quasi_identifiers=method.quasi_identifiers,
            )
        except ValueError as error:
            raise ValidationError(
                _("k-anonymity cannot be reached this way: %(reason)s") % {"reason": error}
            ) from error
        return filters or stats.Filters(), protected
    result = analysis.statistic_table(actor, version, statistic, filters, where="release")
    if method.name == Release.Method.DP:
        try:
            protected = protection.differentially_private(
                statistic,
                result.table,
                epsilon=float(method.epsilon or 0),
                budget=budget_of(dataset),
                release="new",
                categories=_categories(statistic),
            )
        except privacy.BudgetExceededError as error:
            raise ValidationError(
                messages.BUDGET_EXCEEDED % {"left": f"{budget_of(dataset).remaining:.2f}"}
            ) from error
        except ValueError as error:
            raise ValidationError(str(error)) from error
        return result.filters, protected
    return result.filters, protection.Protected(result.table)


@transaction.atomic
def release_prepare(
    *,
    actor: User,
    version: DatasetVersion,
    statistic: stats.Statistic,
    filters: stats.Filters | None = None,
    title: str = "",
    method: Method | None = None,
) -> Release:
    dataset = version.dataset
    require(permissions.can_read_records(actor, dataset))
    method = method or Method()
    if method.name not in Release.Method.values:
        raise ValidationError(_("Choose how the release is protected."))
    if not _releasable(statistic):
        raise ValidationError(
            _("This statistic cannot be released yet: choose a count of victims.")
        )
    if method.name == Release.Method.DP:
        # One DP release at a time per dataset: the row lock orders the budget's charges.
        Dataset.objects.select_for_update().filter(pk=dataset.pk).first()
    filters, protected = _protect(
        actor=actor, version=version, statistic=statistic, filters=filters, method=method
    )
    table = suppress(dataset, statistic, protected.table, generalised=protected.generalised)
    cells = []
    for key, cell in table.cells.items():
        row: dict[str, Any] = dict(zip(statistic.dimensions, key, strict=True))
        row["value"] = None if isinstance(cell, privacy.Suppressed) else cell
        row["shown"] = str(cell)
        cells.append(row)
    release = Release(
        dataset=dataset,
        version=version,
        statistic=statistic.name,
        title=(title or analysis.title(statistic))[:255],
        parameters={
            "values": {name: list(values) for name, values in filters.values.items()},
            "year_from": filters.year_from,
            "year_to": filters.year_to,
        },
        dimensions=[
            [name, analysis.dimension_label(statistic, name)] for name in statistic.dimensions
        ],
        cells=cells,
        threshold=dataset.suppression_threshold,
        summary=table.summary(),
        method=method.name,
        protection=protected.details,
        epsilon=protected.epsilon,
        created_by=actor,
    )
    release.full_clean()
    release.save()
    audit_created(actor=actor, obj=release)
    return release


def _check_cells(release: Release) -> None:
    """No published count below the threshold, whatever happened since it was prepared."""
    for cell in release.cells:
        value = cell.get("value")
        if value is not None and 0 < value < release.threshold:
            raise ValidationError(_("A count below the threshold would be published."))


@transaction.atomic
def release_publish(*, actor: User, release: Release) -> Release:
    require(permissions.can_publish_release(actor, release))
    if release.status == Release.Status.PUBLISHED:
        return release
    _check_cells(release)
    release.status = Release.Status.PUBLISHED
    release.published_by = actor
    release.published_at = timezone.now()
    release.save(update_fields=["status", "published_by", "published_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=release,
        changes={"status": ["draft", "published"]},
    )
    return release


@transaction.atomic
def release_withdraw(*, actor: User, release: Release) -> Release:
    require(permissions.can_publish_release(actor, release))
    before = release.status
    release.status = Release.Status.WITHDRAWN
    release.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=release,
        changes={"status": [before, "withdrawn"]},
    )
    return release


def releases_of(user: Any, dataset_id: int) -> QuerySet[Release]:
    """A dataset's releases: all of them for its analysts, the published ones for others."""
    releases = Release.objects.filter(dataset_id=dataset_id).select_related("version")
    first = releases.first()
    if first is not None and permissions.can_read_records(user, first.dataset):
        return releases
    return releases.filter(status=Release.Status.PUBLISHED)


def release_get(user: Any, release_id: int) -> Release:
    release = Release.objects.select_related("dataset", "version").filter(pk=release_id).first()
    if release is None or not permissions.can_view_release(user, release):
        raise Http404
    return release


def published(country: str | None = None) -> QuerySet[Release]:
    """What the portal shows: published releases, of the deployment's State if it has one."""
    releases = Release.objects.filter(status=Release.Status.PUBLISHED).select_related("dataset")
    if country:
        releases = releases.filter(dataset__country__in=[country, ""])
    return releases.order_by("-published_at", "-pk")
