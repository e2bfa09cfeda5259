"""The core text filters: user text and mixed values isolated in their own direction."""

from django.template import Context, Template
from django.utils import translation

from palermo.core.templatetags.text import (
    bidi,
    bidi_block,
    bidi_lines,
    direction_of,
    ltr,
    percent,
    quantity,
)


def render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_direction_of_takes_the_first_strong_letter() -> None:
    assert direction_of("12. Has your country adopted…?") == "ltr"
    assert direction_of("12 ملاقاتیں") == "rtl"
    assert direction_of("44 %") == "ltr"
    assert direction_of("") == "ltr"


def test_bidi_isolates_and_escapes_inline_text() -> None:
    assert bidi("Has <your> country?") == '<bdi dir="auto">Has &lt;your&gt; country?</bdi>'
    assert bidi("") == ""
    assert bidi(None) == ""


def test_bidi_block_gives_each_paragraph_its_own_direction() -> None:
    text = "First line.\nSecond line.\n\nپاکستان کا قانون"
    assert bidi_block(text) == (
        '<div class="user-text"><p dir="auto">First line.<br>Second line.</p>'
        '<p dir="auto">پاکستان کا قانون</p></div>'
    )
    assert bidi_block("a < b") == '<div class="user-text"><p dir="auto">a &lt; b</p></div>'


def test_bidi_lines_keeps_lines_inline() -> None:
    assert bidi_lines("One.\r\nTwo.") == '<bdi class="user-lines" dir="auto">One.<br>Two.</bdi>'


def test_codes_and_periods_read_left_to_right() -> None:
    assert ltr("2025-Q4") == '<bdi dir="ltr">2025-Q4</bdi>'


def test_a_number_takes_the_direction_of_its_unit() -> None:
    assert quantity("12", "meetings") == '<bdi dir="ltr">12 meetings</bdi>'
    assert quantity("12", "ملاقاتیں") == '<bdi dir="rtl">12 ملاقاتیں</bdi>'
    assert quantity("44", "%") == '<bdi dir="ltr">44 %</bdi>'
    assert quantity(None, "cases") == ""


def test_a_percentage_uses_the_active_language_format() -> None:
    with translation.override("en"):
        assert percent(44) == '<bdi dir="ltr">44\u00a0%</bdi>'
        assert percent(12.345, 1) == '<bdi dir="ltr">12.3\u00a0%</bdi>'


def test_the_filters_are_builtins_and_respect_autoescape() -> None:
    html = render("{{ title|bidi }} {{ period|ltr }}", title="<b>Plan</b>", period="2025-Q4")
    assert html == '<bdi dir="auto">&lt;b&gt;Plan&lt;/b&gt;</bdi> <bdi dir="ltr">2025-Q4</bdi>'


def test_isolate_gives_a_translated_phrase_its_own_direction() -> None:
    html = render("{% isolate %}{{ n }} meetings{% endisolate %}", n=12)
    assert html == '<bdi dir="ltr">12 meetings</bdi>'
    assert render("{% isolate %} {% endisolate %}") == ""
    assert render("{% isolate %}{{ n }} ملاقاتیں{% endisolate %}", n=3) == (
        '<bdi dir="rtl">3 ملاقاتیں</bdi>'
    )
