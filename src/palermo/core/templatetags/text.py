"""The one way to print text people wrote and values that mix digits with words.

An English sentence in an Urdu page (or Urdu in an English one) must keep its full stop at its
own end, and a value such as ``2025-Q4``, ``12 meetings`` or ``44 %`` must not be reordered by
the page's direction. Each filter isolates its value (``<bdi>`` or ``dir`` with
``unicode-bidi: isolate``, see ``palermo.css``) and gives it the direction of its own text:

- ``{{ answer.text|bidi }}``: inline text people wrote (names, titles, table cells, badges).
- ``{{ answer.text|bidi_block }}``: paragraphs people wrote; each paragraph takes the direction
  of its own first letter, so an English paragraph and an Urdu one can follow each other.
- ``{{ note.text|bidi_lines }}``: a few lines people wrote, inside a sentence or a table cell
  (where a paragraph cannot stand): one isolate, each line in its own direction.
- ``{{ indicator.period|ltr }}``: a code, identifier or period that always reads left to right.
- ``{{ value|quantity:indicator.unit }}``: a number with its unit (``12 meetings``, ``44 %``).
- ``{{ share|percent }}``: a percentage in the active language's number format.
- ``{% isolate %}…{% endisolate %}``: a translated phrase mixing a number with words
  (``{% isolate %}{% blocktranslate %}{{ n }} answers{% endblocktranslate %}{% endisolate %}``).

The library is a template builtin (settings ``TEMPLATES``), so templates need no ``{% load %}``.
"""

import re
import unicodedata
from typing import Any

from django import template
from django.template.base import Parser, Token
from django.utils import formats
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_PARAGRAPHS = re.compile(r"\n{2,}")


def direction_of(text: str) -> str:
    """``"rtl"`` or ``"ltr"``: the direction of the first strong letter, ``"ltr"`` without one.

    The rule of the Unicode bidirectional algorithm's paragraph level (P2, P3), as browsers
    apply it to ``dir="auto"``; digits and signs alone read left to right.
    """
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


def _empty(value: Any) -> bool:
    return value is None or value == ""


@register.filter(needs_autoescape=True)
def bidi(value: Any, autoescape: bool = True) -> str:
    """Inline text people wrote, isolated in the direction of its own text."""
    if _empty(value):
        return ""
    # The most used filter of every page: the escaped text put in place without format_html.
    text = conditional_escape(value) if autoescape else str(value)
    return SafeString(f'<bdi dir="auto">{text}</bdi>')


@register.filter(needs_autoescape=True)
def bidi_block(value: Any, autoescape: bool = True) -> str:
    """Paragraphs people wrote: one ``<p dir="auto">`` per paragraph, lines kept with ``<br>``."""
    if _empty(value):
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = []
    for paragraph in _PARAGRAPHS.split(text):
        escaped = conditional_escape(paragraph) if autoescape else paragraph
        paragraphs.append(
            format_html('<p dir="auto">{}</p>', mark_safe(escaped.replace("\n", "<br>")))  # noqa: S308
        )
    return format_html('<div class="user-text">{}</div>', mark_safe("".join(paragraphs)))  # noqa: S308


@register.filter(needs_autoescape=True)
def bidi_lines(value: Any, autoescape: bool = True) -> str:
    """Lines people wrote, inline: ``<br>`` between lines, each line in its own direction."""
    if _empty(value):
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    escaped = conditional_escape(text) if autoescape else text
    return format_html(
        '<bdi class="user-lines" dir="auto">{}</bdi>',
        mark_safe(escaped.replace("\n", "<br>")),  # noqa: S308 - escaped above
    )


@register.filter(needs_autoescape=True)
def ltr(value: Any, autoescape: bool = True) -> str:
    """A code, identifier or period (``2025-Q4``, ``untoc:2``) that always reads left to right."""
    if _empty(value):
        return ""
    text = conditional_escape(value) if autoescape else str(value)
    return SafeString(f'<bdi dir="ltr">{text}</bdi>')


def _number(value: Any) -> str:
    if isinstance(value, str):
        return value
    return formats.number_format(value, use_l10n=True)


@register.filter(needs_autoescape=True)
def quantity(value: Any, unit: Any = "", autoescape: bool = True) -> str:
    """A number and its unit, kept in that order whatever the page's direction.

    The direction is the unit's (an Urdu unit reads right to left, its number still first in
    reading order); a unit without letters (``%``) reads left to right.
    """
    if _empty(value):
        return ""
    number = _number(value)
    text = f"{number} {unit}".strip() if unit else number
    escaped = conditional_escape(text) if autoescape else text
    return format_html(
        '<bdi dir="{}">{}</bdi>',
        direction_of(str(unit)) if unit else "ltr",
        mark_safe(escaped),  # noqa: S308 - escaped above
    )


@register.filter
def percent(value: Any, decimals: int = 0) -> str:
    """A percentage (``44 %``) in the active language's number format, read left to right."""
    if _empty(value):
        return ""
    number = formats.number_format(value, decimal_pos=int(decimals), use_l10n=True)
    return format_html('<bdi dir="ltr">{}\u00a0%</bdi>', number)


class IsolateNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        content = self.nodelist.render(context).strip()
        if not content:
            return mark_safe("")  # noqa: S308 - empty
        return format_html(
            '<bdi dir="{}">{}</bdi>',
            direction_of(strip_tags(content)),
            mark_safe(content),  # noqa: S308 - rendered (and escaped) by the template
        )


@register.tag
def isolate(parser: Parser, token: Token) -> IsolateNode:
    """Isolate a rendered phrase (a number with translated words) in its own direction."""
    nodelist = parser.parse(("endisolate",))
    parser.delete_first_token()
    return IsolateNode(nodelist)
