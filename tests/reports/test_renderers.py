"""The four renderers read back: every block of an English document shows up in each format."""

import io
import json
import re
import zipfile

import docx
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from palermo.reports.document import (
    BulletList,
    Chart,
    Cover,
    Document,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
    Text,
)
from palermo.reports.renderers import CONTENT_TYPES, FORMATS, extension, render
from palermo.reports.renderers.docx import render_docx
from palermo.reports.renderers.html import render_html, render_html_page
from palermo.reports.renderers.pdf import _get_compiler, render_pdf
from palermo.reports.renderers.typst_markup import escape, string
from palermo.reports.renderers.xlsx import render_xlsx

SPEC = {
    "title": "Cases by year",
    "width": 240,
    "height": 140,
    "data": {"values": [{"year": "2022", "cases": 4}, {"year": "2023", "cases": 9}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "year", "type": "ordinal", "title": "Year"},
        "y": {"field": "cases", "type": "quantitative", "title": "Cases"},
    },
}


def sample_document() -> Document:
    document = Document(
        title="Self-assessment of Pakistan",
        author="UNODC Secretariat",
        cover=Cover(
            title="Self-assessment of Pakistan",
            subtitle="Review of the implementation of UNTOC",
            details=(("State", "Pakistan"), ("Cycle", "2024")),
            note="Draft for consultation.",
        ),
    )
    return document.add(
        TableOfContents("Contents"),
        PageBreak(),
        Heading("Article 5 Criminalization"),
        Paragraph.of(
            "The offence of participation is ",
            Text("established", bold=True),
            " in the ",
            Text("Penal Code", italic=True, footnote="Section 120-B, Penal Code 1860."),
            " <script>alert(1)</script> #hash *star* _under_ $5 @ref [x] \\ `tick`.",
        ),
        Heading("Provisions", level=2),
        BulletList.of("Conspiracy offence", "Membership offence"),
        BulletList.of("Draft the bill", "Consult the Senate", numbered=True),
        Table(
            columns=("Provision", "Law", "Cases"),
            rows=(("Section 120-B", "Penal Code", 14), ("Section 4", "AML Act", 2.5)),
            caption="Provisions in force",
            widths=(2, 3, 1),
            sheet="Provisions",
        ),
        Heading("Statistics", level=3),
        Chart(
            SPEC,
            caption="Cases prosecuted",
            table=Table(columns=("Year", "Cases"), rows=(("2022", 4), ("2023", 9))),
        ),
        KeyValues((("Status", "Draft"), ("Reviewer", "Austria"))),
    )


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def one_line(text: str) -> str:
    """Text with line breaks and runs of spaces as one space: PDF lines wrap anywhere."""
    return " ".join(text.split())


def test_pdf_holds_headings_cells_and_footnotes() -> None:
    text = one_line(pdf_text(render_pdf(sample_document())))

    for expected in (
        "Self-assessment of Pakistan",
        "Contents",
        "Article 5 Criminalization",
        "Provisions",
        "Section 120-B",
        "AML Act",
        "2.5",
        "Section 120-B, Penal Code 1860.",
        "<script>alert(1)</script> #hash *star* _under_ $5 @ref [x] \\ `tick`.",
        "Membership offence",
        "Reviewer",
    ):
        assert expected in text


def test_pdf_has_title_author_and_numbered_pages() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(sample_document())))

    assert reader.metadata is not None
    assert reader.metadata.title == "Self-assessment of Pakistan"
    assert reader.metadata.author == "UNODC Secretariat"
    # The cover is unnumbered; the contents page is page 1 of 2.
    assert len(reader.pages) == 3
    assert "1 / 2" in reader.pages[1].extract_text()


def test_pdf_table_of_contents_lists_level_one_and_two_headings() -> None:
    contents = pypdf.PdfReader(io.BytesIO(render_pdf(sample_document()))).pages[1].extract_text()

    assert "Article 5 Criminalization" in contents
    assert "Provisions" in contents
    assert "Statistics" not in contents


def test_docx_uses_heading_styles_runs_tables_and_notes() -> None:
    word = docx.Document(io.BytesIO(render_docx(sample_document())))
    styles = {p.text: p.style.name for p in word.paragraphs if p.style is not None}
    paragraph = next(p for p in word.paragraphs if p.text.startswith("The offence"))

    assert styles["Article 5 Criminalization"] == "Heading 1"
    assert styles["Provisions"] == "Heading 2"
    assert styles["Statistics"] == "Heading 3"
    assert styles["Self-assessment of Pakistan"] == "Title"
    assert styles["Conspiracy offence"] == "List Bullet"
    assert styles["Draft the bill"] == "List Number"
    assert [r.text for r in paragraph.runs if r.bold] == ["established"]
    assert [r.text for r in paragraph.runs if r.italic] == ["Penal Code"]
    assert [r.text for r in paragraph.runs if r.font.superscript] == ["1"]
    assert styles["Notes"] == "Heading 1"
    assert "1 Section 120-B, Penal Code 1860." in [p.text for p in word.paragraphs]
    provisions = word.tables[0]
    assert [c.text for c in provisions.rows[0].cells] == ["Provision", "Law", "Cases"]
    assert [c.text for c in provisions.rows[2].cells] == ["Section 4", "AML Act", "2.5"]
    assert [c.text for c in word.tables[1].rows[1].cells] == ["2022", "4"]
    assert len(word.inline_shapes) == 1
    assert word.core_properties.title == "Self-assessment of Pakistan"
    assert word.core_properties.author == "UNODC Secretariat"
    assert word.core_properties.language == "en"


