from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.http import acting_user
from palermo.engagement import selectors, services
from palermo.engagement.models import Organisation

router = Router(tags=["engagement: registry"])


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    country: str


class OrganisationIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    kind: Organisation.Kind
    country: str = ""


class OrganisationPatch(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=255)
    kind: Organisation.Kind | None = None
    country: str | None = None


@router.get("/organisations", response=list[OrganisationOut])
@paginate
def list_organisations(request: HttpRequest, search: str = "", kind: str = "") -> Any:
    return selectors.organisation_list(user=request.user, search=search, kind=kind)


@router.get("/organisations/{organisation_id}", response=OrganisationOut)
def get_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    return get_object_or_404(selectors.organisation_list(user=request.user), pk=organisation_id)


@router.post("/organisations", response={201: OrganisationOut})
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[Organisation]:
    organisation = services.organisation_create(
        actor=acting_user(request), name=payload.name, kind=payload.kind, country=payload.country
    )
    return Status(201, organisation)


@router.patch("/organisations/{organisation_id}", response=OrganisationOut)
def update_organisation(
    request: HttpRequest, organisation_id: int, payload: OrganisationPatch
) -> Organisation:
    organisation = get_object_or_404(
        selectors.organisation_list(user=request.user), pk=organisation_id
    )
    return services.organisation_update(
        actor=acting_user(request), organisation=organisation, **payload.dict(exclude_unset=True)
    )
