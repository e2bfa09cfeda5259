"""National laws, their provisions and mappings to articles; import from a spreadsheet."""

from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from palermo.core.api_types import PatchSchema, ValidationErrorOut, Year, choices_schema
from palermo.core.http import acting_user
from palermo.instruments import importers
from palermo.instruments.models import Law, Provision, ProvisionArticle
from palermo.instruments.selectors import instruments as instrument_selectors
from palermo.instruments.selectors import legislation as legislation_selectors
from palermo.instruments.selectors import states as state_selectors
from palermo.instruments.services import legislation as legislation_services

router = Router()

LawKind = Annotated[Law.Kind, choices_schema(Law.Kind, "LawKind")]
LawStatus = Annotated[Law.Status, choices_schema(Law.Status, "LawStatus")]
PUBLIC: Any = None  # `auth=PUBLIC`: anonymous reads allowed


class MappingOut(Schema):
    id: int
    article: str = Field(alias="article.code")
    note: str


class ProvisionOut(Schema):
    id: int
    section: str
    heading: str
    text: str
    mappings: list[MappingOut] = Field(alias="mappings.all")


class LawOut(Schema):
    id: int
    state: str = Field(alias="state.iso3")
    title: str
    short_title: str
    year: int | None
    kind: str
    status: str
    source_url: str
    notes: str


class LawDetailOut(LawOut):
    provisions: list[ProvisionOut] = Field(alias="provisions.all")


class LawIn(Schema):
    state: str
    title: str = Field(min_length=1, max_length=255)
    short_title: str = ""
    year: Year | None = None
    kind: LawKind = Law.Kind.ACT
    status: LawStatus = Law.Status.IN_FORCE
    source_url: str = ""
    notes: str = ""


class LawPatch(PatchSchema):
    model = Law

    title: str | None = Field(default=None, min_length=1, max_length=255)
    short_title: str | None = None
    year: Year | None = None
    kind: LawKind | None = None
    status: LawStatus | None = None
    source_url: str | None = None
    notes: str | None = None


class ProvisionIn(Schema):
    section: str = ""
    heading: str = ""
    text: str = ""


class MappingIn(Schema):
    article: str = Field(description="An article code like untoc:6")
    note: str = ""


class ImportRowOut(Schema):
    row: int = Field(alias="number")
    law: str
    section: str
    article: str
    actions: list[str]
    errors: list[str]


class ImportOut(Schema):
    committed: bool
    laws_to_create: int
    provisions_to_create: int
    mappings_to_create: int
    duplicates: int
    errors: int
    rows: list[ImportRowOut]


@router.get("/legislation", response=list[LawOut], auth=PUBLIC)
@paginate
def list_laws(request: HttpRequest, state: str = "", search: str = "") -> Any:
    chosen = state_selectors.state_get(state) if state else None
    return legislation_selectors.law_list(state=chosen, search=search)


@router.post("/legislation/import", response={200: ImportOut, 422: ImportOut | ValidationErrorOut})
def import_legislation(
    request: HttpRequest, state: str, file: File[UploadedFile], dry_run: bool = True
) -> Status[dict[str, Any]]:
    """Preview (`dry_run=true`, the default) or commit an import; nothing is written on errors.

    Only those who may edit the State's legislation may send a file, dry run included; a file
    past the upload caps (size, rows) is refused with 413.
    """
    chosen = state_selectors.state_get(state)
    user = acting_user(request)
    filename = file.name or "upload.csv"
    plan = importers.plan_import(actor=user, state=chosen, content=file, filename=filename)
    committed = False
    if not dry_run and plan.can_commit:
        importers.commit_import(actor=user, state=chosen, content=file, filename=filename)
        committed = True
    body = {
        "committed": committed,
        "laws_to_create": plan.laws_to_create,
        "provisions_to_create": plan.provisions_to_create,
        "mappings_to_create": plan.mappings_to_create,
        "duplicates": plan.duplicates,
        "errors": plan.errors,
        "rows": plan.rows,
    }
    return Status(200 if plan.errors == 0 else 422, body)


@router.get("/legislation/{law_id}", response=LawDetailOut, auth=PUBLIC)
def get_law(request: HttpRequest, law_id: int) -> Law:
    return legislation_selectors.law_get(law_id)


@router.post("/legislation", response={201: LawDetailOut})
def create_law(request: HttpRequest, payload: LawIn) -> Status[Law]:
    state = state_selectors.state_get(payload.state)
    law = legislation_services.law_create(
        actor=acting_user(request), state=state, **payload.dict(exclude={"state"})
    )
    return Status(201, legislation_selectors.law_get(law.pk))


@router.patch("/legislation/{law_id}", response=LawDetailOut)
def update_law(request: HttpRequest, law_id: int, payload: LawPatch) -> Law:
    law = legislation_selectors.law_get(law_id)
    legislation_services.law_update(
        actor=acting_user(request), law=law, **payload.dict(exclude_unset=True)
    )
    return legislation_selectors.law_get(law_id)


@router.delete("/legislation/{law_id}", response={204: None})
def delete_law(request: HttpRequest, law_id: int) -> Status[None]:
    legislation_services.law_delete(
        actor=acting_user(request), law=legislation_selectors.law_get(law_id)
    )
    return Status(204, None)


@router.post("/legislation/{law_id}/provisions", response={201: ProvisionOut})
def create_provision(request: HttpRequest, law_id: int, payload: ProvisionIn) -> Status[Provision]:
    law = legislation_selectors.law_get(law_id)
    provision = legislation_services.provision_create(
        actor=acting_user(request), law=law, **payload.dict()
    )
    return Status(201, provision)


@router.delete("/legislation/provisions/{provision_id}", response={204: None})
def delete_provision(request: HttpRequest, provision_id: int) -> Status[None]:
    provision = get_object_or_404(Provision.objects.select_related("law__state"), pk=provision_id)
    legislation_services.provision_delete(actor=acting_user(request), provision=provision)
    return Status(204, None)


@router.post("/legislation/provisions/{provision_id}/mappings", response={201: MappingOut})
def create_mapping(
    request: HttpRequest, provision_id: int, payload: MappingIn
) -> Status[ProvisionArticle]:
    provision = get_object_or_404(Provision.objects.select_related("law__state"), pk=provision_id)
    article = instrument_selectors.article_get(payload.article)
    mapping = legislation_services.mapping_add(
        actor=acting_user(request), provision=provision, article=article, note=payload.note
    )
    return Status(201, mapping)


@router.delete("/legislation/mappings/{mapping_id}", response={204: None})
def delete_mapping(request: HttpRequest, mapping_id: int) -> Status[None]:
    mapping = get_object_or_404(
        ProvisionArticle.objects.select_related("provision__law__state"), pk=mapping_id
    )
    legislation_services.mapping_delete(actor=acting_user(request), mapping=mapping)
    return Status(204, None)
