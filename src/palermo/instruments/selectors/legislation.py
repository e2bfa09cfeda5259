"""Reads of national laws, their provisions and the articles they are mapped to."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from palermo.instruments.models import (
    Article,
    Law,
    Provision,
    ProvisionArticle,
    State,
)


def law_list(*, state: State | None = None, search: str = "") -> QuerySet[Law]:
    laws = Law.objects.select_related("state").annotate(
        provision_count=Count("provisions", distinct=True),
        mapping_count=Count("provisions__mappings", distinct=True),
    )
    if state is not None:
        laws = laws.filter(state=state)
    if search:
        laws = laws.filter(Q(title__icontains=search) | Q(short_title__icontains=search))
    return laws


def law_get(law_id: int) -> Law:
    try:
        return (
            Law.objects.select_related("state")
            .prefetch_related(
                Prefetch(
                    "provisions",
                    queryset=Provision.objects.prefetch_related(
                        Prefetch(
                            "mappings",
                            queryset=ProvisionArticle.objects.select_related("article__instrument"),
                        )
                    ),
                )
            )
            .get(pk=law_id)
        )
    except Law.DoesNotExist as error:
        raise Http404(f"No law {law_id}.") from error


def mappings_for_article(article: Article, state: State | None) -> QuerySet[ProvisionArticle]:
    mappings = ProvisionArticle.objects.filter(article=article).select_related(
        "provision__law__state"
    )
    if state is not None:
        mappings = mappings.filter(provision__law__state=state)
    return mappings.order_by("provision__law__title", "provision__position")
