"""What every renderer shares: fonts, chart images, cell text and the renderer's own words.

The few words a renderer adds itself ("Notes", ...) are in the document's language, not the
request's.
"""

import contextlib
import functools
import hashlib
import json
import os
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import vl_convert
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from palermo.reports.document import Direction, Document, Inline, Text

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"

LATIN_FONT = "Noto Sans"
NASKH_FONT = "Noto Naskh Arabic"
NASTALIQ_FONT = "Noto Nastaliq Urdu"
# Languages written in Nastaliq; other right-to-left languages get Naskh.
NASTALIQ_LANGUAGES = frozenset({"ur", "pa-pk", "skr", "bal"})

_fonts_registered = threading.Lock()
_fonts_done = False


def base_language(document: Document) -> str:
    """`ur-pk` -> `ur`: what Typst, Word and HTML want in their `lang`."""
    return (document.language or "en").split("-")[0].split("_")[0].lower() or "en"


def script_font(document: Document) -> str | None:
    """The font for the document's Arabic-script text, or None for a left-to-right document."""
    if document.direction != "rtl":
        return None
    language = document.language.lower()
    if language in NASTALIQ_LANGUAGES or base_language(document) == "ur":
        return NASTALIQ_FONT
    return NASKH_FONT


def text_direction(text: str) -> Direction | None:
    """The direction `text` reads in, by most of its letters (None for numbers and punctuation).

    Counts the characters Unicode gives a strong direction: "rtl" when right-to-left ones
    (Arabic, Hebrew) are at least as many as left-to-right ones (Latin), else "ltr". Text
    without any follows its surroundings.
    """
    ltr = rtl = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            ltr += 1
        elif kind in ("R", "AL"):
            rtl += 1
    if ltr == rtl == 0:
        return None
    return "rtl" if rtl >= ltr else "ltr"


def chart_font(document: Document) -> str:
    # Charts are dense: even Urdu charts use Naskh, whose lines are short enough for axis labels.
    if document.direction == "rtl":
        return f"{NASKH_FONT}, {LATIN_FONT}"
    return LATIN_FONT


def _register_chart_fonts() -> None:
    """Let vl-convert lay out and draw chart text with our fonts rather than whatever exists."""
    global _fonts_done
    with _fonts_registered:
        if not _fonts_done:
            vl_convert.register_font_directory(str(FONTS_DIR))
            _fonts_done = True


def _config(font: str) -> dict[str, Any]:
    return {"font": font, "background": "white"}


# Drawn charts kept on disk, so a chart is drawn once per data (its spec holds the data) and
# reused by every format and every worker process; the oldest go past this many files.
CHART_CACHE_FILES = 1000


@functools.cache
def _engine_key() -> str:
    """What else a drawing depends on: the chart engine's version and our fonts."""
    fonts = sorted((p.name, p.stat().st_size) for p in FONTS_DIR.glob("*.ttf"))
    return f"{getattr(vl_convert, '__version__', '')}|{fonts}"


def _chart_cache() -> Path:
    return Path(settings.VAR_DIR) / "cache" / "charts"


def _drawn(suffix: str, spec_json: str, font: str, draw: Callable[[], bytes]) -> bytes:
    """The chart from the disk cache, or drawn now and stored there (best effort)."""
    key = hashlib.sha256("\0".join((_engine_key(), suffix, font, spec_json)).encode()).hexdigest()
    folder = _chart_cache()
    path = folder / f"{key}.{suffix}"
    with contextlib.suppress(OSError):
        return path.read_bytes()
    _register_chart_fonts()
    data = draw()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{key}.{os.getpid()}.partial"
        partial.write_bytes(data)
        os.replace(partial, path)
        _prune(folder)
    return data


def _prune(folder: Path) -> None:
    files = [entry for entry in os.scandir(folder) if entry.is_file()]
    if len(files) <= CHART_CACHE_FILES:
        return
    files.sort(key=lambda entry: entry.stat().st_mtime)
    for entry in files[: len(files) - CHART_CACHE_FILES]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


@functools.lru_cache(maxsize=256)
def _svg(spec_json: str, font: str) -> str:
    def draw() -> bytes:
        svg = vl_convert.vegalite_to_svg(json.loads(spec_json), config=_config(font))
        return str(svg).encode()

    return _drawn("svg", spec_json, font, draw).decode()


@functools.lru_cache(maxsize=64)
def _png(spec_json: str, font: str) -> bytes:
    def draw() -> bytes:
        config = _config(font)
        return bytes(vl_convert.vegalite_to_png(json.loads(spec_json), scale=2, config=config))

    return _drawn("png", spec_json, font, draw)


def spec_json(spec: dict[str, Any]) -> str:
    return json.dumps(spec, sort_keys=True, ensure_ascii=False)


def chart_svg(spec: dict[str, Any], document: Document) -> str:
    """The chart as an SVG document (cached: the same spec is drawn once per process)."""
    return _svg(spec_json(spec), chart_font(document))


def chart_png(spec: dict[str, Any], document: Document) -> bytes:
    """The chart as a PNG at twice its CSS size, for Word."""
    return _png(spec_json(spec), chart_font(document))


def svg_size(svg: str) -> tuple[float, float]:
    """The width and height (CSS pixels) an SVG from vl-convert declares on its root element."""
    head = svg[: svg.find(">")]

    def attribute(name: str) -> float:
        marker = f' {name}="'
        start = head.find(marker)
        if start < 0:
            return 0.0
        start += len(marker)
        try:
            return float(head[start : head.find('"', start)].removesuffix("px"))
        except ValueError:
            return 0.0

    return attribute("width"), attribute("height")


def cell_text(value: str | int | float | None) -> str:
    """A table cell as text: nothing for None, integral floats without a trailing `.0`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return str(round(value, 6))
    return str(value)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def runs(content: tuple[Inline, ...]) -> Iterator[Text]:
    """Inline content as `Text` runs (a bare string is a plain run)."""
    for item in content:
        yield item if isinstance(item, Text) else Text(item)


def plain_text(content: tuple[Inline, ...]) -> str:
    return "".join(run.text for run in runs(content))


@functools.lru_cache(maxsize=32)
def _labels(language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            "notes": gettext("Notes"),
            "data": gettext("Data"),
            "contents_note": gettext(
                "To fill in the table of contents, update the fields"
                " (in Word: right-click it and choose Update Field; F9 in LibreOffice)."
            ),
            "about": gettext("About"),
            "field": gettext("Field"),
            "value": gettext("Value"),
            "title": gettext("Title"),
            "author": gettext("Author"),
            "language": gettext("Language"),
            "generated": gettext("Generated"),
            "tables": gettext("Tables"),
            "table": gettext("Table"),
        }


def label(document: Document, key: str) -> str:
    """A word the renderer adds (not the builder), in the document's language."""
    return _labels(document.language or "en")[key]
