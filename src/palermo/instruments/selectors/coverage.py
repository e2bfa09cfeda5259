"""How far a State's laws cover the articles of the instruments it is party to."""

from collections import defaultdict
from dataclasses import dataclass, field

from palermo.instruments.models import (
    Article,
    Cluster,
    Instrument,
    ProvisionArticle,
    State,
)
from palermo.instruments.selectors.instruments import article_list, cluster_list
from palermo.instruments.selectors.states import instruments_party_on


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
