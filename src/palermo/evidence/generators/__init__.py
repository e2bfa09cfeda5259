"""Seeded generators of files in each source layout, with invented values and realistic dirt.

Each `write(path, rows, seed, dirt=True, ...)` writes a file and answers its path; the same
seed writes the same file. Used by the tests, the benchmark and the demo.
"""

from collections.abc import Callable
from pathlib import Path

from palermo.evidence.generators import htcds, mmp, ocindex

GENERATORS: dict[str, Callable[..., Path]] = {
    "ocindex": ocindex.write,
    "iom_mmp": mmp.write,
    "htcds_excel": htcds.write,
    "htcds_kobo": lambda path, rows, seed, dirt=True, **options: htcds.write(
        path, rows, seed, dirt, layout="kobo", **options
    ),
}
