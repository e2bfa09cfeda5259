"""The source layouts evidence can be imported from, by name, and the guess from a header.

A file kept by hand in no known layout is read by `generic.MappedLayout`, built from the
column mapping the user gives; it is not listed here because it has no fixed header.
"""

from pathlib import Path

from palermo.evidence.loaders import _cells
from palermo.evidence.loaders.base import Layout
from palermo.evidence.loaders.htcds import KOBO, TEMPLATE
from palermo.evidence.loaders.mmp import MissingMigrantsLayout
from palermo.evidence.loaders.ocindex import OCIndexLayout

LAYOUTS: dict[str, Layout] = {
    layout.name: layout for layout in (OCIndexLayout(), MissingMigrantsLayout(), TEMPLATE, KOBO)
}


def detect(path: Path) -> Layout | None:
    """The layout whose header the file has (CSV or XLSX), if exactly one recognises it."""
    header = _cells.header(path)
    found = [layout for layout in LAYOUTS.values() if layout.sniff(header)]
    return found[0] if len(found) == 1 else None
