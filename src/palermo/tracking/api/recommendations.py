"""Recommendations, their progress updates and counts; extraction from statements."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.api_types import Date, Id, PatchSchema, Year
from palermo.core.http import acting_user
from palermo.engagement.models import Organisation
from palermo.engagement.selectors.registry import organisation_list
from palermo.instruments.models import Article
from palermo.tracking import messages
from palermo.tracking.models import Recommendation, RecommendationUpdate, SdgTarget, Theme
from palermo.tracking.models import Status as RecommendationStatus
from palermo.tracking.selectors import recommendations as selectors
from palermo.tracking.services import recommendations as services

router = Router(tags=["tracking: recommendations"])


class BodyOut(Schema):
    id: int
    name: str


class RecommendationOut(Schema):
    id: int
    reference: str
    title: str
    text: str
    country: str
    source: str
    source_label: str = Field(alias="get_source_display")
    statement_id: int | None
    observation_id: int | None
    action_plan_id: int | None
    source_title: str
    source_url: str
    issued_on: datetime.date
    priority: str
    status: str
    status_label: str = Field(alias="get_status_display")
    themes: list[str]
    articles: list[str]
    responsible_bodies: list[BodyOut]
    sdg_targets: list[str]
    url: str = Field(alias="get_absolute_url")

    @staticmethod
    def resolve_themes(obj: Recommendation) -> list[str]:
        return [theme.code for theme in obj.themes.all()]

    @staticmethod
    def resolve_articles(obj: Recommendation) -> list[str]:
        return [article.code for article in obj.articles.all()]

    @staticmethod
    def resolve_responsible_bodies(obj: Recommendation) -> list[dict[str, Any]]:
        return [{"id": body.pk, "name": body.name} for body in obj.responsible_bodies.all()]

    @staticmethod
    def resolve_sdg_targets(obj: Recommendation) -> list[str]:
        return [target.code for target in obj.sdg_targets.all()]


class TiesIn(Schema):
    """What a recommendation is tied to: themes, articles and SDG targets by code, bodies by id.

    Codes look like "firearms" (theme), "tip:5" (article) and "16.4" (SDG target).
    """

    priority: Recommendation.Priority = Recommendation.Priority.MEDIUM
    themes: list[str] = []
    articles: list[str] = []
    responsible_body_ids: list[Id] = []
    sdg_targets: list[str] = []


class RecommendationIn(TiesIn):
    text: str = Field(min_length=1)
    source: Recommendation.Source
    issued_on: Date
    title: str = Field(default="", max_length=255)
    reference: str = Field(default="", max_length=40)
    statement_id: Id | None = None
    observation_id: Id | None = None
    action_plan_id: Id | None = None
    source_title: str = Field(default="", max_length=255)
    source_url: str = ""


class RecommendationPatch(PatchSchema):
    model = Recommendation

    text: str | None = Field(default=None, min_length=1)
    source: Recommendation.Source | None = None
    issued_on: Date | None = None
    title: str | None = Field(default=None, max_length=255)
    reference: str | None = Field(default=None, max_length=40)
    statement_id: Id | None = None
    observation_id: Id | None = None
    action_plan_id: Id | None = None
    source_title: str | None = Field(default=None, max_length=255)
    source_url: str | None = None
    priority: Recommendation.Priority | None = None
    themes: list[str] | None = None
    articles: list[str] | None = None
    responsible_body_ids: list[Id] | None = None
    sdg_targets: list[str] | None = None


class UpdateOut(Schema):
    id: int
    reported_on: datetime.date
    status: str
    status_label: str = Field(alias="get_status_display")
    narrative: str
    evidence_url: str
    evidence_file_url: str | None
    author: str | None

    @staticmethod
    def resolve_evidence_file_url(obj: RecommendationUpdate) -> str | None:
        if not obj.evidence_file:
            return None
        return reverse("tracking:recommendation-evidence", args=[obj.pk])

    @staticmethod
    def resolve_author(obj: RecommendationUpdate) -> str | None:
        return str(obj.author) if obj.author else None


class UpdateIn(Schema):
    reported_on: Date
    status: RecommendationStatus
    narrative: str = Field(min_length=1)
    evidence_url: str = ""


class CountOut(Schema):
    key: str
    label: str
    total: int
    by_status: dict[str, int]


class ExtractIn(TiesIn):
    texts: list[str] = Field(min_length=1)
    reference_prefix: str = Field(default="", max_length=30)


class FromObservationIn(Schema):
    text: str = ""
    title: str = Field(default="", max_length=255)
    priority: Recommendation.Priority = Recommendation.Priority.MEDIUM
    themes: list[str] = []
    responsible_body_ids: list[Id] = []
    sdg_targets: list[str] = []


def _unknown(field: str, what: str, codes: list[str]) -> ValidationError:
    return ValidationError(
        {field: messages.RECOMMENDATION_UNKNOWN_CODES % {"what": what, "codes": ", ".join(codes)}}
    )


def _by_code(queryset: QuerySet[Any], field: str, codes: list[str], what: str) -> list[Any]:
    found = {item.code: item for item in queryset.filter(code__in=codes)}
    missing = [code for code in codes if code not in found]
    if missing:
        raise _unknown(field, what, missing)
    return [found[code] for code in codes]


def _articles(codes: list[str]) -> list[Article]:
    articles = [selectors.article_by_code(code) for code in codes]
    missing = [code for code, article in zip(codes, articles, strict=True) if article is None]
    if missing:
        raise _unknown("articles", _("articles"), missing)
    return [article for article in articles if article is not None]


def _bodies(request: HttpRequest, ids: list[int]) -> list[Organisation]:
    bodies = {body.pk: body for body in organisation_list(user=request.user).filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in bodies]
    if missing:
        raise _unknown("responsible_bodies", _("organisations"), missing)
    return [bodies[pk] for pk in ids]


def _ties(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    """Replace codes and ids in the payload by the records they name."""
    if data.get("themes") is not None:
        data["themes"] = _by_code(Theme.objects.all(), "themes", data["themes"], _("themes"))
    if data.get("articles") is not None:
        data["articles"] = _articles(data["articles"])
    if "responsible_body_ids" in data:
        ids = data.pop("responsible_body_ids")
        data["responsible_bodies"] = None if ids is None else _bodies(request, ids)
    if data.get("sdg_targets") is not None:
        data["sdg_targets"] = _by_code(
            SdgTarget.objects.all(), "sdg_targets", data["sdg_targets"], _("SDG targets")
        )
    return data


LINKS = {
    "statement_id": ("statement", selectors.linkable_statements),
    "observation_id": ("observation", selectors.linkable_observations),
    "action_plan_id": ("action_plan", selectors.linkable_plans),
}


def _links(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    """Replace the ids of linked records by the records (404 for one the user cannot see)."""
    for key, (name, linkable) in LINKS.items():
        if key in data:
            pk = data.pop(key)
            data[name] = None if pk is None else get_object_or_404(linkable(request.user), pk=pk)
    return data


def _recommendation(request: HttpRequest, recommendation_id: int) -> Recommendation:
    return get_object_or_404(selectors.visible_recommendations(request.user), pk=recommendation_id)


@router.get("/recommendations", response=list[RecommendationOut])
@paginate
def list_recommendations(
    request: HttpRequest,
    search: str = "",
    source: str = "",
    status: str = "",
    priority: str = "",
    theme: str = "",
    article: str = "",
    body: Id | None = None,
    sdg: str = "",
    year: Year | None = None,
    statement_id: Id | None = None,
    observation_id: Id | None = None,
    action_plan_id: Id | None = None,
) -> QuerySet[Recommendation]:
    return selectors.recommendation_list(
        user=request.user,
        search=search,
        source=source,
        status=status,
        priority=priority,
        theme=theme,
        article=article,
        body=body,
        sdg=sdg,
        year=year,
        statement_id=statement_id,
        observation_id=observation_id,
        action_plan_id=action_plan_id,
    )


@router.get("/recommendations/counts/themes", response=list[CountOut])
def count_by_theme(request: HttpRequest) -> list[selectors.CountRow]:
    return selectors.counts_by_theme(user=request.user)


@router.get("/recommendations/counts/bodies", response=list[CountOut])
def count_by_body(request: HttpRequest) -> list[selectors.CountRow]:
    return selectors.counts_by_body(user=request.user)


@router.get("/recommendations/{int:recommendation_id}", response=RecommendationOut)
def get_recommendation(request: HttpRequest, recommendation_id: int) -> Recommendation:
    return _recommendation(request, recommendation_id)


@router.post("/recommendations", response={201: RecommendationOut})
def create_recommendation(
    request: HttpRequest, payload: RecommendationIn
) -> Status[Recommendation]:
    data = _links(request, _ties(request, payload.dict()))
    recommendation = services.recommendation_create(actor=acting_user(request), **data)
    return Status(201, recommendation)


@router.patch("/recommendations/{int:recommendation_id}", response=RecommendationOut)
def update_recommendation(
    request: HttpRequest, recommendation_id: int, payload: RecommendationPatch
) -> Recommendation:
    recommendation = _recommendation(request, recommendation_id)
    data = _links(request, _ties(request, payload.dict(exclude_unset=True)))
    return services.recommendation_update(
        actor=acting_user(request), recommendation=recommendation, **data
    )


@router.delete("/recommendations/{int:recommendation_id}", response={204: None})
def delete_recommendation(request: HttpRequest, recommendation_id: int) -> Status[None]:
    services.recommendation_delete(
        actor=acting_user(request), recommendation=_recommendation(request, recommendation_id)
    )
    return Status(204, None)


@router.get("/recommendations/{int:recommendation_id}/updates", response=list[UpdateOut])
def list_updates(request: HttpRequest, recommendation_id: int) -> Any:
    return selectors.recommendation_updates(_recommendation(request, recommendation_id))


@router.post("/recommendations/{int:recommendation_id}/updates", response={201: UpdateOut})
def add_update(
    request: HttpRequest, recommendation_id: int, payload: UpdateIn
) -> Status[RecommendationUpdate]:
    update = services.recommendation_update_add(
        actor=acting_user(request),
        recommendation=_recommendation(request, recommendation_id),
        **payload.dict(),
    )
    return Status(201, update)


@router.post(
    "/statements/{int:statement_id}/recommendations", response={201: list[RecommendationOut]}
)
def extract_from_statement(
    request: HttpRequest, statement_id: int, payload: ExtractIn
) -> Status[list[Recommendation]]:
    statement = get_object_or_404(selectors.linkable_statements(request.user), pk=statement_id)
    data = _ties(request, payload.dict())
    created = services.recommendations_from_statement(
        actor=acting_user(request), statement=statement, **data
    )
    return Status(201, created)


@router.post(
    "/observations/{int:observation_id}/recommendations", response={201: RecommendationOut}
)
def extract_from_observation(
    request: HttpRequest, observation_id: int, payload: FromObservationIn
) -> Status[Recommendation]:
    observation = get_object_or_404(
        selectors.linkable_observations(request.user), pk=observation_id
    )
    data = _ties(request, payload.dict())
    recommendation = services.recommendation_from_observation(
        actor=acting_user(request), observation=observation, **data
    )
    return Status(201, recommendation)
