"""The source layouts evidence can be imported from, by name, and the guess from a header.

`LAYOUTS` is the registry, one entry a line so that registries from parallel work merge.
"""

from pathlib import Path

from palermo.evidence.loaders import ctdc, glotip
from palermo.evidence.loaders._reading import headers
from palermo.evidence.loaders.base import Layout

LAYOUTS: dict[str, Layout] = {
    ctdc.SYNTHETIC.name: ctdc.SYNTHETIC,
    ctdc.K_ANONYMISED.name: ctdc.K_ANONYMISED,
    ctdc.VICTIM_PERPETRATOR.name: ctdc.VICTIM_PERPETRATOR,
    glotip.GLOTIP.name: glotip.GLOTIP,
}


def read_header(path: Path) -> list[str]:
    """The first row of a CSV (any usual delimiter, BOM or not) or of an XLSX's first sheet."""
    candidates = headers(path)
    return [cell.strip() for cell in candidates[0]] if candidates else []


def detect(path: Path) -> Layout | None:
    """The layout whose header the file has, if exactly one recognises it.

    A CSV's header is its first record (a quoted cell may span lines); an XLSX's is the first
    of its first rows that some layout recognises (exports put a title above it).
    """
    for header in headers(path):
        matches = [layout for layout in LAYOUTS.values() if layout.sniff(header)]
        if matches:
            return matches[0] if len(matches) == 1 else None
    return None
