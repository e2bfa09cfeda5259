"""Generalisation hierarchies: how a quasi-identifier's values merge, level by level.

Level 0 is the value as recorded (as text); each level above merges values of the one below
(a hierarchy is a tree: two values merged at one level stay merged above it); the last level is
`*`, which merges everything. A null (unknown) value stays null below the top.

- Age bands merge at cut points: with cuts (0, 18) the bands `0-8` and `9-17` become `0-17` and
  every band from 18 up becomes `18+`. A band goes where its lower bound falls.
- Countries (ISO alpha-3) go to their UN M49 sub-region, then region, then `*`, as in
  `fixtures/reference/m49.yaml`; a code the table does not know stays as it is up to `*`.
- Years go to periods of N years counted from an origin (2000 -> `2000-2004` for N = 5); each
  width must divide the next so that periods nest.
"""

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources

import yaml

ALL = "*"

Generalise = Callable[[str], str]


@dataclass(frozen=True)
class Hierarchy:
    """One attribute's levels: `names[i]` names level i; `steps[i - 1]` maps a level-0 value."""

    names: tuple[str, ...]
    steps: tuple[Generalise, ...]  # one per level between 0 and the top

    @property
    def height(self) -> int:
        return len(self.names) - 1

    def generalise(self, value: str | None, level: int) -> str | None:
        if level >= self.height:
            return ALL
        if value is None or level == 0:
            return value
        return self.steps[level - 1](value)


def categorical(name: str = "value") -> Hierarchy:
    """Kept as recorded, or suppressed altogether (sex, say)."""
    return Hierarchy(names=(name, ALL), steps=())


_BAND = re.compile(r"^\s*(\d+)\s*(?:-+\s*\d+|\+)?\s*$")


def _band_label(cuts: Sequence[int], lower: int) -> str:
    start = max(cut for cut in cuts if cut <= lower)
    following = [cut for cut in cuts if cut > start]
    return f"{start}-{following[0] - 1}" if following else f"{start}+"


def age_bands(levels: Sequence[Sequence[int]] = ((0, 18, 30, 48), (0, 18))) -> Hierarchy:
    """Age bands (`0-8`, `9-17`, `48+`) merged at each level's cut points, finest first."""

    def step(cuts: Sequence[int]) -> Generalise:
        def merge(value: str) -> str:
            match = _BAND.match(value)
            if match is None or int(match.group(1)) < min(cuts):
                return value
            return _band_label(cuts, int(match.group(1)))

        return merge

    names = ("band", *("bands " + "/".join(map(str, cuts)) for cuts in levels), ALL)
    return Hierarchy(names=names, steps=tuple(step(sorted(cuts)) for cuts in levels))


def years(widths: Sequence[int] = (3, 6, 12), origin: int = 2000) -> Hierarchy:
    """Years grouped into periods of each width in turn, counted from `origin`."""
    for narrow, wide in zip(widths, widths[1:], strict=False):
        if wide % narrow:
            raise ValueError("Each period width must divide the next one.")

    def step(width: int) -> Generalise:
        def period(value: str) -> str:
            if not value.lstrip("-").isdigit():
                return value
            start = origin + (int(value) - origin) // width * width
            return f"{start}-{start + width - 1}"

        return period

    names = ("year", *(f"{width} years" for width in widths), ALL)
    return Hierarchy(names=names, steps=tuple(step(width) for width in widths))


@functools.cache
def m49_regions() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 -> (M49 sub-region, region), from the reference file."""
    path = resources.files("palermo") / "fixtures" / "reference" / "m49.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        code: (entry["subregion"], entry["region"])
        for code, entry in data["countries"].items()
        if "region" in entry
    }


def countries() -> Hierarchy:
    """ISO alpha-3 codes, then UN M49 sub-region, then region, then `*`."""
    regions = m49_regions()

    def subregion(value: str) -> str:
        return regions[value][0] if value in regions else value

    def region(value: str) -> str:
        return regions[value][1] if value in regions else value

    return Hierarchy(names=("country", "sub-region", "region", ALL), steps=(subregion, region))


def victims() -> dict[str, Hierarchy]:
    """The default hierarchies of the VICTIMS quasi-identifiers."""
    return {
        "year": years(),
        "sex": categorical("sex"),
        "age_band": age_bands(),
        "citizenship": countries(),
        "country_of_exploitation": countries(),
    }
