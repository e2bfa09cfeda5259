"""Statistics of a dataset for its granted analysts, and releases: prepared, and published."""

import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.api_types import Id, ValidationErrorOut, Year, choices_schema
from palermo.core.http import acting_user
from palermo.evidence import analysis, permissions, releases
from palermo.evidence.models import Release
from palermo.evidence.selectors import datasets as dataset_selectors

router = Router()


class StatisticOut(Schema):
    name: str
    title: str
    version: int
    dimensions: list[str]
    measures: list[str]
    rows: list[dict[str, Any]]


@router.get("/datasets/{int:dataset_id}/statistics", response=list[dict[str, str]])
def statistic_list(request: HttpRequest, dataset_id: Id) -> list[dict[str, str]]:
    """The statistics a dataset offers, by name and title (for granted analysts)."""
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_read_records
    )
    offered = analysis.statistics_for(dataset.kind)
    return [{"name": name, "title": analysis.title(s)} for name, s in offered.items()]


@router.get("/datasets/{int:dataset_id}/statistics/{name}", response=StatisticOut)
def statistic_get(
    request: HttpRequest,
    dataset_id: Id,
    name: str,
    version: Id | None = None,
    year_from: Year | None = None,
    year_to: Year | None = None,
) -> dict[str, Any]:
    """One statistic of a version (the latest unless named), before privacy checks.

    For granted analysts only, and audited. Filter with `f.<dimension>=value` (repeat the
    parameter for several values).
    """
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_read_records
    )
    statistic = analysis.statistics_for(dataset.kind).get(name)
    if statistic is None:
        raise Http404
    chosen = dataset_selectors.version_get(dataset, version)
    values = {
        key.removeprefix("f."): request.GET.getlist(key)
        for key in request.GET
        if key.startswith("f.")
    }
    filters = analysis.filters_from(dataset.kind, values, year_from=year_from, year_to=year_to)
    result = analysis.statistic_table(request.user, chosen, statistic, filters, where="API")
    return {
        "name": statistic.name,
        "title": analysis.title(statistic),
        "version": chosen.number,
        "dimensions": list(statistic.dimensions),
        "measures": [measure.name for measure in statistic.measures],
        "rows": result.rows,
    }


class ReleaseOut(Schema):
    id: int
    title: str
    dataset: str = Field(alias="dataset.name")
    source: str = Field(alias="dataset.source_organisation")
    synthetic: bool = Field(alias="dataset.is_synthetic")
    threshold: int
    method: str
    protection: dict[str, Any]
    epsilon: float | None
    status: str
    published_at: datetime.datetime | None
    dimensions: list[list[str]]
    cells: list[dict[str, Any]]


@router.get("/releases", response=list[ReleaseOut], auth=None)
@paginate
def release_list(request: HttpRequest) -> Any:
    """Published statistics, as the portal shows them: every cell already privacy-checked."""
    from django.conf import settings

    return releases.published(country=settings.PALERMO_COUNTRY or None)


MethodChoice = Annotated[Release.Method, choices_schema(Release.Method, "ReleaseMethod")]


class ReleaseIn(Schema):
    statistic: str
    version: Id | None = None
    year_from: Year | None = None
    year_to: Year | None = None
    filters: dict[str, list[str]] = Field(default_factory=dict)
    method: MethodChoice = Release.Method.SUPPRESSION
    k: Annotated[int, Field(ge=2, le=1000)] | None = None
    quasi_identifiers: list[str] = Field(default_factory=list, max_length=10)
    epsilon: Annotated[float, Field(gt=0, le=10)] | None = None


@router.post(
    "/datasets/{int:dataset_id}/releases", response={201: ReleaseOut, 422: ValidationErrorOut}
)
def release_prepare(request: HttpRequest, dataset_id: Id, payload: ReleaseIn) -> Status[Release]:
    """Prepare a release of a count of victims, protected by the method named (a draft).

    `k_anonymity` needs `k` and `quasi_identifiers`; `dp` needs `epsilon`, spent from the
    dataset's privacy budget (422 when it would be overspent).
    """
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_read_records
    )
    statistic = releases.releasable_statistics(dataset.kind).get(payload.statistic)
    if statistic is None:
        raise Http404
    version = dataset_selectors.version_get(dataset, payload.version)
    filters = analysis.filters_from(
        dataset.kind, payload.filters, year_from=payload.year_from, year_to=payload.year_to
    )
    method = releases.Method(
        name=payload.method,
        k=payload.k,
        quasi_identifiers=tuple(payload.quasi_identifiers),
        epsilon=payload.epsilon,
    )
    release = releases.release_prepare(
        actor=acting_user(request),
        version=version,
        statistic=statistic,
        filters=filters,
        method=method,
    )
    return Status(201, release)
