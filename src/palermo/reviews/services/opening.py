import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise

from palermo.core.audit import audit_created, audit_record, diff, snapshot
from palermo.core.exceptions import ConflictError
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.instruments.models import Cluster, Instrument, State
from palermo.instruments.selectors.states import was_party
from palermo.reviews import messages, permissions
from palermo.reviews.models import ArticleAnswer, Milestone, Question, Review
from palermo.reviews.question_bank import DEFAULT_QUESTIONS
from palermo.reviews.services.common import add_months


def source_text(text: str | Promise) -> str:
    """A question bank text as written in the code (English), whoever opens the review.

    The stored text is the catalogue's key: pages translate it for each reader
    (`Question.text_in_language`), so it must not be stored in the opener's language.
    """
    with translation.override(None):
        return str(text)


CONVENTION = "untoc"


def instruments_under_review(state: State, start_date: datetime.date) -> list[Instrument]:
    """The Convention always; a Protocol only when the State was party to it on the start date."""
    instruments = list(Instrument.objects.all())
    convention = next(i for i in instruments if i.code == CONVENTION)
    return [convention] + [
        i for i in instruments if i.parent_id == convention.pk and was_party(state, i, start_date)
    ]


@transaction.atomic
def review_open(
    *,
    actor: User | None,
    state: State,
    cluster: Cluster,
    year: int,
    start_date: datetime.date | None = None,
    cycle: int = 1,
) -> Review:
    """Open a review and build its questionnaire from the cluster's articles."""
    if actor is not None:
        require(permissions.can_open_review(actor, state.iso3))
    if Review.objects.filter(state=state, cluster=cluster, cycle=cycle).exists():
        raise ConflictError(messages.REVIEW_EXISTS)
    start = start_date or datetime.date(year, 1, 1)
    instruments = instruments_under_review(state, start)
    review = Review(
        state=state, cluster=cluster, year=year, cycle=cycle, start_date=start, created_by=actor
    )
    review.full_clean()
    review.save()
    review.instruments.set(instruments)
    articles = cluster.articles.filter(instrument__in=instruments).select_related("instrument")
    questions, answers = [], []
    for article in articles.order_by("instrument__position", "number"):
        for position, default in enumerate(DEFAULT_QUESTIONS):
            questions.append(
                Question(
                    review=review,
                    article=article,
                    key=default.key,
                    kind=default.kind,
                    text=source_text(default.text),
                    help_text=source_text(default.help_text),
                    position=position,
                )
            )
        answers.append(ArticleAnswer(review=review, article=article))
    Question.objects.bulk_create(questions)
    ArticleAnswer.objects.bulk_create(answers)
    Milestone.objects.bulk_create(
        [
            Milestone(
                review=review,
                kind=Milestone.Kind.FOCAL_POINT,
                due=start + datetime.timedelta(weeks=2),
            ),
            Milestone(
                review=review, kind=Milestone.Kind.EXPERTS, due=start + datetime.timedelta(weeks=4)
            ),
            Milestone(review=review, kind=Milestone.Kind.SELF_ASSESSMENT, due=add_months(start, 6)),
            # Due six months after the reviewers receive the answers: set at submission.
            Milestone(review=review, kind=Milestone.Kind.REVIEWER_FEEDBACK),
            # Not set by the mechanism's rules as far as confirmed: the secretariat sets it.
            Milestone(review=review, kind=Milestone.Kind.OBSERVATIONS),
        ]
    )
    audit_created(actor=actor, obj=review)
    event_changes = {
        "instruments": [None, [i.code for i in instruments]],
        "articles": [None, [a.code for a in articles]],
    }
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=review,
        object_repr=f"{review} questionnaire",
        changes=event_changes,
    )
    return review


@transaction.atomic
def question_save(
    *, actor: User | None, question: Question, text: str, help_text: str = ""
) -> Question:
    """The secretariat rewords a question of a review still being drafted."""
    if actor is not None:
        require(permissions.can_manage_review(actor, question.review))
    if not question.review.is_editable:
        raise ConflictError(messages.REVIEW_LOCKED)
    if not text.strip():
        raise ValidationError({"text": "A question cannot be empty."})
    before = snapshot(question, ["text", "help_text"])
    question.text, question.help_text = text.strip(), help_text.strip()
    question.full_clean()
    question.save()
    changes = diff(before, snapshot(question, ["text", "help_text"]))
    if changes:
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, obj=question, changes=changes)
    return question
