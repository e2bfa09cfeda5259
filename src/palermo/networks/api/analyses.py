"""Stored analyses over the API: the measures offered, the runs of a collection, run one.

The pages' rules: analysts granted the collection list, read and run; a run's parameters are
checked by the registry (422 with the reason); each read and each run is audited.
"""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.api_types import Id, ValidationErrorOut
from palermo.core.http import acting_user
from palermo.networks import measures, permissions, results
from palermo.networks.analytics.registry import KIND_NAMES, MEASURES, REQUIRED
from palermo.networks.models import AnalysisRun, Collection
from palermo.networks.selectors import analyses as selectors
from palermo.networks.selectors import collections as collection_selectors
from palermo.networks.services import analyses as services

router = Router(tags=["networks"])


class NetworkMeasureParameterOut(Schema):
    name: str
    kind: str
    required: bool
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    choices: list[str] | None = None


class NetworkMeasureOut(Schema):
    name: str
    label: str
    description: str
    parameters: list[NetworkMeasureParameterOut]


class NetworkAnalysisIn(Schema):
    measure: str = Field(max_length=64)
    parameters: dict[str, Any] = Field(default_factory=dict)


class NetworkAnalysisOut(Schema):
    id: int
    measure: str
    parameters: dict[str, Any]
    collection_version: int
    is_current: bool
    duration_ms: int
    created_at: datetime.datetime
    created_by: str | None

    @staticmethod
    def resolve_created_by(obj: AnalysisRun) -> str | None:
        return obj.created_by.username if obj.created_by else None


class NetworkAnalysisDetailOut(NetworkAnalysisOut):
    result: dict[str, Any]
    names: dict[str, str]

    @staticmethod
    def resolve_names(obj: AnalysisRun) -> dict[str, str]:
        """The name of every entity the result names, by id."""
        return selectors.entity_names(obj.collection, results.result_ids(obj))


def _readable(request: HttpRequest, collection_id: int) -> Collection:
    return collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )


@router.get("/network-measures", response=list[NetworkMeasureOut])
def measure_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every measure with its parameters: kind, default, range and choices."""
    return [
        {
            "name": name,
            "label": measures.measure_label(name),
            "description": measures.measure_help(name),
            "parameters": [
                {
                    "name": pname,
                    "kind": param.kind if isinstance(param.kind, str) else KIND_NAMES[param.kind],
                    "required": param.default is REQUIRED,
                    "default": None if param.default is REQUIRED else param.default,
                    "minimum": param.minimum,
                    "maximum": param.maximum,
                    "choices": list(param.choices) if param.choices else None,
                }
                for pname, param in measure.params.items()
            ],
        }
        for name, measure in MEASURES.items()
    ]


@router.get("/collections/{int:collection_id}/analyses", response=list[NetworkAnalysisOut])
@paginate
def analysis_list(request: HttpRequest, collection_id: Id) -> Any:
    collection = _readable(request, collection_id)
    return selectors.analysis_list(request.user, collection, where="api")


@router.post(
    "/collections/{int:collection_id}/analyses",
    response={201: NetworkAnalysisDetailOut, 422: ValidationErrorOut},
)
def analysis_run(
    request: HttpRequest, collection_id: Id, payload: NetworkAnalysisIn
) -> Status[AnalysisRun]:
    collection = _readable(request, collection_id)
    run = services.analysis_run(
        actor=acting_user(request),
        collection=collection,
        measure=payload.measure,
        parameters=payload.parameters,
    )
    return Status(201, run)


@router.get(
    "/collections/{int:collection_id}/analyses/{int:run_id}", response=NetworkAnalysisDetailOut
)
def analysis_get(request: HttpRequest, collection_id: Id, run_id: Id) -> AnalysisRun:
    collection = _readable(request, collection_id)
    return selectors.analysis_get(request.user, collection, run_id, where="api")
