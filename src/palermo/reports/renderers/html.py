"""HTML: a self-contained, printable `<article>` for pages, or a whole page for download.

All text is escaped. Charts are inline SVG (drawn here by vl-convert), or, with
`inline_charts=False`, a `<div class="vega-chart">` holding the Vega-Lite spec in a
`<script type="application/json">` for `static/palermo/charts.js` to draw in the browser.
"""

import json
import re
from html import escape
from itertools import count

from palermo.reports.document import (
    BulletList,
    Chart,
    Cover,
    Document,
    Heading,
    Inline,
    KeyValues,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
)
from palermo.reports.renderers.common import (
    cell_text,
    chart_svg,
    is_number,
    label,
    runs,
)

# Characters that could end a <script> element or open a comment inside it, as JSON escapes
# (what Django's `json_script` does).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SVG_IDS = re.compile(r'\bid="([^"]+)"')

PAGE_STYLE = """
.palermo-report { font-family: "Noto Sans", "Noto Naskh Arabic", sans-serif; line-height: 1.5;
  max-width: 48rem; margin: 0 auto; }
.palermo-report[lang|="ur"] { font-family: "Noto Nastaliq Urdu", "Noto Sans", serif;
  line-height: 2.4; }
.palermo-report table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
.palermo-report th, .palermo-report td { border: 1px solid #bbb; padding: .25rem .5rem;
  text-align: start; vertical-align: top; }
.palermo-report thead th { background: #eee; }
.palermo-report td.num { text-align: end; font-variant-numeric: tabular-nums; }
.palermo-report caption { caption-side: top; text-align: start; font-weight: 600; }
.palermo-report .report-chart svg { max-width: 100%; height: auto; }
.palermo-report .report-page-break { break-after: page; }
.palermo-report .report-cover { break-after: page; }
.palermo-report dl.report-facts { display: grid; grid-template-columns: auto 1fr;
  gap: .25rem 1rem; }
.palermo-report dl.report-facts dd { margin: 0; }
@page { size: A4; margin: 2.4cm 2.2cm 2.6cm; }
@media print {
  .palermo-report { font-size: 10pt; line-height: 1.4; max-width: none; }
  .palermo-report thead { display: table-header-group; }
}
"""


