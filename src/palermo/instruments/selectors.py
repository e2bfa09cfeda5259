"""Reads of the reference layer: instruments, articles, clusters, States, parties, coverage."""

import datetime
import enum
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from palermo.instruments.models import (
    Article,
    Cluster,
    ClusterComposition,
    Instrument,
    Law,
    Provision,
    ProvisionArticle,
    Ratification,
    State,
)


class PartyStatus(enum.Enum):
    PARTY = "party"
    NOT_PARTY = "not_party"
    UNKNOWN = "unknown"  # party now, but since when is not recorded


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


def state_list(
    *, search: str = "", regional_group: str = "", party_to: str = ""
) -> QuerySet[State]:
    states = State.objects.all()
    if search:
        states = states.filter(Q(name__icontains=search) | Q(iso3__iexact=search))
    if regional_group == "none":
        states = states.filter(regional_group="")
    elif regional_group:
        states = states.filter(regional_group=regional_group)
    if party_to:
        states = states.filter(
            ratifications__instrument__code=party_to, ratifications__is_party=True
        )
    return states


def state_get(iso3: str) -> State:
    try:
        return State.objects.prefetch_related(
            Prefetch("ratifications", queryset=Ratification.objects.select_related("instrument"))
        ).get(iso3=iso3.upper())
    except State.DoesNotExist as error:
        raise Http404(f"No State {iso3!r}.") from error


def party_status(
    state: State, instrument: Instrument, on: datetime.date | None = None
) -> PartyStatus:
    """Say whether the State was party to the instrument on that date (today if none).

    A ratification known only to the month or year counts from the first day of the next
    month or year: never earlier than known. A party whose date is unrecorded is a party
    today, and of unknown status on any earlier day.
    """
    ratification = Ratification.objects.filter(state=state, instrument=instrument).first()
    return _status_of(ratification, on)


def _status_of(ratification: Ratification | None, on: datetime.date | None) -> PartyStatus:
    today = timezone.localdate()
    on = on or today
    if ratification is None or not ratification.is_party:
        return PartyStatus.NOT_PARTY
    known = ratification.ratified_date
    if known is not None:
        return PartyStatus.PARTY if on >= known.surely_after else PartyStatus.NOT_PARTY
    return PartyStatus.PARTY if on >= today else PartyStatus.UNKNOWN


def was_party(state: State, instrument: Instrument, on: datetime.date | None = None) -> bool:
    """True only when the records show the State was party on that date."""
    return party_status(state, instrument, on) is PartyStatus.PARTY


def instruments_party_on(state: State, on: datetime.date | None = None) -> list[Instrument]:
    ratifications = {r.instrument_id: r for r in Ratification.objects.filter(state=state)}
    return [
        i
        for i in Instrument.objects.all()
        if _status_of(ratifications.get(i.pk), on) is PartyStatus.PARTY
    ]


def coverage_gap_count(state: State) -> int:
    """The coverage matrix's gaps within clusters, counted in the database.

    Each article of a cluster, of an instrument the State is party to, that no provision of its
    law is mapped to. An article in two clusters counts twice, as it shows twice in the matrix.
    """
    parties = instruments_party_on(state)
    mapped = ProvisionArticle.objects.filter(provision__law__state=state).values("article_id")
    return (
        Cluster.articles.through.objects.filter(article__instrument__in=parties)
        .exclude(article_id__in=mapped)
        .count()
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


@dataclass
class CoverageRow:
    article: Article
    party: bool
    provisions: list[ProvisionArticle] = field(default_factory=list)

    @property
    def is_gap(self) -> bool:
        return self.party and not self.provisions


@dataclass
class CoverageGroup:
    """The rows of one instrument within one cluster (cluster None: articles of no cluster)."""

    cluster: Cluster | None
    instrument: Instrument
    party: bool
    rows: list[CoverageRow]

    @property
    def covered(self) -> int:
        return sum(1 for row in self.rows if row.provisions)

    @property
    def gaps(self) -> int:
        return sum(1 for row in self.rows if row.is_gap)


@dataclass
class CoverageMatrix:
    state: State
    groups: list[CoverageGroup]

    def cluster_totals(self) -> list[tuple[Cluster | None, int, int, int]]:
        """Per cluster: articles, articles with a mapped provision, gaps."""
        totals: dict[int | None, list[int]] = defaultdict(lambda: [0, 0, 0])
        clusters: dict[int | None, Cluster | None] = {}
        for group in self.groups:
            key = group.cluster.pk if group.cluster else None
            clusters[key] = group.cluster
            totals[key][0] += len(group.rows)
            totals[key][1] += group.covered
            totals[key][2] += group.gaps
        return [(clusters[key], *totals[key]) for key in clusters]  # type: ignore[misc]


def coverage_matrix(state: State, *, cluster: Cluster | None = None) -> CoverageMatrix:
    """Articles grouped by cluster and instrument, each with the State's mapped provisions."""
    parties = {i.pk for i in instruments_party_on(state)}
    mappings: dict[int, list[ProvisionArticle]] = defaultdict(list)
    for mapping in ProvisionArticle.objects.filter(provision__law__state=state).select_related(
        "provision__law"
    ):
        mappings[mapping.article_id].append(mapping)
    instruments = list(Instrument.objects.all())
    clusters = [cluster] if cluster else list(cluster_list())
    groups: list[CoverageGroup] = []
    in_a_cluster: set[int] = set()
    for each in clusters:
        articles = sorted(each.articles.all(), key=lambda a: (a.instrument.position, a.number))
        for instrument in instruments:
            chosen = [a for a in articles if a.instrument_id == instrument.pk]
            if not chosen:
                continue
            in_a_cluster.update(a.pk for a in chosen)
            party = instrument.pk in parties
            rows = [CoverageRow(a, party, mappings.get(a.pk, [])) for a in chosen]
            groups.append(CoverageGroup(each, instrument, party, rows))
    if cluster is None:
        for instrument in instruments:
            rest = [a for a in article_list(instrument=instrument) if a.pk not in in_a_cluster]
            if rest:
                party = instrument.pk in parties
                rows = [CoverageRow(a, party, mappings.get(a.pk, [])) for a in rest]
                groups.append(CoverageGroup(None, instrument, party, rows))
    return CoverageMatrix(state, groups)
