"""The Global Organized Crime Index (GI-TOC), editions 2021, 2023 and 2025, onto INDEX_SCORES.

The workbook has one row per country and one column per indicator; we answer one row per
country, edition and indicator. Editions spell headers differently (`Criminality avg,` with a
trailing comma, indicators renamed or added) and countries differently (`Turkey` in 2021,
`Türkiye` later): headers go through INDICATORS, names through the country resolver, and a
name it cannot place is a row error, never a guess.
"""

import re
from pathlib import Path

import pyarrow as pa

from palermo.evidence.loaders import _cells
from palermo.evidence.loaders._cells import BadCellError, Errors
from palermo.evidence.loaders.base import Loaded, conform
from palermo.evidence.schema import Kind

CRIMINALITY = "criminality"
RESILIENCE = "resilience"

# Canonical indicator -> (pillar, spellings across editions besides its own snake_case).
INDICATORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "criminality": (CRIMINALITY, ("criminality_avg", "criminality_score")),
    "criminal_markets": (CRIMINALITY, ("criminal_markets_avg",)),
    "human_trafficking": (CRIMINALITY, ()),
    "human_smuggling": (CRIMINALITY, ()),
    "extortion_and_protection_racketeering": (CRIMINALITY, ("extortion_protection_racketeering",)),
    "arms_trafficking": (CRIMINALITY, ()),
    "trade_in_counterfeit_goods": (CRIMINALITY, ("counterfeit_goods",)),
    "illicit_trade_in_excisable_goods": (CRIMINALITY, ("excisable_goods",)),
    "flora_crimes": (CRIMINALITY, ()),
    "fauna_crimes": (CRIMINALITY, ()),
    "non_renewable_resource_crimes": (CRIMINALITY, ("nonrenewable_resource_crimes",)),
    "heroin_trade": (CRIMINALITY, ()),
    "cocaine_trade": (CRIMINALITY, ()),
    "cannabis_trade": (CRIMINALITY, ()),
    "synthetic_drug_trade": (CRIMINALITY, ("synthetic_drugs_trade",)),
    "cyber_dependent_crimes": (CRIMINALITY, ("cyber_crimes",)),
    "financial_crimes": (CRIMINALITY, ()),
    "criminal_actors": (CRIMINALITY, ("criminal_actors_avg",)),
    "mafia_style_groups": (CRIMINALITY, ("mafia_groups",)),
    "criminal_networks": (CRIMINALITY, ()),
    "state_embedded_actors": (CRIMINALITY, ()),
    "foreign_actors": (CRIMINALITY, ("foreign_criminal_actors",)),
    "private_sector_actors": (CRIMINALITY, ()),
    "resilience": (RESILIENCE, ("resilience_avg", "resilience_score")),
    "political_leadership_and_governance": (RESILIENCE, ()),
    "government_transparency_and_accountability": (RESILIENCE, ()),
    "international_cooperation": (RESILIENCE, ()),
    "national_policies_and_laws": (RESILIENCE, ()),
    "judicial_system_and_detention": (RESILIENCE, ()),
    "law_enforcement": (RESILIENCE, ()),
    "territorial_integrity": (RESILIENCE, ()),
    "anti_money_laundering": (RESILIENCE, ()),
    "economic_regulatory_capacity": (RESILIENCE, ()),
    "victim_and_witness_support": (RESILIENCE, ("victim_witness_support",)),
    "prevention": (RESILIENCE, ()),
    "non_state_actors": (RESILIENCE, ()),
}
# Pillar and group averages: any value 1-10, not only half points.
AVERAGES = frozenset({"criminality", "criminal_markets", "criminal_actors", "resilience"})
COUNTRY_HEADERS = frozenset({"country", "country_name", "countries"})
EDITION_HEADERS = frozenset({"edition", "year", "index_year"})
IGNORED_HEADERS = frozenset(
    {"continent", "region", "iso", "iso3", "iso_code", "rank", "criminality_rank"}
)
EDITIONS = range(2019, 2031)

_SPELLINGS = {
    spelling: canonical
    for canonical, (_pillar, others) in INDICATORS.items()
    for spelling in (canonical, *others)
}

MESSAGE_EDITION = (
    "The edition is not in the file (no Edition column, no year in the file name): "
    "give it when importing."
)
MESSAGE_NO_COUNTRY = "The file has no Country column."


