"""Word (DOCX) through python-docx.

python-docx writes no footnotes, so a run's footnote becomes a superscript number in the text
and a numbered entry under "Notes" at the end of the document. The table of contents is a Word
field: Word offers to update it on opening (`w:updateFields`), LibreOffice on F9.
"""

import io
import re
from collections.abc import Iterator

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

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
    base_language,
    cell_text,
    chart_png,
    chart_svg,
    is_number,
    label,
    runs,
    script_font,
    svg_size,
)

# Characters XML 1.0 forbids; python-docx refuses them.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TEXT_WIDTH_CM = 16.0
PX_PER_CM = 96 / 2.54
# Word validates the order of children: where w:bidi, w:rtl, ... go, by the elements that must
# follow them (ECMA-376 part 1, 17.3.1.26, 17.3.2.28, 17.6.17, 17.4.60, 17.15.1.78).
AFTER_PARAGRAPH_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
AFTER_RUN_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
AFTER_RUN_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
AFTER_SECTION_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
AFTER_TABLE_BIDI = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
    "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
    "w:tblCaption", "w:tblDescription", "w:tblPrChange",
)  # fmt: skip
AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip
STYLED_FONTS = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Caption")
THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def xml_text(text: str) -> str:
    return XML_ILLEGAL.sub("", text)


def _put(parent: BaseOxmlElement, tag: str, before: tuple[str, ...]) -> BaseOxmlElement:
    """The child `tag` of `parent`, added in its schema position if missing."""
    found: BaseOxmlElement | None = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    parent.insert_element_before(element, *before)
    return element


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (`TOC ...`, `PAGE`) that Word computes when it updates fields."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
    if placeholder:
        paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


