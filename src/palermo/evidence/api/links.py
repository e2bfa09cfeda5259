"""Statistics linked to recommendations, indicators and articles, over the API.

The same rules as the pages: readers see a link only as what `links.link_shown` lets them see;
linking and unlinking go through `links.link_create` and `links.link_delete`.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from palermo.core.api_types import Id, ValidationErrorOut
from palermo.core.http import acting_user
from palermo.evidence import links, messages

router = Router(tags=["evidence"])

TARGET_HELP = "“tracking.recommendation:12”, “tracking.indicator:3” or “instruments.article:40”"


class StatisticLinkOut(Schema):
    id: int
    target: str
    title: str
    dataset: int
    statistic: str
    parameters: dict[str, Any]
    note: str
    release: int | None
    release_status: str | None
    live: bool

    @staticmethod
    def of(shown: links.ShownLink) -> dict[str, Any]:
        link = shown.link
        target = link.target
        return {
            "id": link.pk,
            "target": f"{target._meta.label_lower}:{target.pk}",
            "title": shown.title,
            "dataset": link.dataset_id,
            "statistic": link.statistic,
            "parameters": link.parameters,
            "note": link.note,
            "release": shown.release.pk if shown.release else None,
            "release_status": shown.release.status if shown.release else None,
            "live": bool(shown.live_url),
        }


class StatisticLinkIn(Schema):
    target: str = Field(max_length=60, description=TARGET_HELP)
    source: str = Field(
        max_length=120,
        description="“release:7”, or “statistic:<dataset id>:<statistic name>”",
    )
    parameters: dict[str, Any] = Field(default_factory=dict)
    note: str = Field("", max_length=255)


class StatisticLinkQuery(Schema):
    target: str = Field(max_length=60, description=TARGET_HELP)


@router.get("/statistic-links", response=list[StatisticLinkOut])
def statistic_link_list(
    request: HttpRequest, query: Query[StatisticLinkQuery]
) -> list[dict[str, Any]]:
    """The statistics linked to a target (for an article, also through its recommendations)."""
    target = links.target_get(request.user, query.target)
    if target is None:
        return []
    return [StatisticLinkOut.of(shown) for shown in links.links_for(request.user, target)]


@router.post("/statistic-links", response={201: StatisticLinkOut, 422: ValidationErrorOut})
def statistic_link_create(request: HttpRequest, payload: StatisticLinkIn) -> Status[dict[str, Any]]:
    user = acting_user(request)
    target = links.target_get(user, payload.target)
    source = links.source_get(user, payload.source)
    if target is None:
        raise ValidationError({"target": messages.LINK_TARGET_UNKNOWN})
    if source is None:
        raise ValidationError({"source": messages.LINK_STATISTIC_UNKNOWN})
    dataset, statistic, release = source
    link = links.link_create(
        actor=user,
        target=target,
        dataset=dataset,
        statistic=statistic,
        parameters=payload.parameters,
        release=release,
        note=payload.note,
    )
    shown = links.link_shown(user, link)
    assert shown is not None  # noqa: S101 - whoever links it reads it
    return Status(201, StatisticLinkOut.of(shown))


@router.delete("/statistic-links/{int:link_id}", response={204: None})
def statistic_link_delete(request: HttpRequest, link_id: Id) -> Status[None]:
    user = acting_user(request)
    links.link_delete(actor=user, link=links.link_get(user, link_id))
    return Status(204, None)
