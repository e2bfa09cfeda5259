"""A `Document` as Typst markup: what `pdf.render_pdf` compiles.

Every piece of text goes through `escape` (markup) or `string` (code), so text from the database
never becomes Typst code. Every embedded call ends with `;`, so text that follows it (`(`, `.`)
cannot continue the call. Chart SVGs travel as `sys.inputs`, not inside the markup.

Right-to-left documents are set in Noto Naskh Arabic, Urdu too, although the HTML and Word
renderings use Nastaliq: Nastaliq draws a word from many positioned glyphs on a descending
baseline, and a PDF of it has no usable text layer (pdftotext and pypdf return letters out of
order, doubled or on separate lines), while Naskh comes back word for word. Each block whose
letters read the other way from the document (an English paragraph in an Urdu report) gets its
own direction, font order and line height (see docs/architecture.md, "Urdu PDFs").
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
    plain_text,
    runs,
    svg_size,
    text_direction,
)

# Characters with a meaning in Typst markup, at least somewhere (`.` after digits starts a
# numbered list, `-`, `+`, `=` and `/` at the start of a line, `'` and `"` become smart quotes).
MARKUP_SPECIALS = frozenset("\\#*_`$@<>[]~=-+/.'\"")
# What Typst treats as a line break in source text.
NEWLINES = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
TEXT_WIDTH_PT = 470.0  # A4 less the 2.2 cm side margins.
MAX_CHART_HEIGHT_PT = 560.0
PX_TO_PT = 0.75
# A number range ("18 – 2024", "2018–2024"): a line may break after an en dash, so the range
# goes in a box, which never breaks. In Urdu the range still shows by the bidi rules (18 on the
# right), but set left to right inside the box its text layer reads "18 – 2024" as typed, not
# "2024 – 18".
NUMBER_RANGE = re.compile(r"\d+(?:[ \u00a0]?[\u2013\u2014][ \u00a0]?\d+)+")
# Body text size and line spacing by script: Arabic script needs a larger size and more room
# between lines than Latin.
BODY_SIZE_PT = {"ltr": 10, "rtl": 11}
LEADING_EM = {"ltr": 0.7, "rtl": 0.9}


def _escape_line(line: str) -> str:
    return "".join("\\" + c if c in MARKUP_SPECIALS else c for c in line)


def _escape_ranges(line: str) -> str:
    parts: list[str] = []
    position = 0
    for match in NUMBER_RANGE.finditer(line):
        parts.append(_escape_line(line[position : match.start()]))
        parts.append(f"#box[#set text(dir: ltr); {_escape_line(match.group())}];")
        position = match.end()
    parts.append(_escape_line(line[position:]))
    return "".join(parts)


def escape(text: str) -> str:
    """Plain text as Typst markup that shows exactly that text (a line break for a newline)."""
    lines = NEWLINES.split(text)
    # A backslash before a space is Typst's line break.
    return "\\ \n".join(_escape_ranges(line) for line in lines)


def _fonts_for(direction: str) -> str:
    fonts = [NASKH_FONT, LATIN_FONT] if direction == "rtl" else [LATIN_FONT, NASKH_FONT]
    return "(" + ", ".join(string(font) for font in fonts) + ")"


def directed(document: Document, text: str, markup: str, *, body: bool = False) -> str:
    """`markup` (showing `text`) in the direction of its letters, when not the document's.

    An English paragraph in an Urdu report reads left to right, starts on the left and ends
    with its full stop, in Latin type first and with Latin line spacing. `body` also sets the
    body text size of that script (not inside headings, whose size is their own).
    """
    direction = text_direction(text)
    if direction is None or direction == document.direction:
        return markup
    size = f", size: {BODY_SIZE_PT[direction]}pt" if body else ""
    return (
        f"#[#set text(dir: {direction}, font: {_fonts_for(direction)}{size});"
        f" #set par(leading: {LEADING_EM[direction]}em); {markup}]"
    )


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
    if document.direction == "rtl":
        return _fonts_for("rtl")
    return "(" + ", ".join(string(f) for f in (LATIN_FONT, NASKH_FONT, NASTALIQ_FONT)) + ")"


def _language(document: Document) -> str:
    language = base_language(document)
    return language if re.fullmatch(r"[a-z]{2,3}", language) else "en"


def preamble(document: Document) -> str:
    rtl = document.direction == "rtl"
    title = escape(document.title)
    lines = [
        f"#set document(title: {string(document.title)}, author: {string(document.author)})",
        '#set page(paper: "a4", margin: (x: 2.2cm, top: 2.4cm, bottom: 2.6cm),'
        " footer: context [#set text(size: 8pt, fill: luma(90));"
        f" {title} #h(1fr)"
        ' #text(dir: ltr, counter(page).display("1 / 1", both: true))])',
        f"#set text(font: {_fonts(document)}, size: {BODY_SIZE_PT[document.direction]}pt,"
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
    if rtl:
        lines += [
            f"#set par(leading: {LEADING_EM['rtl']}em)",
            # Typst's own right-to-left outline entry adds a U+202C (pop directional formatting)
            # whose glyph mapping then sticks to the final noon everywhere in the text layer.
            "#show outline.entry: it => link(it.element.location(), it.indented(it.prefix(),"
            " [#it.body() #box(width: 1fr, repeat(gap: 0.15em)[.]) #it.page()]))",
        ]
    return "\n".join(lines) + "\n\n"


def _text(document: Document, text: str) -> str:
    """Plain text as markup, in its own direction."""
    return directed(document, text, escape(text))


def cover(page: Cover, document: Document) -> str:
    parts = [
        "#page(footer: none)[",
        "#v(22%)",
        f'#text(size: 24pt, weight: "bold")[{_text(document, page.title)}];',
    ]
    if page.subtitle:
        parts += ["#v(0.4em)", f"#text(size: 14pt)[{_text(document, page.subtitle)}];"]
    if page.details:
        parts += ["#v(2.5em)", key_values(KeyValues(page.details), document)]
    if page.note:
        parts += ["#v(1fr)", f"#text(size: 9pt)[{_text(document, page.note)}];"]
    parts += ["]", "#counter(page).update(1)"]
    return "\n".join(parts) + "\n\n"


def key_values(block: KeyValues, document: Document) -> str:
    cells = ", ".join(
        f"strong[{_text(document, k)}], [{_text(document, v)}]" for k, v in block.pairs
    )
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


def _cell(value: str | int | float | None, document: Document) -> str:
    if is_number(value):
        return f"table.cell(align: end)[{escape(cell_text(value))}]"
    return f"[{_text(document, cell_text(value))}]"


def table(block: Table, document: Document) -> str:
    width = len(block.columns)
    header = ", ".join(f"[{_text(document, c)}]" for c in block.columns)
    body = ",\n  ".join(
        ", ".join(_cell(row[i] if i < len(row) else None, document) for i in range(width))
        for row in block.rows
    )
    markup = (
        f"table(columns: {_column_widths(block)}, align: start,\n"
        f"  table.header({header}),\n  {body}\n)"
    )
    if block.caption:
        caption = _text(document, block.caption)
        markup = f"figure(kind: table, caption: [{caption}],\n{markup})"
    return f"#{markup};\n\n"


def chart(block: Chart, document: Document, key: str, inputs: dict[str, str]) -> str:
    svg = chart_svg(block.spec, document)
    inputs[key] = svg
    width_px, height_px = svg_size(svg)
    width = min(width_px * PX_TO_PT or TEXT_WIDTH_PT, TEXT_WIDTH_PT)
    if width_px and height_px and height_px * width / width_px > MAX_CHART_HEIGHT_PT:
        width = MAX_CHART_HEIGHT_PT * width_px / height_px
    image = f'image(bytes(sys.inputs.at("{key}")), format: "svg", width: {width:.1f}pt)'
    caption = f", caption: [{_text(document, block.caption)}]" if block.caption else ""
    markup = f"#figure(kind: image{caption}, {image});\n\n"
    if block.table is not None:
        markup += table(block.table, document)
    return markup


def to_typst(document: Document) -> tuple[str, dict[str, str]]:
    """The Typst source of `document`, and the `sys.inputs` it reads (chart SVGs by key)."""
    inputs: dict[str, str] = {}
    parts = [preamble(document)]
    if document.cover is not None:
        parts.append(cover(document.cover, document))
    for block in document.blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            heading = f"#heading(level: {level})[{escape(block.text)}];"
            parts.append(directed(document, block.text, heading) + "\n\n")
        elif isinstance(block, Paragraph):
            text = plain_text(block.content)
            parts.append(directed(document, text, inline(block.content), body=True) + "\n\n")
        elif isinstance(block, BulletList):
            function = "enum" if block.numbered else "list"
            items = ", ".join(f"[{inline(item)}]" for item in block.items)
            text = " ".join(plain_text(item) for item in block.items)
            parts.append(directed(document, text, f"#{function}({items});", body=True) + "\n\n")
        elif isinstance(block, Table):
            parts.append(table(block, document))
        elif isinstance(block, Chart):
            parts.append(chart(block, document, f"chart-{len(inputs)}", inputs))
        elif isinstance(block, PageBreak):
            parts.append("#pagebreak(weak: true);\n\n")
        elif isinstance(block, TableOfContents):
            parts.append(f"#outline(title: [{escape(block.title)}], depth: 2);\n\n")
        elif isinstance(block, KeyValues):
            parts.append(key_values(block, document))
    return "".join(parts), inputs
