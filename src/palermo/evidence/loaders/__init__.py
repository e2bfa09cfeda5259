"""The source layouts evidence can be imported from, by name, and the guess from a header.

One entry a line, so registries from parallel work merge cleanly. A file kept by hand in no
known layout is read by `generic.MappedLayout`, built from the column mapping the user gives;
it is not listed here because it has no fixed header.
"""

from pathlib import Path

from palermo.evidence.loaders import _cells, htcds, mmp, ocindex
from palermo.evidence.loaders.base import Layout

LAYOUTS: dict[str, Layout] = {
    ocindex.OCINDEX.name: ocindex.OCINDEX,
    mmp.MMP.name: mmp.MMP,
    htcds.TEMPLATE.name: htcds.TEMPLATE,
    htcds.KOBO.name: htcds.KOBO,
}


def detect(path: Path) -> Layout | None:
    """The layout whose header the file has (CSV or XLSX), if exactly one recognises it."""
    header = _cells.header(path)
    found = [layout for layout in LAYOUTS.values() if layout.sniff(header)]
    return found[0] if len(found) == 1 else None
