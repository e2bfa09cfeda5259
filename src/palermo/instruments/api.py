"""Reference data is public to read; writes follow the same permissions as the pages."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from palermo.core.api_types import Id, PatchSchema, ValidationErrorOut, Year, choices_schema
from palermo.core.http import acting_user
from palermo.instruments import importers, selectors, services
from palermo.instruments.models import Article, Instrument, Law, Provision, ProvisionArticle, State

router = Router(tags=["instruments"])

LawKind = Annotated[Law.Kind, choices_schema(Law.Kind, "LawKind")]
LawStatus = Annotated[Law.Status, choices_schema(Law.Status, "LawStatus")]
PUBLIC: Any = None  # `auth=PUBLIC`: anonymous reads allowed


class InstrumentOut(Schema):
    code: str
    title: str
    short_title: str
    adopted: datetime.date | None
    entry_into_force: datetime.date | None
    article_count: int


class ArticleOut(Schema):
    article: str = Field(alias="code")
    instrument: str = Field(alias="instrument.code")
    number: int
    title: str
    summary: str
    obligation: str
    clusters: list[Id]

    @staticmethod
    def resolve_clusters(obj: Article) -> list[int]:
        return [cluster.number for cluster in obj.clusters.all()]


class CompositionOut(Schema):
    instrument: str
    articles: list[str]
    confirmed: bool


class ClusterOut(Schema):
    number: int
    title: str
    title_confirmed: bool
    complete: bool
    compositions: list[CompositionOut]


class RatificationOut(Schema):
    instrument: str = Field(alias="instrument.code")
    is_party: bool
    signed: str | None
    ratified: str | None
    kind: str
    reservations: str
    note: str

    @staticmethod
    def resolve_signed(obj: Any) -> str | None:
        return str(obj.signed_date) if obj.signed_date else None

    @staticmethod
    def resolve_ratified(obj: Any) -> str | None:
        return str(obj.ratified_date) if obj.ratified_date else None


class StateOut(Schema):
    iso3: str
    iso2: str
    name: str
    un_status: str
    regional_group: str


class StateDetailOut(StateOut):
    ratifications: list[RatificationOut] = Field(alias="ratifications.all")


class RatificationIn(Schema):
    instrument: str
    signed: str | None = Field(default=None, description="YYYY-MM-DD, YYYY-MM or YYYY")
    ratified: str | None = Field(default=None, description="YYYY-MM-DD, YYYY-MM or YYYY")
    is_party: bool | None = None
    kind: str = ""
    reservations: str = ""
    note: str = ""


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


@router.get("/instruments", response=list[InstrumentOut], auth=PUBLIC)
def list_instruments(request: HttpRequest) -> Any:
    return selectors.instrument_list()


@router.get("/instruments/{code}/articles", response=list[ArticleOut], auth=PUBLIC)
def list_articles(request: HttpRequest, code: str) -> Any:
    return selectors.article_list(instrument=selectors.instrument_get(code))


@router.get("/articles/{code}", response=ArticleOut, auth=PUBLIC)
def get_article(request: HttpRequest, code: str) -> Article:
    return selectors.article_get(code)


@router.get("/clusters", response=list[ClusterOut], auth=PUBLIC)
def list_clusters(request: HttpRequest) -> list[dict[str, Any]]:
    clusters = []
    for cluster in selectors.cluster_list():
        compositions = [
            {
                "instrument": composition.instrument.code,
                "articles": [
                    a.code
                    for a in cluster.articles.all()
                    if a.instrument_id == composition.instrument_id
                ],
                "confirmed": composition.is_confirmed,
            }
            for composition in cluster.compositions.all()
        ]
        clusters.append(
            {
                "number": cluster.number,
                "title": cluster.title,
                "title_confirmed": cluster.title_confirmed,
                "complete": selectors.cluster_is_complete(cluster),
                "compositions": compositions,
            }
        )
    return clusters


@router.get("/states", response=list[StateOut], auth=PUBLIC)
@paginate
def list_states(
    request: HttpRequest, search: str = "", regional_group: str = "", party_to: str = ""
) -> Any:
    return selectors.state_list(search=search, regional_group=regional_group, party_to=party_to)


@router.get("/states/{iso3}", response=StateDetailOut, auth=PUBLIC)
def get_state(request: HttpRequest, iso3: str) -> State:
    return selectors.state_get(iso3)


@router.post("/states/{iso3}/ratifications", response={201: RatificationOut})
def set_ratification(request: HttpRequest, iso3: str, payload: RatificationIn) -> Status[Any]:
    state = selectors.state_get(iso3)
    instrument = get_object_or_404(Instrument, code=payload.instrument)
    ratification = services.ratification_set(
        actor=acting_user(request),
        state=state,
        instrument=instrument,
        **payload.dict(exclude={"instrument"}),
    )
    return Status(201, ratification)


@router.get("/legislation", response=list[LawOut], auth=PUBLIC)
@paginate
def list_laws(request: HttpRequest, state: str = "", search: str = "") -> Any:
    chosen = selectors.state_get(state) if state else None
    return selectors.law_list(state=chosen, search=search)


@router.post("/legislation/import", response={200: ImportOut, 422: ImportOut | ValidationErrorOut})
def import_legislation(
    request: HttpRequest, state: str, file: File[UploadedFile], dry_run: bool = True
) -> Status[dict[str, Any]]:
    """Preview (`dry_run=true`, the default) or commit an import; nothing is written on errors.

    Only those who may edit the State's legislation may send a file, dry run included; a file
    past the upload caps (size, rows) is refused with 413.
    """
    chosen = selectors.state_get(state)
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
    return selectors.law_get(law_id)


@router.post("/legislation", response={201: LawDetailOut})
def create_law(request: HttpRequest, payload: LawIn) -> Status[Law]:
    state = selectors.state_get(payload.state)
    law = services.law_create(
        actor=acting_user(request), state=state, **payload.dict(exclude={"state"})
    )
    return Status(201, selectors.law_get(law.pk))


@router.patch("/legislation/{law_id}", response=LawDetailOut)
def update_law(request: HttpRequest, law_id: int, payload: LawPatch) -> Law:
    law = selectors.law_get(law_id)
    services.law_update(actor=acting_user(request), law=law, **payload.dict(exclude_unset=True))
    return selectors.law_get(law_id)


@router.delete("/legislation/{law_id}", response={204: None})
def delete_law(request: HttpRequest, law_id: int) -> Status[None]:
    services.law_delete(actor=acting_user(request), law=selectors.law_get(law_id))
    return Status(204, None)


@router.post("/legislation/{law_id}/provisions", response={201: ProvisionOut})
def create_provision(request: HttpRequest, law_id: int, payload: ProvisionIn) -> Status[Provision]:
    law = selectors.law_get(law_id)
    provision = services.provision_create(actor=acting_user(request), law=law, **payload.dict())
    return Status(201, provision)


@router.delete("/legislation/provisions/{provision_id}", response={204: None})
def delete_provision(request: HttpRequest, provision_id: int) -> Status[None]:
    provision = get_object_or_404(Provision.objects.select_related("law__state"), pk=provision_id)
    services.provision_delete(actor=acting_user(request), provision=provision)
    return Status(204, None)


@router.post("/legislation/provisions/{provision_id}/mappings", response={201: MappingOut})
def create_mapping(
    request: HttpRequest, provision_id: int, payload: MappingIn
) -> Status[ProvisionArticle]:
    provision = get_object_or_404(Provision.objects.select_related("law__state"), pk=provision_id)
    article = selectors.article_get(payload.article)
    mapping = services.mapping_add(
        actor=acting_user(request), provision=provision, article=article, note=payload.note
    )
    return Status(201, mapping)


@router.delete("/legislation/mappings/{mapping_id}", response={204: None})
def delete_mapping(request: HttpRequest, mapping_id: int) -> Status[None]:
    mapping = get_object_or_404(
        ProvisionArticle.objects.select_related("provision__law__state"), pk=mapping_id
    )
    services.mapping_delete(actor=acting_user(request), mapping=mapping)
    return Status(204, None)
