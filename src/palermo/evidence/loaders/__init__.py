"""The source layouts evidence can be imported from, by name, and the guess from a header.

One entry a line, so registries from parallel work merge cleanly. A file kept by hand in no
known layout is read by `generic.MappedLayout`, built from the column mapping the user gives;
it is not listed here because it has no fixed header.
"""

from pathlib import Path

from palermo.evidence.loaders import ctdc, glotip, htcds, mmp, ocindex
from palermo.evidence.loaders._reading import headers
from palermo.evidence.loaders.base import Layout

LAYOUTS: dict[str, Layout] = {
    ctdc.SYNTHETIC.name: ctdc.SYNTHETIC,
    ctdc.K_ANONYMISED.name: ctdc.K_ANONYMISED,
    ctdc.VICTIM_PERPETRATOR.name: ctdc.VICTIM_PERPETRATOR,
    glotip.GLOTIP.name: glotip.GLOTIP,
    ocindex.OCINDEX.name: ocindex.OCINDEX,
    mmp.MMP.name: mmp.MMP,
    htcds.TEMPLATE.name: htcds.TEMPLATE,
    htcds.KOBO.name: htcds.KOBO,
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
