"""The default questions asked about every article under review."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from palermo.reviews.models import Question


@dataclass(frozen=True)
class DefaultQuestion:
    key: str
    kind: Question.Kind
    text: str | Promise
    help_text: str | Promise


DEFAULT_QUESTIONS = (
    DefaultQuestion(
        "compliance",
        Question.Kind.COMPLIANCE,
        _("Has your country adopted the measures this article requires?"),
        _("Yes, partly, no, or not applicable; explain a partial answer below."),
    ),
    DefaultQuestion(
        "measures",
        Question.Kind.MEASURES,
        _("Describe the measures taken to implement this article."),
        _("Laws, regulations, institutions, policies and practice."),
    ),
    DefaultQuestion(
        "provisions",
        Question.Kind.PROVISIONS,
        _("Cite the legal provisions that implement this article."),
        _("Choose them from the legislation registry, and quote or summarise them."),
    ),
    DefaultQuestion(
        "examples",
        Question.Kind.EXAMPLES,
        _("Give examples of implementation: cases, court decisions, statistics."),
        _("Figures with their year and source."),
    ),
    DefaultQuestion(
        "assistance",
        Question.Kind.ASSISTANCE,
        _("What technical assistance would help your country implement this article?"),
        _("Leave empty if none is needed."),
    ),
)