class _Renderer:
    def __init__(self, document: Document, *, inline_charts: bool) -> None:
        self.document = document
        self.inline_charts = inline_charts
        self.notes: list[str] = []
        self.anchors: dict[int, str] = {}
        self.chart_numbers = count(1)

    def inline(self, content: tuple[Inline, ...]) -> str:
        parts: list[str] = []
        for run in runs(content):
            text = escape(run.text)
            if run.italic:
                text = f"<em>{text}</em>"
            if run.bold:
                text = f"<strong>{text}</strong>"
            parts.append(text)
            if run.footnote:
                self.notes.append(run.footnote)
                number = len(self.notes)
                parts.append(
                    f'<sup class="footnote-ref"><a href="#fn-{number}" id="fnref-{number}"'
                    f' role="doc-noteref">{number}</a></sup>'
                )
        return "".join(parts)

    def table(self, block: Table) -> str:
        caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
        head = "".join(f'<th scope="col">{escape(c)}</th>' for c in block.columns)
        body = []
        for row in block.rows:
            cells = []
            for index in range(len(block.columns)):
                value = row[index] if index < len(row) else None
                text = escape(cell_text(value)).replace("\n", "<br>")
                if index == 0:
                    cells.append(f'<th scope="row">{text}</th>')
                elif is_number(value):
                    cells.append(f'<td class="num">{text}</td>')
                else:
                    cells.append(f"<td>{text}</td>")
            body.append(f"<tr>{''.join(cells)}</tr>")
        return (
            f'<table class="table table-sm table-bordered">{caption}'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )

    def chart(self, block: Chart) -> str:
        number = next(self.chart_numbers)
        caption = escape(block.caption)
        if self.inline_charts:
            svg = chart_svg(block.spec, self.document)
            # Several SVGs share one page: keep their ids (clip paths, gradients) apart.
            prefix = f"chart{number}-"
            svg = SVG_IDS.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
            svg = svg.replace("url(#", f"url(#{prefix}").replace('href="#', f'href="#{prefix}')
            svg = svg.replace("<svg ", f'<svg role="img" aria-label="{caption}" ', 1)
            figure = f'<div class="report-chart">{svg}</div>'
        else:
            spec = json.dumps(block.spec, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
            figure = (
                f'<div class="vega-chart report-chart" role="img" aria-label="{caption}">'
                f'<script type="application/json">{spec}</script></div>'
            )
        figcaption = f'<figcaption class="figure-caption">{caption}</figcaption>' if caption else ""
        data = self.table(block.table) if block.table is not None else ""
        return f'<figure class="figure d-block">{figure}{figcaption}</figure>{data}'

    def key_values(self, pairs: tuple[tuple[str, str], ...]) -> str:
        items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in pairs)
        return f'<dl class="report-facts">{items}</dl>'

    def cover(self, cover: Cover) -> str:
        parts = [f'<header class="report-cover"><h1>{escape(cover.title)}</h1>']
        if cover.subtitle:
            parts.append(f'<p class="lead">{escape(cover.subtitle)}</p>')
        if cover.details:
            parts.append(self.key_values(cover.details))
        if cover.note:
            parts.append(f'<p class="small text-body-secondary">{escape(cover.note)}</p>')
        parts.append("</header>")
        return "".join(parts)

    def contents(self, block: TableOfContents) -> str:
        items = []
        for index, heading in enumerate(self.document.blocks):
            if isinstance(heading, Heading) and heading.level <= 2:
                css = "" if heading.level == 1 else ' class="ms-3"'
                items.append(
                    f'<li{css}><a href="#{self.anchors[index]}">{escape(heading.text)}</a></li>'
                )
        return (
            f'<nav class="report-contents" aria-label="{escape(block.title)}">'
            f'<h2>{escape(block.title)}</h2><ul class="list-unstyled">{"".join(items)}</ul></nav>'
        )

    def block(self, index: int, block: object) -> str:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 5) + 1
            return f'<h{level} id="{self.anchors[index]}">{escape(block.text)}</h{level}>'
        if isinstance(block, Paragraph):
            return f"<p>{self.inline(block.content)}</p>"
        if isinstance(block, BulletList):
            tag = "ol" if block.numbered else "ul"
            items = "".join(f"<li>{self.inline(item)}</li>" for item in block.items)
            return f"<{tag}>{items}</{tag}>"
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Chart):
            return self.chart(block)
        if isinstance(block, PageBreak):
            return '<div class="report-page-break" aria-hidden="true"></div>'
        if isinstance(block, TableOfContents):
            return self.contents(block)
        if isinstance(block, KeyValues):
            return self.key_values(block.pairs)
        raise TypeError(f"Unknown block {type(block).__name__}.")

    def render(self) -> str:
        document = self.document
        self.anchors = {
            i: f"section-{i + 1}" for i, b in enumerate(document.blocks) if isinstance(b, Heading)
        }
        parts = [self.cover(document.cover)] if document.cover else []
        if document.cover is None or document.cover.title != document.title:
            parts.append(f'<h1 class="report-title">{escape(document.title)}</h1>')
        parts += [self.block(i, b) for i, b in enumerate(document.blocks)]
        if self.notes:
            notes = "".join(
                f'<li id="fn-{n}">{escape(note)} <a href="#fnref-{n}" role="doc-backlink"'
                f' aria-label="↩ {n}">↩</a></li>'
                for n, note in enumerate(self.notes, start=1)
            )
            heading = escape(label(document, "notes"))
            parts.append(
                f'<section class="footnotes" role="doc-endnotes"><h2>{heading}</h2>'
                f"<ol>{notes}</ol></section>"
            )
        direction = "rtl" if document.direction == "rtl" else "ltr"
        return (
            f'<article class="palermo-report" dir="{direction}" lang="{escape(document.language)}">'
            f"{''.join(parts)}</article>"
        )


def render_html(document: Document, *, inline_charts: bool = True) -> str:
    """The document as an `<article>` element: escaped text, anchors, notes at the end."""
    return _Renderer(document, inline_charts=inline_charts).render()


def render_html_page(document: Document) -> str:
    """A whole standalone HTML page (what the `html` download holds): no external resources."""
    direction = "rtl" if document.direction == "rtl" else "ltr"
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(document.language)}" dir="{direction}">'
        f'<head><meta charset="utf-8"><title>{escape(document.title)}</title>'
        f'<meta name="author" content="{escape(document.author)}">'
        f"<style>{PAGE_STYLE}</style></head><body>{render_html(document)}</body></html>\n"
    )
