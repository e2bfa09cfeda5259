"""Renderers: `render(document, fmt) -> bytes` for html, pdf, docx and xlsx.

Each format has its own module with a `render_<fmt>(document)` function; this package picks
one by name and says what the result is (content type, file extension).
"""

from collections.abc import Callable

from palermo.reports.document import Document
from palermo.reports.renderers.docx import render_docx
from palermo.reports.renderers.html import render_html, render_html_page
from palermo.reports.renderers.pdf import render_pdf
from palermo.reports.renderers.xlsx import render_xlsx

HTML, PDF, DOCX, XLSX = "html", "pdf", "docx", "xlsx"
FORMATS = (HTML, PDF, DOCX, XLSX)
CONTENT_TYPES = {
    HTML: "text/html; charset=utf-8",
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
UNKNOWN_FORMAT = "Unknown report format {fmt!r}; use one of html, pdf, docx or xlsx."


def _html_bytes(document: Document) -> bytes:
    return render_html_page(document).encode("utf-8")


RENDERERS: dict[str, Callable[[Document], bytes]] = {
    HTML: _html_bytes,
    PDF: render_pdf,
    DOCX: render_docx,
    XLSX: render_xlsx,
}


def extension(fmt: str) -> str:
    """The file name extension for a format, without the dot."""
    if fmt not in RENDERERS:
        raise ValueError(UNKNOWN_FORMAT.format(fmt=fmt))
    return fmt


def render(document: Document, fmt: str) -> bytes:
    """The document in one of `FORMATS`; HTML is a whole standalone page in UTF-8."""
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(UNKNOWN_FORMAT.format(fmt=fmt))
    return renderer(document)


__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "extension",
    "render",
    "render_docx",
    "render_html",
    "render_html_page",
    "render_pdf",
    "render_xlsx",
]
