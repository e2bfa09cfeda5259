"""Reads of the instruments, their articles and the clusters."""

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from palermo.instruments.models import (
    Article,
    Cluster,
    ClusterComposition,
    Instrument,
)


def instrument_list() -> QuerySet[Instrument]:
    return Instrument.objects.annotate(article_count=Count("articles"))


def instrument_get(code: str) -> Instrument:
    try:
        return instrument_list().get(code=code)
    except Instrument.DoesNotExist as error:
        raise Http404(f"No instrument {code!r}.") from error


def article_list(*, instrument: Instrument | None = None) -> QuerySet[Article]:
    articles = Article.objects.select_related("instrument").prefetch_related("clusters")
    return articles.filter(instrument=instrument) if instrument is not None else articles


def article_get(code: str) -> Article:
    """The article addressed as `untoc:5`."""
    instrument_code, _sep, number = code.partition(":")
    if not number.isdigit():
        raise Http404(f"{code!r} is not an article code like untoc:5.")
    try:
        return article_list().get(instrument__code=instrument_code, number=int(number))
    except Article.DoesNotExist as error:
        raise Http404(f"No article {code!r}.") from error


def cluster_list() -> QuerySet[Cluster]:
    return Cluster.objects.prefetch_related(
        Prefetch("articles", queryset=Article.objects.select_related("instrument")),
        Prefetch("compositions", queryset=ClusterComposition.objects.select_related("instrument")),
    )


def cluster_is_complete(cluster: Cluster) -> bool:
    """A cluster is complete when every instrument's share of it is confirmed."""
    compositions = list(cluster.compositions.all())
    return bool(compositions) and all(c.is_confirmed for c in compositions)
