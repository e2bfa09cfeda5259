"""A chart is drawn once per data: every format and every worker process reuse the drawing."""

from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
import vl_convert

from palermo.reports.document import Document
from palermo.reports.renderers import common

SPEC = {
    "data": {"values": [{"year": "2023", "cases": 4}, {"year": "2024", "cases": 9}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "year", "type": "ordinal"},
        "y": {"field": "cases", "type": "quantitative"},
    },
}


@pytest.fixture(autouse=True)
def fresh_process(settings: Any, tmp_path: Path) -> Any:
    """As a new worker process: nothing in memory; the disk cache under a new VAR_DIR."""
    settings.VAR_DIR = tmp_path
    common._svg.cache_clear()
    common._png.cache_clear()
    yield
    common._svg.cache_clear()
    common._png.cache_clear()


def test_a_chart_drawn_in_one_process_is_read_from_disk_in_the_next() -> None:
    document = Document(title="Cases")
    with patch.object(vl_convert, "vegalite_to_svg", wraps=vl_convert.vegalite_to_svg) as draw:
        first = common.chart_svg(SPEC, document)
        common._svg.cache_clear()  # a new process
        again = common.chart_svg(SPEC, document)

    assert draw.call_count == 1
    assert again == first
    assert first.startswith("<svg")


def test_other_data_or_another_font_is_drawn_anew() -> None:
    urdu = Document(title="Cases", language="ur", direction="rtl")
    other = {**SPEC, "data": {"values": [{"year": "2024", "cases": 10}]}}
    with patch.object(vl_convert, "vegalite_to_svg", wraps=vl_convert.vegalite_to_svg) as draw:
        common.chart_svg(SPEC, Document(title="Cases"))
        common.chart_svg(other, Document(title="Cases"))
        common.chart_svg(SPEC, urdu)

    assert draw.call_count == 3


def test_a_damaged_cache_folder_still_gives_the_chart(settings: Any, tmp_path: Path) -> None:
    """The cache is a help, never a condition: a file where its folder should be is ignored."""
    settings.VAR_DIR = tmp_path
    (tmp_path / "cache").write_text("not a folder")

    png = common.chart_png(SPEC, Document(title="Cases"))

    assert png.startswith(b"\x89PNG")


def test_the_cache_keeps_at_most_its_limit_dropping_the_oldest(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(common, "CHART_CACHE_FILES", 2)
    for cases in range(4):
        spec = {**SPEC, "data": {"values": [{"year": "2024", "cases": cases}]}}
        common.chart_svg(spec, Document(title="Cases"))

    assert len(list((tmp_path / "cache" / "charts").iterdir())) == 2
