"""The self-assessment report: the State's answers, article by article, with the observations."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.reports.builders import review_common, selectors
from palermo.reports.builders.common import article_label, new_document, sheet_name
from palermo.reports.document import (
    Block,
    Cover,
    Document,
    Heading,
    Paragraph,
    Table,
    TableOfContents,
    Text,
)
from palermo.reports.registry import FORMATS, Param, Params, ReportKind, register
from palermo.reviews.models import Observation, Question, Review
from palermo.reviews.selectors import observations as observation_selectors
from palermo.reviews.selectors import reviews as review_selectors

# Who the report is for: the government sees drafts marked as such; the edition for peer
# reviewers leaves out every answer not approved, so it holds nothing they may not read.
FOR_GOVERNMENT, FOR_REVIEWERS = "government", "reviewers"
AUDIENCE = Param(
    "audience",
    gettext_lazy("Edition"),
    str,
    gettext_lazy("The edition for peer reviewers leaves out answers not yet approved."),
    choices=(
        (FOR_GOVERNMENT, gettext_lazy("For the government (drafts marked)")),
        (FOR_REVIEWERS, gettext_lazy("For peer reviewers (approved answers only)")),
    ),
)


def build_self_assessment(
    *, user: Any, review: Review, language: str, audience: str = FOR_GOVERNMENT
) -> Document:
    """The questionnaire with the approved answers (drafts marked), provisions, observations."""
    review_common.check(user, review)
    with translation.override(language):
        return _build(user, review, language, approved_only=audience == FOR_REVIEWERS)


def _build(user: Any, review: Review, language: str, *, approved_only: bool) -> Document:
    answers = selectors.reported_answers(user=user, review=review)
    if approved_only:
        answers = {pk: reported for pk, reported in answers.items() if reported.approved}
    questions = review_selectors.questions_for(review)
    observations: dict[int, list[Observation]] = {}
    for observation in observation_selectors.observation_list(user=user, review=review):
        observations.setdefault(observation.article_id, []).append(observation)
    articles = selectors.review_articles(review)
    sheets: set[str] = set()

    document = new_document(
        title=_("Self-assessment report: %(review)s") % {"review": review},
        language=language,
        cover=Cover(
            title=_("Self-assessment report"),
            subtitle=review_common.subtitle(review),
            details=review_common.cover_details(review),
            note=_("Only approved answers are printed.")
            if approved_only
            else _(
                "Answers not yet approved are printed in their latest version and marked as drafts."
            ),
        ),
    )
    review_common.hold_review(document, review, answers.values())
    document.add(TableOfContents(_("Contents")), Heading(_("Summary"), 1))
    summary_rows = []
    for article in articles:
        reported = answers.get(article.pk)
        summary_rows.append(
            (
                article.code,
                article.title,
                _status(reported),
                reported.compliance_label if reported else "",
                len(observations.get(article.pk, [])),
            )
        )
    document.add(
        Table(
            columns=(
                _("Article"),
                _("Title"),
                _("Answer"),
                _("Obligation met"),
                _("Observations"),
            ),
            rows=tuple(summary_rows),
            caption=_("The articles under review and the state of their answers"),
            widths=(1.2, 4, 1.6, 1.4, 1.2),
            sheet=sheet_name(_("Summary"), sheets),
        )
    )
    if any(observations.values()):
        document.hold("observations", review.pk)
    for article in articles:
        document.add(
            *_article_blocks(
                article,
                questions.get(article.pk, []),
                answers.get(article.pk),
                observations.get(article.pk, []),
                sheets,
            )
        )
    return document


def _status(reported: selectors.ReportedAnswer | None) -> str:
    if reported is None:
        return _("Not visible")
    return _("Approved") if reported.approved else _("Draft")


def _answer_text(question: Question, reported: selectors.ReportedAnswer) -> str:
    if question.kind == Question.Kind.COMPLIANCE:
        return reported.compliance_label or _("No answer.")
    text = reported.responses.get(question.key, "").strip()
    if text:
        return text
    if question.kind == Question.Kind.PROVISIONS and reported.provisions:
        return _("See the legal provisions cited below.")
    return _("No answer.")


def _article_blocks(
    article: Any,
    questions: list[Question],
    reported: selectors.ReportedAnswer | None,
    observations: list[Observation],
    sheets: set[str],
) -> list[Block]:
    label = article_label(article.code)
    blocks: list[Block] = [Heading(f"{article.code} — {article.title}", 1)]
    if reported is None:
        blocks.append(Paragraph.of(_("No answer on this article is printed in this edition.")))
    else:
        if not reported.approved:
            blocks.append(
                Paragraph.of(Text(_("Draft: this answer has not been approved yet."), italic=True))
            )
        blocks.append(
            Table(
                columns=(_("Question"), _("Answer")),
                rows=tuple((q.text_in_language, _answer_text(q, reported)) for q in questions),
                widths=(2, 5),
                sheet=sheet_name(label, sheets),
            )
        )
        if reported.provisions:
            blocks.append(Heading(_("Legal provisions cited"), 3))
            blocks.append(
                Table(
                    columns=(_("Law"), _("Section"), _("Heading")),
                    rows=tuple(
                        (p.law.title, p.section or _("The law as a whole"), p.heading)
                        for p in reported.provisions
                    ),
                    widths=(3, 1, 3),
                    sheet=sheet_name(_("%(article)s laws") % {"article": label}, sheets),
                )
            )
    if observations:
        blocks.append(Heading(_("Observations and replies"), 3))
        blocks.append(
            Table(
                columns=review_common.observation_columns(),
                rows=tuple(row for o in observations for row in review_common.observation_rows(o)),
                widths=(1.4, 1.4, 1, 4, 4),
                sheet=sheet_name(_("%(article)s observations") % {"article": label}, sheets),
            )
        )
    return blocks


def _registered_build(params: Params, language: str, user: Any) -> Document:
    review = review_common.review_or_refuse(user, params)
    return build_self_assessment(
        user=user,
        review=review,
        language=language,
        audience=str(params.get("audience", FOR_GOVERNMENT)),
    )


KIND = register(
    ReportKind(
        code="self_assessment",
        label=gettext_lazy("Self-assessment report"),
        description=gettext_lazy(
            "The State's answers to the questionnaire, article by article, with the legal "
            "provisions cited and the reviewers' observations and replies."
        ),
        formats=FORMATS,
        params=(*review_common.REVIEW_PARAMS, AUDIENCE),
        build=_registered_build,
        can_generate=review_common.can_generate,
        state=review_common.review_state,
        describe=review_common.describe,
    )
)
