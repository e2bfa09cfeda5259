"""A `Document` as Typst markup: what `pdf.render_pdf` compiles.

Every piece of text goes through `escape` (markup) or `string` (code), so text from the database
never becomes Typst code. Every embedded call ends with `;`, so text that follows it (`(`, `.`)
cannot continue the call. Chart SVGs travel as `sys.inputs`, not inside the markup.
"""

import re
from collections.abc import Sequence

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
    LATIN_FONT,
    NASKH_FONT,
    NASTALIQ_FONT,
    base_language,
    cell_text,
    chart_svg,
    is_number,
    runs,
    script_font,
    svg_size,
)

# Characters with a meaning in Typst markup, at least somewhere (`.` after digits starts a
# numbered list, `-`, `+`, `=` and `/` at the start of a line, `'` and `"` become smart quotes).
MARKUP_SPECIALS = frozenset("\\#*_`$@<>[]~=-+/.'\"")
# What Typst treats as a line break in source text.
NEWLINES = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
TEXT_WIDTH_PT = 470.0  # A4 less the 2.2 cm side margins.
MAX_CHART_HEIGHT_PT = 560.0
PX_TO_PT = 0.75


def escape(text: str) -> str:
    """Plain text as Typst markup that shows exactly that text (a line break for a newline)."""
    lines = NEWLINES.split(text)
    escaped = ("".join("\\" + c if c in MARKUP_SPECIALS else c for c in line) for line in lines)
    # A backslash before a space is Typst's line break.
    return "\\ \n".join(escaped)


def string(text: str) -> str:
    """Plain text as a Typst string literal."""
    body = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{body}"'


def inline(content: tuple[Inline, ...]) -> str:
    parts: list[str] = []
    for run in runs(content):
        text = escape(run.text)
        if run.italic:
            text = f"#emph[{text}];"
        if run.bold:
            text = f"#strong[{text}];"
        parts.append(text)
        if run.footnote:
            parts.append(f"#footnote[{escape(run.footnote)}];")
    return "".join(parts)


def _fonts(document: Document) -> str:
    script = script_font(document)
    fonts = [script, LATIN_FONT] if script else [LATIN_FONT, NASKH_FONT, NASTALIQ_FONT]
    return "(" + ", ".join(string(font) for font in fonts if font) + ")"


def _language(document: Document) -> str:
    language = base_language(document)
    return language if re.fullmatch(r"[a-z]{2,3}", language) else "en"


def preamble(document: Document) -> str:
    rtl = document.direction == "rtl"
    nastaliq = script_font(document) == NASTALIQ_FONT
    title = escape(document.title)
    lines = [
        f"#set document(title: {string(document.title)}, author: {string(document.author)})",
        '#set page(paper: "a4", margin: (x: 2.2cm, top: 2.4cm, bottom: 2.6cm),'
        " footer: context [#set text(size: 8pt, fill: luma(90));"
        f" {title} #h(1fr)"
        ' #text(dir: ltr, counter(page).display("1 / 1", both: true))])',
        f"#set text(font: {_fonts(document)}, size: {11 if rtl else 10}pt,"
        f' lang: "{_language(document)}", dir: {"rtl" if rtl else "ltr"})',
        # Hyphenation doubles Typst's layout time; justified lines of ~90 characters do well
        # without it.
        "#set text(hyphenate: false)",
        "#set par(justify: true, leading: 0.7em, spacing: 1.1em)",
        "#set table(stroke: 0.5pt + luma(170), inset: 5pt,"
        " fill: (_, y) => if y == 0 { luma(235) })",
        "#show table.cell.where(y: 0): strong",
        # Justified lines in narrow cells open wide gaps between words.
        "#show table: set par(justify: false)",
        "#show figure: set block(breakable: true)",
        "#show figure.where(kind: table): set figure.caption(position: top)",
        "#show heading: set block(above: 1.5em, below: 0.9em)",
        "#show heading.where(level: 1): set text(size: 16pt)",
        "#show heading.where(level: 2): set text(size: 13pt)",
        "#show heading.where(level: 3): set text(size: 11pt)",
        "#show footnote.entry: set par(justify: false)",
    ]
    if nastaliq:
        # Nastaliq words climb and descend far beyond a Latin line: measure lines by the font's
        # own ascender and descender so that lines of Urdu never overlap.
        lines += [
            '#set text(top-edge: "ascender", bottom-edge: "descender")',
            "#set par(leading: 0.35em, spacing: 0.9em, justify: false)",
            "#set table(inset: (x: 5pt, y: 3pt))",
        ]
    elif rtl:
        lines.append("#set par(leading: 0.9em)")
    return "\n".join(lines) + "\n\n"


