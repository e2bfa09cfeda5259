"""Every layout of this registry: a generated file is detected as its layout and loads."""

from pathlib import Path

import pytest

from palermo.evidence.generators import BAD_ROW_WRITERS, GENERATORS
from palermo.evidence.loaders import LAYOUTS, detect

NAMES = ["ocindex", "iom_mmp", "htcds_excel", "htcds_kobo"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("dirt", [True, False])
@pytest.mark.parametrize("name", NAMES)
def test_a_generated_file_is_detected_and_loads(
    tmp_path: Path, name: str, dirt: bool, suffix: str
) -> None:
    path = GENERATORS[name](tmp_path / f"{name}{suffix}", 30, 7, dirt)

    layout = detect(path)

    assert layout is LAYOUTS[name]
    loaded = layout.load(path)
    assert loaded.ok, loaded.errors
    assert loaded.table.num_rows > 0


@pytest.mark.parametrize("name", NAMES)
def test_the_same_seed_writes_the_same_records(tmp_path: Path, name: str) -> None:
    first = GENERATORS[name](tmp_path / f"a-{name}.csv", 20, 3)
    second = GENERATORS[name](tmp_path / f"b-{name}.csv", 20, 3)
    other = GENERATORS[name](tmp_path / f"c-{name}.csv", 20, 4)

    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("name", NAMES)
def test_a_bad_row_file_is_refused_at_that_cell(tmp_path: Path, name: str, suffix: str) -> None:
    path = tmp_path / f"{name}{suffix}"
    bad = BAD_ROW_WRITERS[name](path, 20, 5)

    loaded = LAYOUTS[name].load(path)

    assert not loaded.ok
    assert [(e.row, e.column) for e in loaded.errors] == [(bad.row, bad.column)]
    assert bad.value in loaded.errors[0].message
