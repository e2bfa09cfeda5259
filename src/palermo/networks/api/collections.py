"""Collections and who may read their entities, over the API: the pages' rules."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.api_types import Id, ValidationErrorOut, choices_schema
from palermo.core.http import acting_user
from palermo.core.models import User
from palermo.evidence.models import Sensitivity
from palermo.networks import permissions
from palermo.networks.models import Collection, CollectionGrant
from palermo.networks.selectors import collections as selectors
from palermo.networks.services import collections as services

router = Router(tags=["networks"])

SensitivityChoice = Annotated[Sensitivity, choices_schema(Sensitivity, "Sensitivity")]


class CollectionIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    country: str | None = Field(None, max_length=3)
    source: str = Field("", max_length=200)
    licence: str = Field("", max_length=200)
    sensitivity: SensitivityChoice = Sensitivity.CONFIDENTIAL
    is_synthetic: bool = False


class CollectionPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = None
    source: str | None = Field(None, max_length=200)
    licence: str | None = Field(None, max_length=200)
    sensitivity: SensitivityChoice | None = None
    is_synthetic: bool | None = None


class CollectionOut(Schema):
    id: int
    name: str
    description: str
    country: str
    source: str
    licence: str
    sensitivity: str
    is_synthetic: bool
    version: int
    owner: str = Field(alias="owner.name")
    can_read_entities: bool = False
    can_manage: bool = False

    @staticmethod
    def resolve_can_read_entities(obj: Collection, context: dict[str, Any]) -> bool:
        return permissions.can_read_entities(context["request"].user, obj)

    @staticmethod
    def resolve_can_manage(obj: Collection, context: dict[str, Any]) -> bool:
        return permissions.can_manage_collection(context["request"].user, obj)


class CollectionSchemaCountOut(Schema):
    schema_name: str
    count: int


class CollectionDetailOut(CollectionOut):
    counts: list[CollectionSchemaCountOut]

    @staticmethod
    def resolve_counts(obj: Collection) -> list[dict[str, Any]]:
        return [
            {"schema_name": schema, "count": count}
            for schema, count in selectors.counts_by_schema(obj)
        ]


class CollectionGrantIn(Schema):
    user: Id


class CollectionGrantOut(Schema):
    id: int
    user: str = Field(alias="user.username")
    granted_by: str | None
    granted_at: datetime.datetime

    @staticmethod
    def resolve_granted_by(obj: CollectionGrant) -> str | None:
        return obj.granted_by.username if obj.granted_by else None


def manageable(request: HttpRequest, collection_id: int) -> Collection:
    return selectors.collection_allowed(
        request.user, collection_id, permissions.can_manage_collection
    )


@router.get("/collections", response=list[CollectionOut])
@paginate
def collection_list(request: HttpRequest, search: str = "") -> Any:
    return selectors.collection_list(request.user, search=search)


@router.post("/collections", response={201: CollectionDetailOut, 422: ValidationErrorOut})
def collection_create(request: HttpRequest, payload: CollectionIn) -> Status[Collection]:
    data = payload.dict()
    if data["country"] is None:
        data.pop("country")
    collection = services.collection_create(actor=acting_user(request), **data)
    return Status(201, collection)


@router.get("/collections/{int:collection_id}", response=CollectionDetailOut)
def collection_get(request: HttpRequest, collection_id: Id) -> Collection:
    return selectors.collection_get(request.user, collection_id)


@router.patch(
    "/collections/{int:collection_id}",
    response={200: CollectionDetailOut, 422: ValidationErrorOut},
)
def collection_update(
    request: HttpRequest, collection_id: Id, payload: CollectionPatch
) -> Collection:
    collection = manageable(request, collection_id)
    services.collection_update(
        actor=acting_user(request), collection=collection, **payload.dict(exclude_unset=True)
    )
    return selectors.collection_get(request.user, collection_id)


@router.delete("/collections/{int:collection_id}", response={204: None})
def collection_delete(request: HttpRequest, collection_id: Id) -> Status[None]:
    collection = manageable(request, collection_id)
    services.collection_delete(actor=acting_user(request), collection=collection)
    return Status(204, None)


@router.get("/collections/{int:collection_id}/grants", response=list[CollectionGrantOut])
def grant_list(request: HttpRequest, collection_id: Id) -> Any:
    return list(selectors.grants(manageable(request, collection_id)))


@router.post(
    "/collections/{int:collection_id}/grants",
    response={201: CollectionGrantOut, 422: ValidationErrorOut},
)
def grant_create(
    request: HttpRequest, collection_id: Id, payload: CollectionGrantIn
) -> Status[CollectionGrant]:
    collection = manageable(request, collection_id)
    user = get_object_or_404(User, pk=payload.user, is_active=True)
    return Status(
        201, services.grant_create(actor=acting_user(request), collection=collection, user=user)
    )


@router.delete("/collections/{int:collection_id}/grants/{int:grant_id}", response={204: None})
def grant_delete(request: HttpRequest, collection_id: Id, grant_id: Id) -> Status[None]:
    collection = manageable(request, collection_id)
    grant = get_object_or_404(selectors.grants(collection), pk=grant_id)
    services.grant_delete(actor=acting_user(request), grant=grant)
    return Status(204, None)
