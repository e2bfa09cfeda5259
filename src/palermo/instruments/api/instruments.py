"""The instruments, their articles and the clusters: public to read."""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from palermo.core.api_types import Id
from palermo.instruments.models import Article
from palermo.instruments.selectors import instruments as instrument_selectors

router = Router()
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


@router.get("/instruments", response=list[InstrumentOut], auth=PUBLIC)
def list_instruments(request: HttpRequest) -> Any:
    return instrument_selectors.instrument_list()


@router.get("/instruments/{code}/articles", response=list[ArticleOut], auth=PUBLIC)
def list_articles(request: HttpRequest, code: str) -> Any:
    return instrument_selectors.article_list(instrument=instrument_selectors.instrument_get(code))


@router.get("/articles/{code}", response=ArticleOut, auth=PUBLIC)
def get_article(request: HttpRequest, code: str) -> Article:
    return instrument_selectors.article_get(code)


@router.get("/clusters", response=list[ClusterOut], auth=PUBLIC)
def list_clusters(request: HttpRequest) -> list[dict[str, Any]]:
    clusters = []
    for cluster in instrument_selectors.cluster_list():
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
                "complete": instrument_selectors.cluster_is_complete(cluster),
                "compositions": compositions,
            }
        )
    return clusters
