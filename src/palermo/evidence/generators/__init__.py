"""Seeded generators of files in each source layout, keyed by the layout's name.

`write(path, rows, seed, dirt=True)` writes a loadable file with invented values (with `dirt`,
the quirks real copies have) and answers its path; the same seed writes the same file.
`write_with_bad_row(path, rows, seed)` writes one with a single refused cell and answers
where it is. Used by the tests, the benchmark and the demo. One entry a line, so registries
from parallel work merge cleanly.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from palermo.evidence.generators import ctdc, glotip, htcds, mmp, ocindex
from palermo.evidence.generators._writing import BadRow


class Write(Protocol):
    def __call__(self, path: Path, rows: int, seed: int, dirt: bool = True) -> Path: ...


GENERATORS: dict[str, Write] = {
    "ctdc_synthetic": ctdc.write_synthetic,
    "ctdc_k_anonymised": ctdc.write_k_anonymised,
    "ctdc_victim_perpetrator": ctdc.write_victim_perpetrator,
    "glotip": glotip.write,
    "ocindex": ocindex.write,
    "iom_mmp": mmp.write,
    "htcds_excel": htcds.write,
    "htcds_kobo": htcds.write_kobo,
}

BAD_ROW_WRITERS: dict[str, Callable[[Path, int, int], BadRow]] = {
    "ctdc_synthetic": ctdc.write_synthetic_with_bad_row,
    "ctdc_k_anonymised": ctdc.write_k_anonymised_with_bad_row,
    "ctdc_victim_perpetrator": ctdc.write_victim_perpetrator_with_bad_row,
    "glotip": glotip.write_with_bad_row,
    "ocindex": ocindex.write_with_bad_row,
    "iom_mmp": mmp.write_with_bad_row,
    "htcds_excel": htcds.write_with_bad_row,
    "htcds_kobo": htcds.write_kobo_with_bad_row,
}

__all__ = ["BAD_ROW_WRITERS", "GENERATORS", "BadRow", "Write"]
