"""The Organized Crime Index profile: a country's headline scores beside its neighbours and region.

The four headline scores (criminality, resilience, criminal markets, criminal actors) of each
edition, for the country, each land neighbour (`fixtures/reference/neighbours.yaml`) and the
mean of the country's UN M49 sub-region (`fixtures/reference/m49.yaml`; every member the
edition scores, the country included). `profile_rows` is the rule, on plain rows; `oc_profile`
runs the index's statistic through `analysis` (the records rule and its audit) and applies it.
"""

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from django.utils.translation import gettext as _

from palermo.evidence import analysis
from palermo.evidence import statistics as stats
from palermo.evidence.models import DatasetVersion
from palermo.evidence.privacy.hierarchies import m49_regions
from palermo.evidence.schema import Kind
from palermo.evidence.statistics import charts
from palermo.evidence.statistics.labels import value_label

HEADLINE = ("criminality", "resilience", "criminal_markets", "criminal_actors")
REGION = "region"


@functools.cache
def neighbour_map() -> dict[str, tuple[str, ...]]:
    """ISO alpha-3 -> its neighbours, sorted; each pair in the file counts both ways."""
    path = resources.files("palermo") / "fixtures" / "reference" / "neighbours.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, set[str]] = defaultdict(set)
    for country, others in (data.get("neighbours") or {}).items():
        for other in others:
            found[country].add(other)
            found[other].add(country)
    return {country: tuple(sorted(others)) for country, others in found.items()}


def neighbours(country: str) -> tuple[str, ...]:
    return neighbour_map().get(country.upper(), ())


def subregion(country: str) -> str:
    """The country's UN M49 sub-region ("Southern Asia"); "" when it has none."""
    return m49_regions().get(country.upper(), ("", ""))[0]


def subregion_members(country: str) -> tuple[str, ...]:
    name = subregion(country)
    if not name:
        return ()
    return tuple(sorted(code for code, (sub, _r) in m49_regions().items() if sub == name))


def profile_rows(
    rows: Iterable[dict[str, Any]],
    country: str,
    neighbours: Sequence[str],
    members: Sequence[str],
) -> list[dict[str, Any]]:
    """Headline scores per indicator and edition: the country, its neighbours, the region mean.

    `rows` carry `indicator`, `edition`, `country` and `score`. Each result row is
    `{indicator, edition, series, role, score}` with `series` a country code or `region`, and
    `role` one of `country`, `neighbour`, `region`; scores are kept to two decimals (the index
    publishes no more; stored as float32 they carry noise), the region's is the mean of its
    members' scores that edition (rounded to two decimals), absent when none is scored.
    Ordered by headline indicator, edition, then country, neighbours as given, region.
    """
    order = {code: rank for rank, code in enumerate([country, *neighbours])}
    members_set = set(members)
    scores: dict[tuple[str, int], dict[str, float]] = defaultdict(dict)
    for row in rows:
        if row["indicator"] in HEADLINE and row["score"] is not None:
            scores[(row["indicator"], int(row["edition"]))][row["country"]] = round(
                float(row["score"]), 2
            )
    result = []
    keys = sorted(scores, key=lambda key: (HEADLINE.index(key[0]), key[1]))
    for indicator, edition in keys:
        found = scores[(indicator, edition)]
        for code in sorted((c for c in found if c in order), key=order.__getitem__):
            role = "country" if code == country else "neighbour"
            result.append(
                {
                    "indicator": indicator,
                    "edition": edition,
                    "series": code,
                    "role": role,
                    "score": found[code],
                }
            )
        regional = [score for code, score in found.items() if code in members_set]
        if regional:
            result.append(
                {
                    "indicator": indicator,
                    "edition": edition,
                    "series": REGION,
                    "role": REGION,
                    "score": round(sum(regional) / len(regional), 2),
                }
            )
    return result