class _Renderer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.docx: DocxDocument = docx.Document()
        self.notes: list[str] = []
        self._style_ids: dict[str, str | None] = {}

    def inline(self, paragraph: DocxParagraph, content: tuple[Inline, ...]) -> None:
        for text_run in runs(content):
            run = paragraph.add_run(xml_text(text_run.text))
            run.bold = text_run.bold or None
            run.italic = text_run.italic or None
            if text_run.footnote:
                self.notes.append(text_run.footnote)
                marker = paragraph.add_run(str(len(self.notes)))
                marker.font.superscript = True

    def style_id(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        """A style's id, looked up once per document; None for the default style.

        python-docx searches every style each time it is given a style's name.
        """
        if name not in self._style_ids:
            self._style_ids[name] = self.docx.part.get_style_id(name, kind)  # type: ignore[no-untyped-call]
        return self._style_ids[name]

    def paragraph(self, text: str = "", style: str = "") -> DocxParagraph:
        paragraph = self.docx.add_paragraph(text)
        if style:
            paragraph._p.style = self.style_id(style)
        return paragraph

    def table(self, block: Table) -> None:
        if block.caption:
            self.paragraph(xml_text(block.caption), style="Caption")
        table = self.docx.add_table(rows=1, cols=len(block.columns))
        table._tbl.tblStyle_val = self.style_id("Table Grid", WD_STYLE_TYPE.TABLE)
        widths: list[Cm] = []
        if len(block.widths) == len(block.columns) and sum(block.widths) > 0:
            total = sum(block.widths)
            widths = [Cm(TEXT_WIDTH_CM * width / total) for width in block.widths]
            # Rows added later take their cells' widths from the grid.
            for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
                grid_column.w = width
        header = table.rows[0]
        # Repeat the header row at the top of every page the table spans.
        header_properties = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header_properties.append(repeat)
        for index, (cell, name) in enumerate(zip(header.cells, block.columns, strict=True)):
            cell.text = ""
            cell.paragraphs[0].add_run(xml_text(name)).bold = True
            if widths:
                cell.width = widths[index]
        for row in block.rows:
            cells = table.add_row().cells
            for index, cell in enumerate(cells):
                value = row[index] if index < len(row) else None
                cell.text = xml_text(cell_text(value))
                if is_number(value):
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if self.document.direction == "rtl":
            _put(table._tbl.tblPr, "w:bidiVisual", AFTER_TABLE_BIDI)
        self.docx.add_paragraph()

    def chart(self, block: Chart) -> None:
        width_px, _ = svg_size(chart_svg(block.spec, self.document))
        width = min(width_px / PX_PER_CM if width_px else TEXT_WIDTH_CM, TEXT_WIDTH_CM)
        picture = io.BytesIO(chart_png(block.spec, self.document))
        paragraph = self.docx.add_paragraph()
        paragraph.add_run().add_picture(picture, width=Cm(width))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if block.caption:
            self.paragraph(xml_text(block.caption), style="Caption")
        if block.table is not None:
            self.table(block.table)

    def key_values(self, pairs: tuple[tuple[str, str], ...]) -> None:
        for key, value in pairs:
            paragraph = self.docx.add_paragraph()
            paragraph.add_run(xml_text(key) + ": ").bold = True
            paragraph.add_run(xml_text(value))

    def cover(self, cover: Cover) -> None:
        self.paragraph(xml_text(cover.title), style="Title")
        if cover.subtitle:
            self.paragraph(xml_text(cover.subtitle), style="Subtitle")
        self.key_values(cover.details)
        if cover.note:
            self.docx.add_paragraph().add_run(xml_text(cover.note)).italic = True
        self.docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def contents(self, block: TableOfContents) -> None:
        self.paragraph(xml_text(block.title), style="TOC Heading")
        note = label(self.document, "contents_note")
        _field(self.docx.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', note)
        update = _put(self.docx.settings.element, "w:updateFields", AFTER_UPDATE_FIELDS)
        update.set(qn("w:val"), "true")

    def footer(self) -> None:
        section = self.docx.sections[0]
        # A4 with the PDF's margins, not python-docx's US Letter template.
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.6)
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(xml_text(self.document.title) + "  ·  ")
        _field(paragraph, "PAGE", "1")

    def notes_section(self) -> None:
        if not self.notes:
            return
        self.paragraph(xml_text(label(self.document, "notes")), style="Heading 1")
        for number, note in enumerate(self.notes, start=1):
            paragraph = self.docx.add_paragraph()
            paragraph.add_run(str(number)).font.superscript = True
            paragraph.add_run(" " + xml_text(note))

    def styles(self) -> None:
        normal = self.docx.styles["Normal"]
        normal.font.name = LATIN_FONT
        normal.font.size = Pt(10.5)
        script = script_font(self.document)
        for name in STYLED_FONTS:
            fonts = self.docx.styles[name].element.get_or_add_rPr().get_or_add_rFonts()
            for attribute in THEME_FONT_ATTRIBUTES:
                fonts.attrib.pop(qn(attribute), None)
            fonts.set(qn("w:ascii"), LATIN_FONT)
            fonts.set(qn("w:hAnsi"), LATIN_FONT)
            if script:
                fonts.set(qn("w:cs"), script)
        lang = _put(normal.element.get_or_add_rPr(), "w:lang", AFTER_RUN_LANG)
        lang.set(qn("w:val"), self.document.language or "en")
        if script:
            lang.set(qn("w:bidi"), self.document.language)

    def render(self) -> bytes:
        document = self.document
        self.styles()
        self.footer()
        if document.cover is not None:
            self.cover(document.cover)
        for block in document.blocks:
            if isinstance(block, Heading):
                level = min(max(block.level, 1), 9)
                self.paragraph(xml_text(block.text), style=f"Heading {level}")
            elif isinstance(block, Paragraph):
                self.inline(self.docx.add_paragraph(), block.content)
            elif isinstance(block, BulletList):
                style = "List Number" if block.numbered else "List Bullet"
                for item in block.items:
                    self.inline(self.paragraph(style=style), item)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Chart):
                self.chart(block)
            elif isinstance(block, PageBreak):
                self.docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            elif isinstance(block, TableOfContents):
                self.contents(block)
            elif isinstance(block, KeyValues):
                self.key_values(block.pairs)
        self.notes_section()
        if document.direction == "rtl":
            _right_to_left(self.docx)
        properties = self.docx.core_properties
        properties.title = xml_text(document.title)
        properties.author = xml_text(document.author)
        properties.language = base_language(document)
        buffer = io.BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()


def _paragraphs(docx: DocxDocument) -> Iterator[DocxParagraph]:
    yield from docx.paragraphs
    for section in docx.sections:
        yield from section.footer.paragraphs

    def in_tables(tables: list[DocxTable]) -> Iterator[DocxParagraph]:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
                    yield from in_tables(cell.tables)

    yield from in_tables(docx.tables)


def _right_to_left(docx: DocxDocument) -> None:
    """Paragraphs, runs and sections flow right to left (`w:bidi`, `w:rtl`)."""
    for section in docx.sections:
        _put(section._sectPr, "w:bidi", AFTER_SECTION_BIDI)
    for paragraph in _paragraphs(docx):
        _put(paragraph._p.get_or_add_pPr(), "w:bidi", AFTER_PARAGRAPH_BIDI)
        for run in paragraph.runs:
            _put(run._r.get_or_add_rPr(), "w:rtl", AFTER_RUN_RTL)


def render_docx(document: Document) -> bytes:
    return _Renderer(document).render()
