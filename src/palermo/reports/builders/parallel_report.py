"""The parallel report: civil society's assessment beside the government's answer, per article."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.reports.builders import review_common, selectors
from palermo.reports.builders.common import article_label, day, new_document, sheet_name
from palermo.reports.builders.permissions import NOT_ALLOWED, can_generate_parallel_report
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
from palermo.reports.registry import FORMATS, Params, ReportKind, register
from palermo.reviews.models import Assessment, Review
from palermo.reviews.selectors import parallel as parallel_selectors

# The government's responses printed as its answer and as its evidence.
ANSWER_KEY = "measures"
EVIDENCE_KEY = "examples"


def build_parallel_report(*, user: Any, review: Review, language: str) -> Document:
    """Civil society's parallel report on a review, from the database.

    Per article: the government's answer, civil society's consolidated assessment, its
    evidence and recommendations, and each organisation's contribution.
    """
    review_common.check(user, review)
    with translation.override(language):
        return _build(user, review, language)


def agreement(reported: selectors.ReportedAnswer | None, assessment: str) -> str:
    """Say "Agree" or "Disagree"; empty when either side has not assessed the article."""
    government = reported.compliance if reported else ""
    if government not in parallel_selectors.MATCHING or assessment in {"", Assessment.CANNOT_SAY}:
        return ""
    if parallel_selectors.MATCHING[government] == assessment:
        return _("Agree")
    return _("Disagree")


def _build(user: Any, review: Review, language: str) -> Document:
    answers = selectors.reported_answers(user=user, review=review)
    rows = parallel_selectors.consolidation_rows(review)
    submissions = selectors.contributing_submissions(review)
    sheets: set[str] = set()
    document = new_document(
        title=_("Parallel report: %(review)s") % {"review": review},
        language=language,
        cover=Cover(
            title=_("Civil society's parallel report"),
            subtitle=review_common.subtitle(review),
            details=(
                *review_common.cover_details(review),
                (_("Contributing organisations"), str(len(submissions))),
            ),
            note=_(
                "Civil society's consolidated assessment of each article, beside the "
                "government's self-assessment."
            ),
        ),
    )
    review_common.hold_review(document, review, answers.values())
    # Each organisation's evidence and recommendations are printed: its submission is held.
    for submission in submissions:
        document.hold("parallel_submission", submission.pk)
    document.add(
        TableOfContents(_("Contents")),
        Heading(_("Summary"), 1),
        Paragraph.of(
            _(
                "%(count)s organisations answered civil society's standardized questionnaire. "
                "For each article, the coordinator consolidated their assessments; the table "
                "compares it with the government's own assessment."
            )
            % {"count": len(submissions)}
        ),
    )
    summary = []
    for row in rows:
        reported = answers.get(row.article.pk)
        consolidated = row.consolidated
        summary.append(
            (
                row.article.code,
                row.article.title,
                reported.compliance_label if reported else _("Not visible"),
                str(consolidated.get_assessment_display()) if consolidated else _("Not assessed"),
                agreement(reported, consolidated.assessment if consolidated else "") or "—",
            )
        )
    document.add(
        Table(
            columns=(
                _("Article"),
                _("Title"),
                _("Government"),
                _("Civil society"),
                _("Agreement"),
            ),
            rows=tuple(summary),
            widths=(1.2, 4, 1.5, 1.8, 1.3),
            sheet=sheet_name(_("Summary"), sheets),
        )
    )
    for row in rows:
        document.add(*_article_blocks(row, answers.get(row.article.pk), sheets))
    document.add(Heading(_("Contributing organisations"), 1))
    document.add(
        Table(
            columns=(_("Organisation"), _("Submitted on"), _("Articles assessed")),
            rows=tuple(
                (
                    str(submission.organisation),
                    day(submission.submitted_at),
                    submission.articles_assessed,  # type: ignore[attr-defined]
                )
                for submission in submissions
            ),
            widths=(4, 2, 1.5),
            sheet=sheet_name(_("Organisations"), sheets),
        )
        if submissions
        else Paragraph.of(_("No organisation has submitted its assessment yet."))
    )
    return document


def _distribution(distribution: dict[str, int]) -> str:
    labels = dict(Assessment.choices)
    parts = [
        _("%(count)s %(assessment)s") % {"count": count, "assessment": str(labels[key]).lower()}
        for key, count in distribution.items()
        if count
    ]
    return ", ".join(parts)


def _article_blocks(
    row: parallel_selectors.ConsolidationRow,
    reported: selectors.ReportedAnswer | None,
    sheets: set[str],
) -> list[Block]:
    article, consolidated = row.article, row.consolidated
    label = article_label(article.code)
    blocks: list[Block] = [Heading(f"{article.code} — {article.title}", 1)]
    not_visible = _("Not visible to you.")
    missing = "—"
    if reported is None:
        government = (not_visible, not_visible, not_visible)
    else:
        government = (
            reported.compliance_label or _("Not answered"),
            reported.responses.get(ANSWER_KEY, "").strip() or _("No answer."),
            reported.responses.get(EVIDENCE_KEY, "").strip() or missing,
        )
        if not reported.approved:
            blocks.append(
                Paragraph.of(
                    Text(_("The government's answer is a draft, not yet approved."), italic=True)
                )
            )
    if consolidated is None:
        civil = (_("Not assessed"), _("Not consolidated yet."), missing, missing)
    else:
        civil = (
            str(consolidated.get_assessment_display()),
            consolidated.summary or missing,
            consolidated.evidence or missing,
            consolidated.recommendations or missing,
        )
    blocks.append(
        Table(
            columns=("", _("Government"), _("Civil society")),
            rows=(
                (_("Assessment"), government[0], civil[0]),
                (_("Answer and summary"), government[1], civil[1]),
                (_("Evidence"), government[2], civil[2]),
                (_("Recommendations"), missing, civil[3]),
            ),
            widths=(1.4, 4, 4),
            sheet=sheet_name(label, sheets),
        )
    )
    verdict = agreement(reported, consolidated.assessment if consolidated else "")
    if verdict:
        blocks.append(Paragraph.of(Text(_("Agreement:"), bold=True), " ", verdict))
    if row.contributions:
        blocks.append(Heading(_("Evidence and recommendations of the organisations"), 3))
        blocks.append(
            Paragraph.of(
                _("Assessments: %(distribution)s.")
                % {"distribution": _distribution(row.distribution)}
            )
        )
        blocks.append(
            Table(
                columns=(
                    _("Organisation"),
                    _("Assessment"),
                    _("Evidence"),
                    _("Sources"),
                    _("Recommendations"),
                ),
                rows=tuple(
                    (
                        organisation,
                        str(item.get_assessment_display()),
                        item.evidence,
                        item.sources,
                        item.recommendations,
                    )
                    for organisation, item in row.contributions
                ),
                widths=(2, 1.4, 3, 2, 3),
                sheet=sheet_name(_("%(article)s organisations") % {"article": label}, sheets),
            )
        )
    return blocks


def _registered_build(params: Params, language: str, user: Any) -> Document:
    review = review_common.review_or_refuse(user, params)
    if not can_generate_parallel_report(user, review):
        raise PermissionDenied(NOT_ALLOWED)
    return build_parallel_report(user=user, review=review, language=language)


def _can_generate(user: Any, params: Params) -> bool:
    review = review_common.review_from(params)
    return review is not None and can_generate_parallel_report(user, review)


KIND = register(
    ReportKind(
        code="parallel_report",
        label=gettext_lazy("Parallel report"),
        description=gettext_lazy(
            "Civil society's consolidated assessment of each article beside the government's "
            "answer, with the evidence, the recommendations and the contributing organisations."
        ),
        formats=FORMATS,
        params=review_common.REVIEW_PARAMS,
        build=_registered_build,
        can_generate=_can_generate,
        state=review_common.review_state,
        describe=review_common.describe,
    )
)
