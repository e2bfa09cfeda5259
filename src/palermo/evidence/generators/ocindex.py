"""Invented Global Organized Crime Index tables, one row per country, in each edition's spelling.

Scores are invented: each country gets a level of criminality and of resilience, and each
indicator scatters around it in half points from 1 to 10; averages are the indicators' means.
Headers follow each edition: 2021 writes the averages as `Criminality avg,` (the trailing comma
of real copies) and has no extortion, counterfeit, excise, cyber or financial markets nor
private-sector actors; 2023 adds them; 2025 is written with variant spellings (`Criminality
score`, `Foreign criminal actors`, `Victim & witness support`) that the loader's aliases must
absorb. Country names differ too (`Turkey` in 2021, `Türkiye` after). An `Edition` column
(which the published workbook lacks, and an analyst stacking editions adds) makes the file
loadable without being told its edition; `edition_column=False` leaves it out.
"""

import csv
import random
from pathlib import Path

import pycountry

from palermo.evidence.generators._files import BadRow, spoil, write_table

FIRST = ["PAK", "AFG", "IND", "IRN", "CHN", "BGD", "TUR", "NPL", "LKA", "ARE", "SAU", "OMN"]
NAMES = {
    2021: {"TUR": "Turkey", "CZE": "Czech Republic", "COD": "DR Congo", "CIV": "Côte d'Ivoire"},
    2023: {"TUR": "Türkiye", "CZE": "Czechia", "COD": "Congo, Dem. Rep.", "CIV": "Côte d’Ivoire"},
    2025: {"TUR": "Türkiye", "CZE": "Czechia", "COD": "DR Congo", "CIV": "Cote d'Ivoire"},
}
MARKETS_2021 = [
    "Human trafficking",
    "Human smuggling",
    "Arms trafficking",
    "Flora crimes",
    "Fauna crimes",
    "Non-renewable resource crimes",
    "Heroin trade",
    "Cocaine trade",
    "Cannabis trade",
    "Synthetic drug trade",
]
MARKETS_NEW = [
    "Extortion and protection racketeering",
    "Trade in counterfeit goods",
    "Illicit trade in excisable goods",
    "Cyber-dependent crimes",
    "Financial crimes",
]
ACTORS_2021 = ["Mafia-style groups", "Criminal networks", "State-embedded actors", "Foreign actors"]
RESILIENCE = [
    "Political leadership and governance",
    "Government transparency and accountability",
    "International cooperation",
    "National policies and laws",
    "Judicial system and detention",
    "Law enforcement",
    "Territorial integrity",
    "Anti-money laundering",
    "Economic regulatory capacity",
    "Victim and witness support",
    "Prevention",
    "Non-state actors",
]
RENAMED_2025 = {
    "Foreign actors": "Foreign criminal actors",
    "Victim and witness support": "Victim & witness support",
    "Synthetic drug trade": "Synthetic drugs trade",
}
EDITIONS = (2021, 2023, 2025)


def headings(edition: int) -> tuple[str, str, list[str], str, list[str], str]:
    """Criminality, markets heading, markets, actors heading, actors, resilience: as spelled."""
    markets = MARKETS_2021 if edition == 2021 else MARKETS_2021[:2] + MARKETS_NEW + MARKETS_2021[2:]
    actors = ACTORS_2021 if edition == 2021 else [*ACTORS_2021, "Private sector actors"]
    if edition == 2021:
        return ("Criminality avg,", "Criminal markets avg,", markets, "Criminal actors avg,",
                actors, "Resilience avg,")  # fmt: skip
    if edition == 2023:
        return "Criminality", "Criminal markets", markets, "Criminal actors", actors, "Resilience"
    markets = [RENAMED_2025.get(m, m) for m in markets]
    actors = [RENAMED_2025.get(a, a) for a in actors]
    return ("Criminality score", "Criminal markets", markets, "Criminal actors", actors,
            "Resilience score")  # fmt: skip


def countries(edition: int) -> list[tuple[str, str]]:
    """(ISO alpha-3, name as the edition spells it), the region's countries first."""
    every = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    rest = [c.alpha_3 for c in every if c.alpha_3 not in FIRST]
    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in every}
    return [(code, NAMES[edition].get(code, names[code])) for code in [*FIRST, *rest]]


def _half(rng: random.Random, level: float) -> float:
    return min(10.0, max(1.0, round((level + rng.gauss(0, 1.4)) * 2) / 2))


def write(
    path: Path, rows: int, seed: int, dirt: bool = True, *, edition: int = 2023,
    edition_column: bool = True,
) -> Path:  # fmt: skip
    """Write `rows` countries of one edition (CSV with a BOM, or XLSX by the suffix)."""
    rng = random.Random(seed)  # noqa: S311 - invented data, no secret
    criminality, markets_h, markets, actors_h, actors, resilience = headings(edition)
    header = ["Country", criminality, markets_h, *markets, actors_h]
    header += [*actors, resilience, *resilience_spelled(edition)]
    if edition_column:
        header.insert(1, "Edition")
    body: list[list[object]] = []
    for _code, name in countries(edition)[:rows]:
        crime, strength = rng.uniform(2.5, 7.5), rng.uniform(2.5, 7.5)
        market_scores = [_half(rng, crime) for _ in markets]
        actor_scores = [_half(rng, crime) for _ in actors]
        resilience_scores = [_half(rng, strength) for _ in RESILIENCE]
        markets_avg = round(sum(market_scores) / len(market_scores), 2)
        actors_avg = round(sum(actor_scores) / len(actor_scores), 2)
        cells: list[object] = [
            name + (" " if dirt and rng.random() < 0.1 else ""),
            round((markets_avg + actors_avg) / 2, 2),
            markets_avg,
            *market_scores,
            actors_avg,
            *actor_scores,
            round(sum(resilience_scores) / len(resilience_scores), 2),
            *resilience_scores,
        ]
        if dirt and rng.random() < 0.05:
            cells[3 + rng.randrange(len(markets))] = ""
        if edition_column:
            cells.insert(1, edition)
        body.append(cells)
    return write_table(path, [header, *body], bom=dirt)


def resilience_spelled(edition: int) -> list[str]:
    return [RENAMED_2025.get(r, r) for r in RESILIENCE] if edition == 2025 else list(RESILIENCE)


def write_with_bad_row(path: Path, rows: int, seed: int) -> BadRow:
    """A loadable file but for one score off the scale, in the middle row."""
    write(path, rows, seed)
    return spoil(path, row=2 + rows // 2, column="Human trafficking", value="10.5")


def write_editions(path: Path, rows: int, seed: int, editions: tuple[int, ...] = EDITIONS) -> Path:
    """Several editions stacked in one file, as an analyst keeps the series.

    2023's headers with an Edition column; each edition's scores drawn with its own seed.
    """
    stacked: list[list[str]] = []
    for number, edition in enumerate(editions):
        one = write(path, rows, seed + number, dirt=False, edition=2023)
        with one.open(encoding="utf-8", newline="") as handle:
            header, *body = list(csv.reader(handle))
        stacked = stacked or [header]
        stacked += [[cell if index != 1 else str(edition) for index, cell in enumerate(row)]
                    for row in body]  # fmt: skip
    return write_table(path, stacked, bom=False)
