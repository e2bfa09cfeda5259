"""PDF through Typst, with the fonts shipped in `reports/fonts/` (no system font needed).

One `typst.Compiler` lives per process: it keeps the parsed fonts and Typst's memoised layout
between documents, which is what makes a warm render take milliseconds.
"""

import threading

import typst

from palermo.reports.document import Document
from palermo.reports.renderers.common import FONTS_DIR
from palermo.reports.renderers.typst_markup import to_typst

_lock = threading.Lock()
_compiler: typst.Compiler | None = None


def _get_compiler() -> typst.Compiler:
    global _compiler
    if _compiler is None:
        fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(FONTS_DIR)]
        )
        _compiler = typst.Compiler(font_paths=fonts, ignore_system_fonts=True)
    return _compiler


def typst_source(document: Document) -> str:
    """The Typst markup a document compiles from (for debugging a layout)."""
    return to_typst(document)[0]


def render_pdf(document: Document) -> bytes:
    source, inputs = to_typst(document)
    with _lock:
        pdf = _get_compiler().compile(input=source.encode(), format="pdf", sys_inputs=inputs)
    if not isinstance(pdf, bytes):  # pragma: no cover - Typst returns pages only for PNG/SVG.
        raise TypeError("Typst returned pages instead of one PDF.")
    return pdf