def cover(page: Cover) -> str:
    parts = [
        "#page(footer: none)[",
        "#v(22%)",
        f'#text(size: 24pt, weight: "bold")[{escape(page.title)}];',
    ]
    if page.subtitle:
        parts += ["#v(0.4em)", f"#text(size: 14pt)[{escape(page.subtitle)}];"]
    if page.details:
        parts += ["#v(2.5em)", key_values(KeyValues(page.details))]
    if page.note:
        parts += ["#v(1fr)", f"#text(size: 9pt)[{escape(page.note)}];"]
    parts += ["]", "#counter(page).update(1)"]
    return "\n".join(parts) + "\n\n"


def key_values(block: KeyValues) -> str:
    cells = ", ".join(f"strong[{escape(k)}], [{escape(v)}]" for k, v in block.pairs)
    return (
        "#block(above: 1em, below: 1.2em, grid(columns: (auto, 1fr), column-gutter: 1.4em,"
        f" row-gutter: 0.8em, {cells}));\n\n"
    )


def _column_widths(block: Table) -> str:
    count = len(block.columns)
    if len(block.widths) == count and all(w > 0 for w in block.widths):
        weights: Sequence[float] = block.widths
    else:
        # Without widths, wide text gets wide columns (within reason).
        weights = [
            min(max(len(str(block.columns[i])), *(len(cell_text(r[i])) for r in block.rows), 4), 40)
            if block.rows
            else max(len(block.columns[i]), 4)
            for i in range(count)
        ]
    return "(" + ", ".join(f"{w:g}fr" for w in weights) + ("," if count == 1 else "") + ")"


def _cell(value: str | int | float | None) -> str:
    text = escape(cell_text(value))
    return f"table.cell(align: end)[{text}]" if is_number(value) else f"[{text}]"


def table(block: Table) -> str:
    width = len(block.columns)
    header = ", ".join(f"[{escape(c)}]" for c in block.columns)
    body = ",\n  ".join(
        ", ".join(_cell(row[i] if i < len(row) else None) for i in range(width))
        for row in block.rows
    )
    markup = (
        f"table(columns: {_column_widths(block)}, align: start,\n"
        f"  table.header({header}),\n  {body}\n)"
    )
    if block.caption:
        markup = f"figure(kind: table, caption: [{escape(block.caption)}],\n{markup})"
    return f"#{markup};\n\n"


def chart(block: Chart, document: Document, key: str, inputs: dict[str, str]) -> str:
    svg = chart_svg(block.spec, document)
    inputs[key] = svg
    width_px, height_px = svg_size(svg)
    width = min(width_px * PX_TO_PT or TEXT_WIDTH_PT, TEXT_WIDTH_PT)
    if width_px and height_px and height_px * width / width_px > MAX_CHART_HEIGHT_PT:
        width = MAX_CHART_HEIGHT_PT * width_px / height_px
    image = f'image(bytes(sys.inputs.at("{key}")), format: "svg", width: {width:.1f}pt)'
    caption = f", caption: [{escape(block.caption)}]" if block.caption else ""
    markup = f"#figure(kind: image{caption}, {image});\n\n"
    if block.table is not None:
        markup += table(block.table)
    return markup


def to_typst(document: Document) -> tuple[str, dict[str, str]]:
    """The Typst source of `document`, and the `sys.inputs` it reads (chart SVGs by key)."""
    inputs: dict[str, str] = {}
    parts = [preamble(document)]
    if document.cover is not None:
        parts.append(cover(document.cover))
    for block in document.blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            parts.append(f"#heading(level: {level})[{escape(block.text)}];\n\n")
        elif isinstance(block, Paragraph):
            parts.append(inline(block.content) + "\n\n")
        elif isinstance(block, BulletList):
            function = "enum" if block.numbered else "list"
            items = ", ".join(f"[{inline(item)}]" for item in block.items)
            parts.append(f"#{function}({items});\n\n")
        elif isinstance(block, Table):
            parts.append(table(block))
        elif isinstance(block, Chart):
            parts.append(chart(block, document, f"chart-{len(inputs)}", inputs))
        elif isinstance(block, PageBreak):
            parts.append("#pagebreak(weak: true);\n\n")
        elif isinstance(block, TableOfContents):
            parts.append(f"#outline(title: [{escape(block.title)}], depth: 2);\n\n")
        elif isinstance(block, KeyValues):
            parts.append(key_values(block))
    return "".join(parts), inputs
