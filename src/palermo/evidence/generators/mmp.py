"""Invented Missing Migrants Project exports, in the older or the newer column set.

Incidents are invented, weighted towards the routes through and from South-West Asia
(Pakistan, Iran, Türkiye, the Eastern Mediterranean) with the Mediterranean's larger counts;
dead and missing follow a heavy tail, the breakdown by sex and age is mostly blank as in the
real export. Dates read `December 30, 2019`, coordinates `"lat, lon"`, and the file starts
with a UTF-8 BOM.
"""

import datetime as dt
import random
from pathlib import Path
from typing import Literal

from palermo.evidence.generators._files import BadRow, spoil, write_table

OLD = [
    "Web ID",
    "Region of Incident",
    "Reported Date",
    "Reported Year",
    "Reported Month",
    "Number Dead",
    "Minimum Estimated Number of Missing",
    "Total Dead and Missing",
    "Number of Survivors",
    "Number of Females",
    "Number of Males",
    "Number of Children",
    "Cause of Death",
    "Location Description",
    "Information Source",
    "Location Coordinates",
    "Migration Route",
    "URL",
    "UNSD Geographical Grouping",
    "Source Quality",
]
NEW = [
    "Main ID",
    "Incident ID",
    "Incident Type",
    "Region of Incident",
    "Incident Date",
    "Incident Year",
    "Reported Month",
    "Number of Dead",
    "Minimum Estimated Number of Missing",
    "Total Number of Dead and Missing",
    "Number of Survivors",
    "Number of Females",
    "Number of Males",
    "Number of Children",
    "Country of Origin",
    "Region of Origin",
    "Cause of Death",
    "Country of Incident",
    "Migration Route",
    "Location of Incident",
    "Coordinates",
    "UNSD Geographical Grouping",
    "Information Source",
    "URL",
    "Source Quality",
]
# Region, route, place, latitude, longitude, country of incident, weight, scale of counts.
PLACES = [
    ("Middle East", "", "Near Mirjaveh, Iran-Pakistan border", 29.02, 61.45, "Iran", 3, 2),
    ("Southern Asia", "", "Balochistan desert near Taftan", 28.96, 61.59, "Pakistan", 3, 2),
    ("Europe", "Eastern Mediterranean", "Van province, Türkiye", 38.50, 43.38, "Türkiye", 2, 3),
    ("Mediterranean", "Eastern Mediterranean", "Off Lesbos, Greece", 39.10, 26.55, "Greece", 2, 6),
    ("Mediterranean", "Central Mediterranean", "Off Pylos, Greece", 36.90, 21.10, "Greece", 1, 40),
    ("Mediterranean", "Central Mediterranean", "Off Zuwara, Libya", 32.93, 12.08, "Libya", 2, 20),
    ("Europe", "Western Balkans", "Una river, Bosnia", 44.81, 15.87, "Bosnia", 1, 2),
]
CAUSES = [
    ("Drowning", 0.45),
    ("Harsh environmental conditions / lack of adequate shelter, food, water", 0.2),
    ("Vehicle accident / death linked to hazardous transport", 0.15),
    ("Violence", 0.1),
    ("Mixed or unknown", 0.1),
]
ORIGINS = [("Pakistan", 0.4), ("Afghanistan", 0.35), ("Bangladesh", 0.1), ("Unknown", 0.15)]
Columns = Literal["old", "new"]


def _when(rng: random.Random, columns: Columns) -> dt.date:
    first = dt.date(2014, 1, 1)
    span = (dt.date(2019, 12, 31) if columns == "old" else dt.date(2025, 6, 30)) - first
    return first + dt.timedelta(days=rng.randrange(span.days + 1))


def write(path: Path, rows: int, seed: int, dirt: bool = True, *, columns: Columns = "new") -> Path:
    """Write `rows` invented incidents (CSV with a BOM, or XLSX by the suffix)."""
    rng = random.Random(seed)  # noqa: S311 - invented data, no secret
    body = []
    for number in range(1, rows + 1):
        region, route, place, lat, lon, country, _weight, scale = rng.choices(
            PLACES, [p[6] for p in PLACES]
        )[0]
        when = _when(rng, columns)
        dead = int(rng.paretovariate(1.6) * scale / 2)
        missing = int(rng.paretovariate(1.4) * scale) if rng.random() < 0.3 else 0
        survivors = rng.randrange(scale * 5) if route.endswith("Mediterranean") else None
        breakdown = rng.random() < 0.3 and dead > 0
        females = rng.randint(0, dead) if breakdown else None
        males = dead - females if breakdown and females is not None else None
        children = rng.randint(0, dead // 2) if breakdown else None
        coordinates = f"{lat + rng.uniform(-0.3, 0.3):.5f}, {lon + rng.uniform(-0.3, 0.3):.5f}"
        spelled = when.strftime("%B %d, %Y").replace(" 0", " ")
        cause = rng.choices([c for c, _ in CAUSES], [w for _, w in CAUSES])[0]
        blank_dead = dirt and rng.random() < 0.05 and missing > 0

        def cell(value: int | None) -> object:
            return "" if value is None or (dirt and value == 0 and rng.random() < 0.5) else value

        counts = [
            "" if blank_dead else dead,
            cell(missing),
            dead + missing,
            cell(survivors),
            cell(females),
            cell(males),
            cell(children),
        ]
        source = "Local media" + (" " if dirt and rng.random() < 0.2 else "")
        if columns == "old":
            row: list[object] = [number, region, spelled, when.year, when.strftime("%b")]
            row += [*counts, cause, place, source, coordinates, route]
            row += ["https://example.org/news", "Southern Asia", rng.randint(1, 5)]
        else:
            origin = rng.choices([o for o, _ in ORIGINS], [w for _, w in ORIGINS])[0]
            kind = "Incident" if rng.random() < 0.9 else "Split Incident"
            row = [number, 2000 + number, kind, region, spelled, when.year, when.strftime("%b")]
            row += [*counts, origin, "Southern Asia", cause, country, route, place, coordinates]
            row += ["Southern Asia", source, "https://example.org/news", rng.randint(1, 5)]
        body.append(row)
    header = OLD if columns == "old" else NEW
    return write_table(path, [header, *body])


def write_with_bad_row(path: Path, rows: int, seed: int) -> BadRow:
    """A loadable file but for one pair of coordinates off the globe, in the middle row."""
    write(path, rows, seed)
    return spoil(path, row=2 + rows // 2, column="Coordinates", value="91.5, 61.2")