@dataclass(frozen=True)
class Profile:
    country: str
    neighbours: tuple[str, ...]
    subregion: str
    members: tuple[str, ...]
    rows: list[dict[str, Any]]

    @property
    def editions(self) -> list[int]:
        return sorted({row["edition"] for row in self.rows})

    def series_label(self, series: str) -> str:
        if series == REGION:
            return _("%(region)s (average)") % {"region": self.subregion}
        return value_label(stats.DIMENSIONS[Kind.INDEX_SCORES]["country"], series)

    @property
    def series(self) -> list[str]:
        return list(dict.fromkeys(row["series"] for row in self.rows))

    def labelled(self) -> list[dict[str, Any]]:
        indicator = stats.DIMENSIONS[Kind.INDEX_SCORES]["indicator"]
        return [
            {
                **row,
                "series_label": self.series_label(row["series"]),
                "indicator_label": value_label(indicator, row["indicator"], kind=Kind.INDEX_SCORES),
            }
            for row in self.rows
        ]

    def table(self) -> tuple[list[str], list[list[Any]]]:
        """One row per indicator and edition, one column per series: headers and rows."""
        series = self.series
        headers = [_("Indicator"), _("Edition"), *(self.series_label(s) for s in series)]
        grouped: dict[tuple[str, int], dict[str, float]] = defaultdict(dict)
        labels: dict[str, str] = {}
        for row in self.labelled():
            grouped[(row["indicator"], row["edition"])][row["series"]] = row["score"]
            labels[row["indicator"]] = row["indicator_label"]
        body = [
            [labels[indicator], edition, *(values.get(s) for s in series)]
            for (indicator, edition), values in grouped.items()
        ]
        return headers, body


def oc_profile(user: Any, version: DatasetVersion, country: str, *, where: str) -> Profile:
    """The profile from one version of an index dataset, for those who read its records."""
    country = country.upper()
    near = neighbours(country)
    members = subregion_members(country)
    statistic = stats.index_profile(country, [*near, *members])
    filters = stats.Filters(values={"indicator": HEADLINE})
    result = analysis.statistic_table(user, version, statistic, filters, where=where)
    return Profile(
        country=country,
        neighbours=near,
        subregion=subregion(country),
        members=members,
        rows=profile_rows(result.rows, country, near, members),
    )


def profile_chart(profile: Profile, *, width: int | str = "container") -> dict[str, Any]:
    """Vega-Lite: one panel per headline score, a line per series, the region dashed."""
    rows = profile.labelled()
    series = list(dict.fromkeys(row["series_label"] for row in rows))
    layer = {
        "mark": {"type": "line", "point": True, "tooltip": True},
        "encoding": {
            "x": {
                "field": "edition",
                "type": "ordinal",
                "title": _("Edition"),
                "axis": {"labelAngle": 0},
            },
            "y": {
                "field": "score",
                "type": "quantitative",
                "title": _("Score (1–10)"),
                "scale": {"domain": [1, 10]},
            },
            "color": {
                "field": "series_label",
                "type": "nominal",
                "title": _("Country"),
                "scale": {"domain": series},
            },
            "strokeDash": {
                "condition": {"test": "datum.role === 'region'", "value": [4, 3]},
                "value": [1, 0],
            },
            "strokeWidth": {
                "condition": {"test": "datum.role === 'country'", "value": charts.SUBJECT_WIDTH},
                "value": charts.PEER_WIDTH,
            },
        },
    }
    title = _("Organized Crime Index: %(country)s beside its neighbours and region") % {
        "country": profile.series_label(profile.country)
    }
    return {
        "$schema": charts.SCHEMA,
        "title": {
            "text": title,
            "subtitle": _("Headline scores from 1 to 10 in each edition; the region is dashed."),
            "anchor": "start",
        },
        "description": _("%(title)s. The table below the chart gives the figures.")
        % {"title": title},
        "config": {"font": "system-ui, sans-serif", "view": {"stroke": None}},
        "data": {"values": rows},
        "facet": {
            "field": "indicator_label",
            "type": "nominal",
            "title": None,
            "sort": [
                value_label(
                    stats.DIMENSIONS[Kind.INDEX_SCORES]["indicator"], name, kind=Kind.INDEX_SCORES
                )
                for name in HEADLINE
            ],
        },
        "columns": 2,
        "spec": {"width": 260 if width == "container" else width, "height": 180, **layer},
    }
