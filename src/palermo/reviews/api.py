import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from palermo.core import uploads
from palermo.core.api_types import Date, Id, PatchSchema
from palermo.core.audit import export_record
from palermo.core.http import acting_user
from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from palermo.instruments.models import Cluster, Instrument, Provision, State
from palermo.instruments.selectors import article_get
from palermo.reviews import permissions, selectors, services, xlsform
from palermo.reviews.models import ArticleAnswer, Question, Review

router = Router(tags=["reviews"])


class ReviewIn(Schema):
    state: str = Field(description="ISO 3166 alpha-3, e.g. PAK")
    cluster: int
    year: int = Field(ge=2018, le=2100)
    start_date: Date | None = None
    cycle: int = 1


class MilestoneOut(Schema):
    kind: str
    label: str = Field(alias="get_kind_display")
    due: datetime.date | None
    done_at: datetime.datetime | None
    is_late: bool


class ReviewOut(Schema):
    id: int
    state: str = Field(alias="state.iso3")
    cluster: int = Field(alias="cluster.number")
    cycle: int
    year: int
    start_date: datetime.date
    phase: str
    version: int
    instruments: list[str]
    milestones: list[MilestoneOut] = Field(alias="milestones.all")

    @staticmethod
    def resolve_instruments(obj: Review) -> list[str]:
        return [i.code for i in obj.instruments.all()]


class QuestionOut(Schema):
    id: int
    article: str = Field(alias="article.code")
    key: str
    field_name: str
    kind: str
    text: str
    help_text: str


class QuestionPatch(PatchSchema):
    model = Question

    text: str
    help_text: str = ""


class AnswerOut(Schema):
    id: int
    article: str = Field(alias="article.code")
    status: str
    compliance: str
    responses: dict[str, str]
    provisions: list[Id]
    version: int
    assigned_body: str | None = Field(default=None, alias="assigned_body.name")
    assignee: str | None = Field(default=None, alias="assignee.username")
    shared_with_civil_society: bool
    return_comment: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_provisions(obj: ArticleAnswer) -> list[int]:
        return [p.pk for p in obj.provisions.all()]


class AnswerIn(Schema):
    version: int = Field(
        description="The version you started from; a newer one means a conflict (409)."
    )
    compliance: str = ""
    responses: dict[str, str] = {}
    provisions: list[Id] = []


class AssignIn(Schema):
    articles: list[str] = Field(description="Article codes, e.g. untoc:5")
    body: Id | None = Field(default=None, description="Organisation id")
    assignee: Id | None = Field(default=None, description="User id")


class DecisionIn(Schema):
    answers: list[Id]
    comment: str = ""


class ShareIn(Schema):
    shared: bool


class ReopenIn(Schema):
    reason: str


class DiffPieceOut(Schema):
    kind: Literal["equal", "delete", "insert"]
    text: str


class ChangeOut(Schema):
    """One field's change: runs of words kept, removed and added."""

    field: str
    pieces: list[DiffPieceOut]


class VersionOut(Schema):
    number: int
    user: str
    when: datetime.datetime
    reason: str
    status: str
    changes: list[ChangeOut]


def _review(request: HttpRequest, review_id: int) -> Review:
    return selectors.review_get(user=request.user, review_id=review_id)


def _answer(request: HttpRequest, review_id: int, answer_id: int) -> ArticleAnswer:
    return selectors.answer_get(
        user=request.user, review=_review(request, review_id), answer_id=answer_id
    )


@router.post("/reviews", response={201: ReviewOut})
def open_review(request: HttpRequest, payload: ReviewIn) -> Status[Review]:
    review = services.review_open(
        actor=acting_user(request),
        state=get_object_or_404(State, iso3=payload.state.upper()),
        cluster=get_object_or_404(Cluster, number=payload.cluster),
        year=payload.year,
        start_date=payload.start_date,
        cycle=payload.cycle,
    )
    return Status(201, review)


@router.get("/reviews", response=list[ReviewOut])
@paginate
def list_reviews(request: HttpRequest) -> Any:
    return selectors.review_list(user=request.user).prefetch_related("instruments", "milestones")


@router.get("/reviews/{review_id}", response=ReviewOut)
def get_review(request: HttpRequest, review_id: int) -> Review:
    return _review(request, review_id)


@router.get("/reviews/{review_id}/questionnaire", response=list[QuestionOut])
def get_questionnaire(request: HttpRequest, review_id: int) -> Any:
    return _review(request, review_id).questions.select_related("article__instrument")


