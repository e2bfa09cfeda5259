"""Urdu and Arabic documents: right to left in every format, in fonts that shape them."""

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook

from palermo.reports.document import (
    BulletList,
    Cover,
    Document,
    Heading,
    Paragraph,
    Table,
    TableOfContents,
    Text,
)
from palermo.reports.renderers.docx import render_docx
from palermo.reports.renderers.html import render_html
from palermo.reports.renderers.pdf import render_pdf
from palermo.reports.renderers.xlsx import render_xlsx

SCREENSHOT = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "report-urdu-page1.png"
HEADING = "اقوام متحدہ کا کنونشن"
WORDS = ("منظم", "جرائم", "خلاف")


def urdu_document(*, front_matter: bool = True) -> Document:
    """An Urdu report; without front matter its first page is the body text."""
    cover = Cover(title=HEADING, subtitle="خود تشخیصی رپورٹ", details=(("ریاست", "پاکستان"),))
    document = Document(
        title=HEADING, language="ur", direction="rtl", cover=cover if front_matter else None
    )
    if front_matter:
        document.add(TableOfContents("فہرست"))
    return document.add(
        Heading(HEADING),
        Paragraph.of(
            "منظم جرائم کے خلاف ",
            Text("اقوام متحدہ کا کنونشن", bold=True, footnote="پالرمو، دسمبر 2000"),
            " بین الاقوامی منظم جرائم کے خلاف جنگ میں ایک اہم قدم ہے۔ ریاستیں اس کنونشن کے"
            " تحت اپنے قوانین کو ہم آہنگ کرتی ہیں اور ایک دوسرے کے ساتھ تعاون کرتی ہیں۔"
            " دفعہ 5 منظم جرائم کے گروہ میں شرکت کو جرم قرار دیتی ہے۔",
        ),
        Heading("قانونی دفعات", level=2),
        BulletList.of("سازش کا جرم", "گروہ کی رکنیت کا جرم"),
        Table(
            columns=("دفعہ", "قانون", "مقدمات"),
            rows=(("120-ب", "تعزیرات پاکستان", 14), ("4", "انسداد منی لانڈرنگ ایکٹ", 3)),
            caption="نافذ قوانین",
        ),
    )


def arabic_script(text: str) -> str:
    return "".join(c for c in text if "\u0600" <= c <= "\u06ff")


def test_urdu_pdf_text_is_arabic_script_with_the_words_letters() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(urdu_document(front_matter=False))))
    body = reader.pages[0].extract_text()
    letters = set(arabic_script(body))

    # Nastaliq draws a word from many positioned glyphs (dots apart from their letters), so
    # pypdf returns its letters but not in reading order: check letters, not whole words.
    assert len(arabic_script(body)) > 200
    for word in (*HEADING.split(), *WORDS):
        assert set(word) <= letters, word
    assert "\ufffd" not in body
    assert not any("\ue000" <= c <= "\uf8ff" for c in body)
    assert reader.metadata is not None
    assert reader.metadata.title == HEADING


def test_arabic_pdf_text_comes_back_word_for_word() -> None:
    document = Document(title="اتفاقية", language="ar", direction="rtl").add(
        Heading("اتفاقية الأمم المتحدة"), Paragraph.of("مكافحة الجريمة المنظمة عبر الوطنية")
    )

    text = pypdf.PdfReader(io.BytesIO(render_pdf(document))).pages[0].extract_text()

    for word in ("اتفاقية", "الأمم", "المتحدة", "مكافحة", "الجريمة", "المنظمة", "الوطنية"):
        assert word in text


def test_urdu_pdf_first_page_renders_to_png() -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: install Debian's poppler-utils (make browser-deps).")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    pdf = render_pdf(urdu_document(front_matter=False))
    command = ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]

    subprocess.run(  # noqa: S603 - a fixed command writing our own file.
        [*command, "-", str(SCREENSHOT.with_suffix(""))], input=pdf, check=True, timeout=60
    )

    assert SCREENSHOT.read_bytes().startswith(b"\x89PNG")
    assert SCREENSHOT.stat().st_size > 10_000


def test_urdu_docx_is_right_to_left_in_nastaliq() -> None:
    with zipfile.ZipFile(io.BytesIO(render_docx(urdu_document()))) as archive:
        body = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()

    assert body.count("<w:bidi/>") >= 10
    assert "<w:rtl/>" in body
    assert "<w:bidiVisual/>" in body
    assert 'w:cs="Noto Nastaliq Urdu"' in styles
    assert 'w:bidi="ur"' in styles
    assert HEADING in body


def test_urdu_xlsx_sheets_read_right_to_left() -> None:
    workbook = load_workbook(io.BytesIO(render_xlsx(urdu_document())))

    assert len(workbook.sheetnames) == 2
    assert workbook.sheetnames[1] == "نافذ قوانین"
    assert all(sheet.sheet_view.rightToLeft for sheet in workbook.worksheets)
    assert workbook.worksheets[1]["C2"].value == 14


def test_urdu_html_declares_direction_and_language() -> None:
    page = render_html(urdu_document())

    assert page.startswith('<article class="palermo-report" dir="rtl" lang="ur">')
    assert HEADING in page