def test_docx_has_updatable_toc_and_repeated_header_rows() -> None:
    content = render_docx(sample_document())
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        body = archive.read("word/document.xml").decode()
        word_settings = archive.read("word/settings.xml").decode()

    assert 'TOC \\o "1-2"' in body
    assert body.count("<w:tblHeader") == 2
    assert '<w:updateFields w:val="true"/>' in word_settings
    assert "<w:bidi/>" not in body


def test_xlsx_has_about_sheet_and_one_typed_sheet_per_table() -> None:
    workbook = load_workbook(io.BytesIO(render_xlsx(sample_document())))

    assert workbook.sheetnames == ["About", "Provisions", "Table 2"]
    about = workbook["About"]
    assert about["B2"].value == "Self-assessment of Pakistan"
    assert about["B6"].value == 2
    provisions = workbook["Provisions"]
    assert [c.value for c in provisions[1]] == ["Provision", "Law", "Cases"]
    assert provisions["A1"].font.bold
    assert provisions.freeze_panes == "A2"
    assert provisions["C2"].value == 14
    assert provisions["C3"].value == 2.5
    assert [c.value for c in workbook["Table 2"][3]] == ["2023", 9]
    assert not provisions.sheet_view.rightToLeft


def test_xlsx_sheet_names_are_valid_and_unique() -> None:
    long = "A caption: far [too] long/for a sheet name?"
    document = Document(title="Names").add(
        Table(columns=("a",), rows=((1,),), caption=long),
        Table(columns=("a",), rows=((2,),), caption=long),
        Table(columns=("a",), rows=((3,),), sheet="about"),
    )

    names = load_workbook(io.BytesIO(render_xlsx(document))).sheetnames

    assert names == [
        "About",
        "A caption  far  too  long for a",
        "A caption  far  too  long f (2)",
        "about (2)",
    ]
    assert all(len(name) <= 31 for name in names)


def test_html_escapes_text_and_links_contents_to_headings() -> None:
    page = render_html(sample_document())

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.startswith('<article class="palermo-report" dir="ltr" lang="en">')
    anchor = re.search(r'<h2 id="([^"]+)">Article 5 Criminalization</h2>', page)
    assert anchor is not None
    assert f'<a href="#{anchor.group(1)}">Article 5 Criminalization</a>' in page
    assert "<caption>Provisions in force</caption>" in page
    assert '<th scope="col">Provision</th>' in page
    assert '<th scope="row">Section 120-B</th>' in page
    assert '<a href="#fn-1" id="fnref-1" role="doc-noteref">1</a>' in page
    assert '<li id="fn-1">Section 120-B, Penal Code 1860.' in page
    assert page.count("<svg") == 1


def test_html_can_leave_charts_to_the_browser() -> None:
    spec = {**SPEC, "title": "</script><b>x</b>"}
    document = Document(title="Charts").add(Chart(spec, caption="Cases"))

    page = render_html(document, inline_charts=False)

    assert "<svg" not in page
    payload = re.search(
        r'<div class="vega-chart report-chart" role="img" aria-label="Cases">'
        r'<script type="application/json">(.*?)</script></div>',
        page,
    )
    assert payload is not None
    assert "</script><b>" not in payload.group(1)
    assert json.loads(payload.group(1)) == spec


def test_html_page_is_standalone() -> None:
    page = render_html_page(sample_document())

    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Self-assessment of Pakistan</title>" in page
    assert "http://" not in page.replace("http://www.w3.org/", "")
    assert "https://" not in page


def test_render_dispatches_each_format() -> None:
    document = sample_document()

    outputs = {fmt: render(document, fmt) for fmt in FORMATS}

    assert outputs["pdf"].startswith(b"%PDF-")
    assert outputs["docx"].startswith(b"PK")
    assert outputs["xlsx"].startswith(b"PK")
    assert outputs["html"].startswith(b"<!DOCTYPE html>")
    assert set(CONTENT_TYPES) == set(FORMATS)
    assert [extension(fmt) for fmt in FORMATS] == ["html", "pdf", "docx", "xlsx"]


def test_render_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="Unknown report format 'odt'"):
        render(sample_document(), "odt")


def test_typst_string_literal_round_trips() -> None:
    assert string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'


TYPST_SPECIALS = "#*_$@<>[]\\`~=-+/.'\":;()"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        # Combining marks join the letter before them into a cluster the fonts may not draw.
        st.text(st.characters(exclude_categories=("Cs", "Mn", "Mc", "Me"))),
        st.text(alphabet=st.sampled_from(TYPST_SPECIALS + "ab \n1\u2013اقوام")),
        st.lists(
            st.sampled_from([*TYPST_SPECIALS, "x", "1.", "//", "/*", " ", "\n", "1 \u2013 2"])
        ).map("".join),
    )
)
def test_escaped_text_compiles_and_comes_back(text: str) -> None:
    source = f"{escape(text)}\n\n#strong[{escape(text)}];#footnote[{escape(text)}];("
    pdf = _get_compiler().compile(input=source.encode(), format="pdf")

    assert isinstance(pdf, bytes)
    letters = re.sub(r"[^A-Za-z]", "", text)
    assert re.sub(r"[^A-Za-z]", "", pdf_text(pdf)) == letters * 3
