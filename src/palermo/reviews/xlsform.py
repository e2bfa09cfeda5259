"""A review's questionnaire as an XLSForm (KoboToolbox, ODK), and what comes back from it.

Export writes the survey, choices and settings sheets; pyxform checks it converts to an XForm.
Import takes either a filled data export (one submission: columns named after the questions,
group prefixes like `g_untoc_5/` allowed) which becomes answers, or an edited XLSForm (a
`survey` sheet) whose labels become the review's question texts. All of a file, or none.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from palermo.core import tabular, uploads
from palermo.core.audit import audit_record, export_record
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.core.spreadsheets import workbook_bytes
from palermo.core.tabular import read_table
from palermo.reviews import permissions
from palermo.reviews.models import ArticleAnswer, Compliance, Question, Review
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import opening as opening_services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsform_export(*, actor: User, review: Review) -> tuple[bytes, str]:
    """The questionnaire as an XLSForm and its file name, for those who may read drafts.

    Every export is recorded, whichever surface asked for it.
    """
    require(permissions.can_read_drafts(actor, review))
    content = build_xlsform(review)
    export_record(actor=actor, what=f"XLSForm of {review}", fmt="xlsx", obj=review)
    return content, f"palermo-review-{review.pk}-xlsform.xlsx"


def build_xlsform(review: Review) -> bytes:
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "hint", "appearance"])
    questions = review.questions.select_related("article__instrument").order_by(
        "article__instrument__position", "article__number", "position"
    )
    current = None
    for question in questions:
        article = question.article
        if article.pk != current:
            if current is not None:
                survey.append(["end_group", "", "", "", ""])
            survey.append(
                [
                    "begin_group",
                    f"g_{article.instrument.code}_{article.number}",
                    f"{article.code} {article.title}",
                    "",
                    "",
                ]
            )
            current = article.pk
        if question.kind == Question.Kind.COMPLIANCE:
            survey.append(
                [
                    "select_one compliance",
                    question.field_name,
                    question.text,
                    question.help_text,
                    "",
                ]
            )
        else:
            survey.append(
                ["text", question.field_name, question.text, question.help_text, "multiline"]
            )
    if current is not None:
        survey.append(["end_group", "", "", "", ""])
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for value, label in Compliance.choices:
        choices.append(["compliance", value, str(label)])
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append([str(review), f"palermo_review_{review.pk}", f"{review.version}"])
    return workbook_bytes(workbook)


def validate_xlsform(content: bytes) -> str:
    """The XForm XML pyxform makes of the workbook; raises ValidationError if it cannot."""
    try:
        return str(convert(xlsform=content, file_type=".xlsx").xform)
    except Exception as error:  # pyxform raises many kinds for a bad form
        raise ValidationError(f"The XLSForm is not valid: {error}") from error


@dataclass
class ImportResult:
    kind: str  # "answers" or "questions"
    changed: list[str]


def _is_xlsform(content: bytes) -> bool:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True)
    except Exception:  # noqa: BLE001 - not a workbook: read_table says why
        return False
    names = [sheet.lower() for sheet in workbook.sheetnames]
    workbook.close()
    return "survey" in names


@transaction.atomic
def import_file(
    *, actor: User | None, review: Review, content: bytes, filename: str
) -> ImportResult:
    """Import answers (a filled questionnaire) or question texts (an edited XLSForm).

    Refused past the caps of `core.uploads` before openpyxl or pyxform reads the workbook.
    """
    if actor is not None:
        require(permissions.can_manage_review(actor, review))
    uploads.check_import_size(content)
    is_workbook = content.startswith(b"PK\x03\x04")
    if is_workbook:
        tabular.check_workbook_rows(content)
    if is_workbook and filename.lower().endswith(".xlsx") and _is_xlsform(content):
        validate_xlsform(content)
        result = _import_questions(actor, review, content)
    else:
        result = _import_answers(actor, review, content, filename)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.IMPORT,
        obj=review,
        object_repr=f"{filename}: {len(result.changed)} {result.kind} ({review})"[:255],
    )
    return result


def _import_questions(actor: User | None, review: Review, content: bytes) -> ImportResult:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    sheet = next(s for s in workbook.worksheets if s.title.lower() == "survey")
    rows = [
        [("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(values_only=True)
    ]
    workbook.close()
    header = [h.strip().lower() for h in rows[0]]
    if "name" not in header or "label" not in header:
        raise ValidationError("The survey sheet needs 'name' and 'label' columns.")
    by_name = {q.field_name: q for q in review.questions.select_related("article__instrument")}
    changed = []
    for row in rows[1:]:
        values = dict(zip(header, row, strict=False))
        question = by_name.get(values.get("name", "").strip())
        if question is None or not values.get("label", "").strip():
            continue
        if (
            values["label"].strip() != question.text
            or values.get("hint", "").strip() != question.help_text
        ):
            opening_services.question_save(
                actor=actor,
                question=question,
                text=values["label"],
                help_text=values.get("hint", ""),
            )
            changed.append(question.field_name)
    return ImportResult("questions", changed)


def _import_answers(
    actor: User | None, review: Review, content: bytes, filename: str
) -> ImportResult:
    rows = read_table(content, filename)
    if len(rows) != 1:
        raise ValidationError(
            f"The file must hold exactly one filled questionnaire; it holds {len(rows)}."
        )
    questions = {
        q.field_name.lower(): q for q in review.questions.select_related("article__instrument")
    }
    matched: dict[str, str] = {}
    for column, value in rows[0].values.items():
        # Kobo and ODK prefix the group: "g_untoc_5/untoc_5_measures" (normalised with "_").
        for name in questions:
            if column == name or column.endswith("_" + name):
                matched[name] = value
    if not matched:
        raise ValidationError(
            "No column of the file is a question of this review (e.g. untoc_5_measures)."
        )
    errors = []
    by_article: dict[int, dict[str, str]] = {}
    for name, value in matched.items():
        question = questions[name]
        if question.kind == Question.Kind.COMPLIANCE and value and value not in Compliance.values:
            errors.append(f"{name}: “{value}” is not one of {', '.join(Compliance.values)}.")
        by_article.setdefault(question.article_id, {})[question.key] = value
    if errors:
        raise ValidationError(errors)
    changed = []
    for answer in ArticleAnswer.objects.filter(
        review=review, article_id__in=by_article
    ).select_related("article__instrument"):
        given = by_article[answer.article_id]
        compliance = given.pop("compliance", answer.compliance)
        responses = {**answer.responses, **{k: v for k, v in given.items() if v}}
        answer_services.answer_save(
            actor=actor,
            answer=answer,
            expected_version=answer.version,
            compliance=compliance,
            responses=responses,
            provisions=list(answer.provisions.all()),
        )
        changed.append(answer.article.code)
    return ImportResult("answers", changed)