@router.patch("/reviews/{review_id}/questions/{question_id}", response=QuestionOut)
def update_question(
    request: HttpRequest, review_id: int, question_id: int, payload: QuestionPatch
) -> Question:
    question = get_object_or_404(_review(request, review_id).questions, pk=question_id)
    return services.question_save(actor=acting_user(request), question=question, **payload.dict())


@router.get("/reviews/{review_id}/answers", response=list[AnswerOut])
def list_answers(request: HttpRequest, review_id: int) -> Any:
    return selectors.answer_list(user=request.user, review=_review(request, review_id))


@router.get("/reviews/{review_id}/answers/{answer_id}", response=AnswerOut)
def get_answer(request: HttpRequest, review_id: int, answer_id: int) -> ArticleAnswer:
    return _answer(request, review_id, answer_id)


@router.put("/reviews/{review_id}/answers/{answer_id}", response=AnswerOut)
def save_answer(
    request: HttpRequest, review_id: int, answer_id: int, payload: AnswerIn
) -> ArticleAnswer:
    answer = _answer(request, review_id, answer_id)
    provisions = list(Provision.objects.select_related("law").filter(pk__in=payload.provisions))
    return services.answer_save(
        actor=acting_user(request),
        answer=answer,
        expected_version=payload.version,
        compliance=payload.compliance,
        responses=payload.responses,
        provisions=provisions,
    )


@router.get("/reviews/{review_id}/answers/{answer_id}/history", response=list[VersionOut])
def answer_history(request: HttpRequest, review_id: int, answer_id: int) -> Any:
    return selectors.answer_history(
        user=request.user, answer=_answer(request, review_id, answer_id)
    )


@router.post("/reviews/{review_id}/answers/{answer_id}/send", response=AnswerOut)
def send_answer(request: HttpRequest, review_id: int, answer_id: int) -> ArticleAnswer:
    return services.answer_send_for_approval(
        actor=acting_user(request), answer=_answer(request, review_id, answer_id)
    )


@router.post("/reviews/{review_id}/answers/{answer_id}/share", response=AnswerOut)
def share_answer(
    request: HttpRequest, review_id: int, answer_id: int, payload: ShareIn
) -> ArticleAnswer:
    return services.answer_share(
        actor=acting_user(request),
        answer=_answer(request, review_id, answer_id),
        shared=payload.shared,
    )


@router.post("/reviews/{review_id}/assign", response=list[AnswerOut])
def assign_answers(request: HttpRequest, review_id: int, payload: AssignIn) -> Any:
    review = _review(request, review_id)
    answers = [
        a
        for a in review.answers.select_related("article__instrument")
        if a.article.code in payload.articles
    ]
    body = get_object_or_404(Organisation, pk=payload.body) if payload.body else None
    assignee = get_object_or_404(User, pk=payload.assignee) if payload.assignee else None
    return services.answer_assign(
        actor=acting_user(request), answers=answers, body=body, assignee=assignee
    )


@router.post("/reviews/{review_id}/approve", response=list[AnswerOut])
def approve_answers(request: HttpRequest, review_id: int, payload: DecisionIn) -> Any:
    review = _review(request, review_id)
    answers = list(
        review.answers.select_related("article__instrument").filter(pk__in=payload.answers)
    )
    return services.answer_approve(actor=acting_user(request), answers=answers)


@router.post("/reviews/{review_id}/return", response=list[AnswerOut])
def return_answers(request: HttpRequest, review_id: int, payload: DecisionIn) -> Any:
    review = _review(request, review_id)
    answers = list(
        review.answers.select_related("article__instrument").filter(pk__in=payload.answers)
    )
    return services.answer_return(
        actor=acting_user(request), answers=answers, comment=payload.comment
    )


@router.post("/reviews/{review_id}/submit", response=ReviewOut)
def submit_review(request: HttpRequest, review_id: int) -> Review:
    services.review_submit(actor=acting_user(request), review=_review(request, review_id))
    return _review(request, review_id)


@router.post("/reviews/{review_id}/advance", response=ReviewOut)
def advance_review(request: HttpRequest, review_id: int) -> Review:
    services.review_advance(actor=acting_user(request), review=_review(request, review_id))
    return _review(request, review_id)


@router.post("/reviews/{review_id}/reopen", response=ReviewOut)
def reopen_review(request: HttpRequest, review_id: int, payload: ReopenIn) -> Review:
    services.review_reopen(
        actor=acting_user(request), review=_review(request, review_id), reason=payload.reason
    )
    return _review(request, review_id)


class ReviewerOut(Schema):
    instrument: str = Field(alias="instrument.code")
    state: str = Field(alias="state.iso3")
    state_name: str = Field(alias="state.display_name")
    group: str
    by_lot: bool
    is_additional: bool


class DrawIn(Schema):
    seed: str | None = Field(default=None, description="Give the recorded seed to re-run a draw.")


