"""Urdu PDFs have a text layer that search and copy can use (issue 14, item 4).

pdftotext applies the Unicode bidirectional algorithm and gives back each line in logical
order. pypdf does not reorder a line: it returns an Urdu line's words from left to right (each
word in logical order), so its checks read the words of a line backwards.
"""

import io
import re
import shutil
import subprocess

import pypdf
import pytest

from palermo.reports.document import (
    BulletList,
    Cover,
    Direction,
    Document,
    Heading,
    Paragraph,
    Table,
    TableOfContents,
)
from palermo.reports.renderers.common import text_direction
from palermo.reports.renderers.pdf import render_pdf, typst_source
from palermo.reports.renderers.typst_markup import escape

TITLE = "اقوام متحدہ کا کنونشن"
EVENT = "منظم جرائم پر علاقائی ورکشاپ"
URDU = (
    "ریاستیں اس کنونشن کے تحت اپنے قوانین کو ہم آہنگ کرتی ہیں اور ایک دوسرے کے ساتھ تعاون"
    " کرتی ہیں۔ ورکشاپ کی تاریخیں 18 – 2024 ہیں۔"
)
ENGLISH = (
    "The workshop brought together prosecutors from eleven states to compare how they apply"
    " the Convention to organised crime groups, and it met in Islamabad."
)
# Bidi controls pdftotext puts around right-to-left lines and left-to-right runs.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def urdu_document() -> Document:
    cover = Cover(title=TITLE, subtitle="خود تشخیصی رپورٹ", details=(("ریاست", "پاکستان"),))
    return Document(title=TITLE, language="ur", direction="rtl", cover=cover).add(
        TableOfContents("فہرست"),
        Heading(TITLE),
        Paragraph.of(URDU),
        Heading(EVENT, level=2),
        Paragraph.of(ENGLISH),
        Heading("Legal provisions", level=2),
        BulletList.of("Conspiracy.", "Participation in a group."),
        Table(
            columns=("دفعہ", "Note"),
            rows=(("120-ب", "Applies to groups."), ("قانون", 3)),
            caption="نافذ قوانین",
        ),
    )


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pdf(urdu_document())


def pdftotext(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install Debian's poppler-utils (make browser-deps).")
    result = subprocess.run(  # noqa: S603 - a fixed command reading our own PDF.
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return BIDI_CONTROLS.sub("", result.stdout.decode())


def pypdf_lines(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


def test_pdftotext_gives_the_urdu_title_and_event_in_logical_order(pdf: bytes) -> None:
    lines = [line.strip() for line in pdftotext(pdf).splitlines()]

    assert TITLE in lines  # The cover and the heading, exactly as typed.
    assert EVENT in lines
    text = "".join("".join(lines).split())
    assert "".join(URDU.split()) in text  # The paragraph, its number range as typed too.


def test_pdftotext_keeps_the_english_full_stop_at_the_end(pdf: bytes) -> None:
    text = " ".join(pdftotext(pdf).split())

    assert ENGLISH in text
    assert ".The workshop" not in text
    assert "Applies to groups." in text
    assert "Conspiracy." in text


def test_pypdf_gives_whole_urdu_words_in_line_order(pdf: bytes) -> None:
    def compact(text: str) -> str:
        return re.sub(r"\s+", "", text)

    lines = [compact(line) for line in pypdf_lines(pdf)]

    # Every word comes back letter for letter; the words of a line come left to right.
    for phrase in (TITLE, EVENT):
        assert compact("".join(reversed(phrase.split()))) in lines
    assert "\ufffd" not in "".join(lines)
    assert not re.search("[\u202a-\u202e]", "".join(lines))


def test_pypdf_keeps_the_english_sentence_and_bookmarks_the_titles(pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)

    assert ENGLISH in text
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert TITLE in titles
    assert reader.metadata is not None
    assert reader.metadata.title == TITLE


def test_urdu_pdf_is_set_in_naskh_with_english_blocks_left_to_right() -> None:
    source = typst_source(urdu_document())

    assert '"Noto Naskh Arabic", "Noto Sans"' in source
    assert "Nastaliq" not in source
    # The English paragraph and heading get their own direction, Latin fonts and leading.
    assert source.count("#[#set text(dir: ltr") >= 4
    assert 'dir: ltr, font: ("Noto Sans", "Noto Naskh Arabic"), size: 10pt);' in source
    assert f"#set par(leading: 0.7em); {ENGLISH[:20]}" in source


def test_english_pdf_markup_is_unchanged_by_urdu_handling() -> None:
    document = Document(title="Report").add(Heading("Scope"), Paragraph.of(ENGLISH))

    source = typst_source(document)

    assert "dir: ltr" in source
    assert "#[#set text" not in source
    assert "outline.entry" not in source


def test_an_urdu_paragraph_in_an_english_document_reads_right_to_left() -> None:
    document = Document(title="Report").add(Paragraph.of(URDU))

    assert "#[#set text(dir: rtl" in typst_source(document)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        (TITLE, "rtl"),
        (ENGLISH, "ltr"),
        ("2024 – 18", None),
        ("", None),
        ("Palermo کنونشن کے تحت", "rtl"),  # Mostly Urdu with an English name: Urdu.
    ],
)
def test_text_direction_follows_most_letters(text: str, direction: str | None) -> None:
    assert text_direction(text) == direction


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("18 – 2024", "#box[#set text(dir: ltr); 18 – 2024];"),
        ("from 2018–2024.", "from #box[#set text(dir: ltr); 2018–2024];\\."),
        ("18\u00a0–\u00a020 May", "#box[#set text(dir: ltr); 18\u00a0–\u00a020]; May"),
        ("120-ب", "120\\-ب"),
    ],
)
def test_number_ranges_are_kept_on_one_line(text: str, markup: str) -> None:
    assert escape(text) == markup


def test_a_number_range_never_wraps_in_a_narrow_column() -> None:
    sentence = "ورکشاپ کی تاریخیں بہت زیادہ الفاظ 18 – 2024 ہیں اور مزید"
    document = Document(title="x", language="ur", direction="rtl").add(
        Table(columns=("ایک", "دو", "تین", "چار"), rows=((sentence, sentence, sentence, 1),))
    )

    text = pdftotext(render_pdf(document))

    assert text.count("18 – 2024") == 3  # Each range whole, on one line.


def test_english_text_in_an_urdu_report_takes_the_pages_it_takes_in_english() -> None:
    def pages(language: str, direction: Direction) -> int:
        document = Document(title="x", language=language, direction=direction)
        for number in range(30):
            document.add(Heading(f"Event {number}", level=2), Paragraph.of(ENGLISH * 3))
        return len(pypdf.PdfReader(io.BytesIO(render_pdf(document))).pages)

    assert pages("ur", "rtl") == pages("en", "ltr")
