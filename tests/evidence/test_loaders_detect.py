"""`detect` names the layout of every generated file, dirty or clean, and of no other."""

from pathlib import Path

import pytest

from palermo.evidence.generators import GENERATORS
from palermo.evidence.loaders import LAYOUTS, detect


@pytest.mark.parametrize("dirt", [True, False])
@pytest.mark.parametrize(
    "name", ["ctdc_synthetic", "ctdc_k_anonymised", "ctdc_victim_perpetrator", "glotip"]
)
def test_detect_picks_the_layout_a_file_was_generated_in(
    tmp_path: Path, name: str, dirt: bool
) -> None:
    path = GENERATORS[name](tmp_path / f"{name}.csv", 50, 7, dirt)

    layout = detect(path)

    assert layout is LAYOUTS[name]
    assert layout.load(path).ok


def test_every_generator_has_a_layout_of_its_name() -> None:
    assert set(GENERATORS) <= set(LAYOUTS)


def test_detect_answers_none_for_an_unknown_header(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,amount\nx,1\n")

    assert detect(path) is None