class DrawOut(Schema):
    seed: str
    reviewers: list[ReviewerOut]


class ReviewerIn(Schema):
    instrument: str
    state: str
    group: str = Field(pattern="^(same|other)$")


class ParticipantIn(Schema):
    user: int
    role: str = Field(pattern="^(peer_reviewer|observer)$")


class ReplyOut(Schema):
    id: int
    author: str = Field(alias="author.username")
    text: str
    from_state_under_review: bool
    created_at: datetime.datetime


class ObservationOut(Schema):
    id: int
    article: str = Field(alias="article.code")
    reviewing_state: str | None = Field(default=None, alias="reviewing_state.iso3")
    author: str = Field(alias="author.username")
    kind: str
    category: str
    text: str
    status: str
    created_at: datetime.datetime
    replies: list[ReplyOut] = Field(alias="replies.all")


class ObservationIn(Schema):
    article: str
    kind: str = Field(pattern="^(question|information_request|finding)$")
    category: str = ""
    text: str


class TextIn(Schema):
    text: str


class StatusIn(Schema):
    status: str = Field(pattern="^(open|answered|closed)$")


@router.post("/reviews/{review_id}/draw-reviewers", response=DrawOut)
def draw(request: HttpRequest, review_id: int, payload: DrawIn) -> dict[str, Any]:
    """Draw the reviewing States by lot; the seed is recorded and returned."""
    review = _review(request, review_id)
    records = services.reviewers_draw(actor=acting_user(request), review=review, seed=payload.seed)
    review.refresh_from_db()
    return {"seed": review.draw_seed, "reviewers": records}


@router.get("/reviews/{review_id}/reviewers", response=list[ReviewerOut])
def list_reviewers(request: HttpRequest, review_id: int) -> Any:
    return _review(request, review_id).reviewers.select_related("instrument", "state")


@router.put("/reviews/{review_id}/reviewers", response=list[ReviewerOut])
def set_reviewers(request: HttpRequest, review_id: int, payload: list[ReviewerIn]) -> Any:
    review = _review(request, review_id)
    choices = [
        (
            get_object_or_404(Instrument, code=c.instrument),
            get_object_or_404(State, iso3=c.state.upper()),
            c.group,
        )
        for c in payload
    ]
    return services.reviewers_set(actor=acting_user(request), review=review, choices=choices)


@router.post("/reviews/{review_id}/participants", response={201: dict[str, Any]})
def add_participant(
    request: HttpRequest, review_id: int, payload: ParticipantIn
) -> Status[dict[str, Any]]:
    review = _review(request, review_id)
    grant = services.participant_add(
        actor=acting_user(request),
        review=review,
        user=get_object_or_404(User, pk=payload.user),
        role=Role(payload.role),
    )
    return Status(201, {"user": grant.user.username, "role": grant.role})


@router.get("/reviews/{review_id}/observations", response=list[ObservationOut])
def list_observations(request: HttpRequest, review_id: int) -> Any:
    return selectors.observation_list(user=request.user, review=_review(request, review_id))


@router.post("/reviews/{review_id}/observations", response={201: ObservationOut})
def create_observation(request: HttpRequest, review_id: int, payload: ObservationIn) -> Status[Any]:
    review = _review(request, review_id)
    observation = services.observation_create(
        actor=acting_user(request),
        review=review,
        article=article_get(payload.article),
        kind=payload.kind,
        category=payload.category,
        text=payload.text,
    )
    return Status(201, observation)


def _observation(request: HttpRequest, review_id: int, observation_id: int) -> Any:
    review = _review(request, review_id)
    found = [
        o
        for o in selectors.observation_list(user=request.user, review=review)
        if o.pk == observation_id
    ]
    if not found:
        raise Http404("No such observation.")
    return found[0]


@router.post("/reviews/{review_id}/observations/{observation_id}/replies", response={201: ReplyOut})
def reply(
    request: HttpRequest, review_id: int, observation_id: int, payload: TextIn
) -> Status[Any]:
    observation = _observation(request, review_id, observation_id)
    return Status(
        201,
        services.observation_reply(
            actor=acting_user(request), observation=observation, text=payload.text
        ),
    )


@router.post("/reviews/{review_id}/observations/{observation_id}/status", response=ObservationOut)
def set_observation_status(
    request: HttpRequest, review_id: int, observation_id: int, payload: StatusIn
) -> Any:
    observation = _observation(request, review_id, observation_id)
    services.observation_set_status(
        actor=acting_user(request), observation=observation, status=payload.status
    )
    return _observation(request, review_id, observation_id)


