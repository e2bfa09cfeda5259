"""The compliance matrix: per article, the government, civil society and the reviewers."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from palermo.reports.builders import review_common
from palermo.reports.builders.common import new_document, sheet_name
from palermo.reports.document import Cover, Document, Heading, KeyValues, Paragraph, Table
from palermo.reports.registry import FORMATS, Params, ReportKind, register
from palermo.reviews.models import AnswerStatus, Assessment, Observation, Review
from palermo.reviews.selectors import parallel as parallel_selectors


def build_compliance_matrix(*, user: Any, review: Review, language: str) -> Document:
    """The side-by-side page's matrix (`reviews.selectors.side_by_side`) as a document."""
    review_common.check(user, review)
    with translation.override(language):
        return _build(user, review, language)


def _government(row: parallel_selectors.SideBySideRow) -> str:
    answer = row.answer
    if answer is None:
        return _("Not visible")
    if not answer.compliance:
        return _("Not answered")
    label = str(answer.get_compliance_display())
    if answer.status != AnswerStatus.APPROVED:
        return _("%(assessment)s (draft)") % {"assessment": label}
    return label


def _reviewers(observations: list[Observation]) -> str:
    if not observations:
        return _("No observation")
    still_open = sum(1 for o in observations if o.status != Observation.Status.CLOSED)
    return ngettext(
        "%(count)s observation, %(open)s not closed",
        "%(count)s observations, %(open)s not closed",
        len(observations),
    ) % {"count": len(observations), "open": still_open}


def _distribution(distribution: dict[str, int]) -> str:
    labels = dict(Assessment.choices)
    return ", ".join(
        f"{labels[key]}: {count}" for key, count in distribution.items() if count
    ) or _("None")


AGREEMENT = {"agree": gettext_lazy("Agree"), "disagree": gettext_lazy("Disagree")}


def _build(user: Any, review: Review, language: str) -> Document:
    rows = parallel_selectors.side_by_side(user=user, review=review)
    distributions = {
        row.article.pk: row.distribution for row in parallel_selectors.consolidation_rows(review)
    }
    sheets: set[str] = set()
    document = new_document(
        title=_("Compliance matrix: %(review)s") % {"review": review},
        language=language,
        cover=Cover(
            title=_("Compliance matrix"),
            subtitle=review_common.subtitle(review),
            details=review_common.cover_details(review),
        ),
    )
    review_common.hold_review(document, review, [row.answer for row in rows if row.answer])
    if any(row.observations for row in rows):
        document.hold("observations", review.pk)
    agree = sum(1 for row in rows if row.agreement == "agree")
    disagree = sum(1 for row in rows if row.agreement == "disagree")
    still_open = sum(row.open_observations for row in rows)
    document.add(
        Heading(_("Government, civil society and reviewers, side by side"), 1),
        KeyValues(
            (
                (_("Articles"), str(len(rows))),
                (_("Government and civil society agree"), str(agree)),
                (_("Government and civil society disagree"), str(disagree)),
                (_("Observations not closed"), str(still_open)),
            )
        ),
        Table(
            columns=(
                _("Article"),
                _("Title"),
                _("Government"),
                _("Civil society"),
                _("Organisations' assessments"),
                _("Reviewers"),
                _("Agreement"),
            ),
            rows=tuple(
                (
                    row.article.code,
                    row.article.title,
                    _government(row),
                    str(row.consolidated.get_assessment_display())
                    if row.consolidated
                    else _("Not assessed"),
                    _distribution(distributions.get(row.article.pk, {})),
                    _reviewers(row.observations),
                    str(AGREEMENT.get(row.agreement, "—")),
                )
                for row in rows
            ),
            caption=_("Compliance matrix"),
            widths=(1.1, 3, 1.5, 1.6, 2.2, 2, 1.2),
            sheet=sheet_name(_("Matrix"), sheets),
        ),
    )
    observations = [(row.article, o) for row in rows for o in row.observations]
    document.add(Heading(_("Reviewers' observations"), 1))
    if observations:
        document.add(
            Table(
                columns=(
                    _("Article"),
                    _("Reviewer"),
                    _("Kind"),
                    _("Status"),
                    _("Observation"),
                ),
                rows=tuple(
                    (
                        article.code,
                        review_common.reviewer_of(o),
                        str(o.get_kind_display()),
                        str(o.get_status_display()),
                        o.text,
                    )
                    for article, o in observations
                ),
                widths=(1.1, 1.5, 1.5, 1.1, 6),
                sheet=sheet_name(_("Observations"), sheets),
            )
        )
    else:
        document.add(Paragraph.of(_("No observation (or none you may see).")))
    return document


def _registered_build(params: Params, language: str, user: Any) -> Document:
    review = review_common.review_or_refuse(user, params)
    return build_compliance_matrix(user=user, review=review, language=language)


KIND = register(
    ReportKind(
        code="compliance_matrix",
        label=gettext_lazy("Compliance matrix"),
        description=gettext_lazy(
            "Every article of the review with the government's self-assessment, civil "
            "society's assessment and the reviewers' observations."
        ),
        formats=FORMATS,
        params=review_common.REVIEW_PARAMS,
        build=_registered_build,
        can_generate=review_common.can_generate,
        state=review_common.review_state,
        describe=review_common.describe,
    )
)