def indicator(header_cell: str) -> str | None:
    """The canonical indicator a header names, in any edition's spelling."""
    return _SPELLINGS.get(_cells.snake(header_cell.rstrip(", ")))


def score(value: str, name: str) -> float | None:
    found = _cells.number(value)
    if found is None:
        return None
    if not 1 <= found <= 10:
        raise BadCellError(f'"{value}" is outside the scale of 1 to 10.')
    if name not in AVERAGES and (found * 2) != int(found * 2):
        raise BadCellError(f'"{value}" is not in half points (such as 6.5).')
    return found


class OCIndexLayout:
    name = "ocindex"
    label = "Global Organized Crime Index (GI-TOC), 2021/2023/2025 editions"
    kind = Kind.INDEX_SCORES

    def sniff(self, header: list[str]) -> bool:
        names = {indicator(cell) for cell in header}
        snakes = {_cells.snake(cell) for cell in header}
        return bool(snakes & COUNTRY_HEADERS) and {"human_trafficking", "resilience"} <= names

    def load(self, path: Path, edition: int | None = None) -> Loaded:
        errors = Errors()
        notes: list[str] = []
        lines = _cells.rows(path)
        header = next(lines, [])
        snakes = [_cells.snake(cell) for cell in header]
        country_at = next((i for i, s in enumerate(snakes) if s in COUNTRY_HEADERS), None)
        edition_at = next((i for i, s in enumerate(snakes) if s in EDITION_HEADERS), None)
        if edition is None and edition_at is None:
            edition = _edition_from_name(path)
            if edition is not None:
                notes.append(f"Edition {edition} taken from the file name.")
        if country_at is None or (edition is None and edition_at is None):
            message = MESSAGE_NO_COUNTRY if country_at is None else MESSAGE_EDITION
            errors.add(1, "", message)
            return _loaded({}, errors, notes)
        scored: list[tuple[int, str, str]] = []
        for at, cell in enumerate(header):
            found = indicator(cell)
            if found is not None:
                scored.append((at, cell, found))
            elif cell and at not in (country_at, edition_at) and snakes[at] not in IGNORED_HEADERS:
                notes.append(f'Column "{cell}" is not an Index indicator; it was left out.')
        columns: dict[str, list[object]] = {
            "country": [],
            "country_name": [],
            "edition": [],
            "pillar": [],
            "indicator": [],
            "score": [],
        }
        seen: dict[tuple[str, int], int] = {}
        for number, values in enumerate(lines, start=2):
            if not any(values):
                continue
            values = values + [""] * (len(header) - len(values))
            name = values[country_at]
            try:
                code = _cells.country(name)
                if code is None:
                    raise BadCellError("The country is blank.")
            except BadCellError as refused:
                errors.add(number, header[country_at], str(refused))
                continue
            row_edition = edition
            if edition_at is not None and edition is None:
                text = values[edition_at]
                if not text.isdigit() or int(text) not in EDITIONS:
                    errors.add(number, header[edition_at], f'"{text}" is not an Index edition.')
                    continue
                row_edition = int(text)
            assert row_edition is not None  # noqa: S101 - set above or refused
            if (code, row_edition) in seen:
                first = seen[code, row_edition]
                message = f"{name} appears twice in edition {row_edition} (row {first})."
                errors.add(number, header[country_at], message)
                continue
            seen[code, row_edition] = number
            for at, cell, found in scored:
                try:
                    value = score(values[at], found)
                except BadCellError as refused:
                    errors.add(number, cell, str(refused))
                    continue
                columns["country"].append(code)
                columns["country_name"].append(name)
                columns["edition"].append(row_edition)
                columns["pillar"].append(INDICATORS[found][0])
                columns["indicator"].append(found)
                columns["score"].append(value)
        return _loaded(columns, errors, notes)


def _edition_from_name(path: Path) -> int | None:
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", path.stem)]
    found = [y for y in years if y in EDITIONS]
    return found[-1] if found else None


def _loaded(columns: dict[str, list[object]], errors: Errors, notes: list[str]) -> Loaded:
    table = pa.table(columns) if columns.get("country") else pa.table({})
    return Loaded(
        table=conform(table, Kind.INDEX_SCORES),
        errors=errors.items,
        error_count=errors.count,
        notes=notes,
    )


OCINDEX = OCIndexLayout()