class ParallelAssessmentOut(Schema):
    article: str = Field(alias="article.code")
    assessment: str
    evidence: str
    sources: str
    recommendations: str


class SubmissionOut(Schema):
    id: int
    organisation: str = Field(alias="organisation.name")
    status: str
    submitted_at: datetime.datetime | None
    assessments: list[ParallelAssessmentOut] = Field(alias="assessments.all")


class ParallelAssessmentIn(Schema):
    article: str
    assessment: str = ""
    evidence: str = ""
    sources: str = ""
    recommendations: str = ""


class ParallelIn(Schema):
    assessments: list[ParallelAssessmentIn]
    submit: bool = False


class ConsolidationIn(Schema):
    assessment: str
    summary: str = ""
    evidence: str = ""
    recommendations: str = ""


class ConsolidationOut(Schema):
    article: str = Field(alias="article.code")
    assessment: str
    summary: str
    evidence: str
    recommendations: str


class SideBySideOut(Schema):
    article: str
    government: str | None
    government_status: str | None
    civil_society: str | None
    open_observations: int
    observations: int
    agreement: str


@router.put("/reviews/{review_id}/parallel", response=SubmissionOut)
def save_parallel(request: HttpRequest, review_id: int, payload: ParallelIn) -> Any:
    """Save (and with `submit`, send) your organisation's parallel assessment."""
    user = acting_user(request)
    review = _review(request, review_id)
    values = {
        article_get(item.article): item.dict(exclude={"article"}) for item in payload.assessments
    }
    submission = services.parallel_save(actor=user, review=review, assessments=values)
    if payload.submit:
        submission = services.parallel_submit(actor=user, submission=submission)
    return submission


@router.get("/reviews/{review_id}/parallel/submissions", response=list[SubmissionOut])
def list_submissions(request: HttpRequest, review_id: int) -> Any:
    return selectors.submissions_visible(user=request.user, review=_review(request, review_id))


@router.put("/reviews/{review_id}/consolidation/{article_code}", response=ConsolidationOut)
def consolidate(
    request: HttpRequest, review_id: int, article_code: str, payload: ConsolidationIn
) -> Any:
    review = _review(request, review_id)
    return services.consolidation_save(
        actor=acting_user(request),
        review=review,
        article=article_get(article_code),
        **payload.dict(),
    )


@router.get("/reviews/{review_id}/side-by-side", response=list[SideBySideOut])
def get_side_by_side(request: HttpRequest, review_id: int) -> list[dict[str, Any]]:
    """Per article: government self-assessment, civil society's assessment, observations."""
    rows = selectors.side_by_side(user=request.user, review=_review(request, review_id))
    return [
        {
            "article": row.article.code,
            "government": row.answer.compliance or None if row.answer else None,
            "government_status": row.answer.status if row.answer else None,
            "civil_society": row.consolidated.assessment if row.consolidated else None,
            "open_observations": row.open_observations,
            "observations": len(row.observations),
            "agreement": row.agreement,
        }
        for row in rows
    ]


class ImportResultOut(Schema):
    kind: str
    changed: list[str]


@router.get("/reviews/{review_id}/xlsform", response={200: None})
def get_xlsform(request: HttpRequest, review_id: int) -> HttpResponse:
    """The questionnaire as an XLSForm workbook."""
    user = acting_user(request)
    review = _review(request, review_id)
    if not permissions.can_read_drafts(user, review):
        raise PermissionDenied
    content = xlsform.build_xlsform(review)
    export_record(actor=user, what=f"XLSForm of {review}", fmt="xlsx", obj=review)
    response = HttpResponse(content, content_type=xlsform.XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="palermo-review-{review.pk}-xlsform.xlsx"'
    )
    return response


@router.post("/reviews/{review_id}/xlsform", response=ImportResultOut)
def post_xlsform(request: HttpRequest, review_id: int, file: File[UploadedFile]) -> Any:
    """Import a filled questionnaire (answers) or an edited XLSForm (question texts)."""
    user = acting_user(request)
    review = _review(request, review_id)
    if not permissions.can_manage_review(user, review):
        raise PermissionDenied
    return xlsform.import_file(
        actor=user,
        review=review,
        content=uploads.read_upload(file, max_bytes=uploads.import_max_bytes()),
        filename=file.name or "",
    )


class MilestoneIn(Schema):
    due: Date | None


@router.patch("/reviews/{review_id}/milestones/{kind}", response=MilestoneOut)
def set_milestone(request: HttpRequest, review_id: int, kind: str, payload: MilestoneIn) -> Any:
    milestone = get_object_or_404(_review(request, review_id).milestones, kind=kind)
    return services.milestone_set(actor=acting_user(request), milestone=milestone, due=payload.due)
