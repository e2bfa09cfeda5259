import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from palermo.core.exceptions import ConflictError
from palermo.core.models import Notification, User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from palermo.instruments.demo import demo_load
from palermo.instruments.models import Provision
from palermo.reviews.models import AnswerStatus, ArticleAnswer, Phase, Review
from palermo.reviews.selectors import answers as answer_selectors
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import phases as phase_services
from tests.factories import bearer, make_organisation, make_user

pytestmark = pytest.mark.django_db


def answer_on(review: Review, code: str) -> ArticleAnswer:
    instrument, number = code.split(":")
    return review.answers.get(article__instrument__code=instrument, article__number=int(number))


def draft(
    actor: User, answer: ArticleAnswer, text: str = "The Penal Code covers it."
) -> ArticleAnswer:
    answer.refresh_from_db()
    return answer_services.answer_save(
        actor=actor,
        answer=answer,
        expected_version=answer.version,
        compliance="partly",
        responses={"measures": text},
    )


def approve_all(secretariat: User, review: Review) -> None:
    for answer in review.answers.all():
        if answer.status != AnswerStatus.APPROVED:
            draft(secretariat, answer)
    answer_services.answer_approve(actor=secretariat, answers=list(review.answers.all()))


def test_the_focal_person_of_the_assigned_body_drafts_and_is_notified(
    review: Review, secretariat: User, focal: User, fia: Organisation
) -> None:
    answer = answer_on(review, "untoc:6")
    answer_services.answer_assign(actor=secretariat, answers=[answer], body=fia)

    saved = draft(focal, answer)

    assert saved.status == AnswerStatus.DRAFT
    assert saved.responses == {"measures": "The Penal Code covers it."}
    assert Notification.objects.filter(user=focal, text__contains="untoc:6").exists()


def test_a_focal_person_cannot_draft_an_article_of_another_body(
    review: Review, focal: User
) -> None:
    answer = answer_on(review, "untoc:6")

    with pytest.raises(PermissionDenied):
        draft(focal, answer)

    answer.refresh_from_db()
    assert answer.version == 0


def test_a_save_based_on_an_older_version_is_a_conflict_that_names_who_saved(
    review: Review, secretariat: User, focal: User, fia: Organisation
) -> None:
    answer = answer_on(review, "untoc:6")
    answer_services.answer_assign(actor=secretariat, answers=[answer], body=fia)
    answer.refresh_from_db()
    opened_at = answer.version
    answer_services.answer_save(
        actor=focal, answer=answer, expected_version=opened_at, responses={"measures": "First."}
    )

    with pytest.raises(ConflictError, match="Demo|focal|saved this answer"):
        answer_services.answer_save(
            actor=secretariat,
            answer=answer,
            expected_version=opened_at,
            responses={"measures": "Second."},
        )

    answer.refresh_from_db()
    assert answer.responses == {"measures": "First."}


def test_the_api_answers_a_conflict_with_409(
    client: Client, review: Review, secretariat: User
) -> None:
    answer = answer_on(review, "untoc:5")
    url = f"/api/v1/reviews/{review.pk}/answers/{answer.pk}"
    headers = bearer(secretariat)
    first = client.put(
        url,
        data={"version": 0, "compliance": "yes"},
        content_type="application/json",
        headers=headers,
    )
    second = client.put(
        url,
        data={"version": 0, "compliance": "no"},
        content_type="application/json",
        headers=headers,
    )

    assert first.status_code == 200
    assert second.status_code == 409
    assert "saved this answer" in second.json()["detail"]


def test_every_save_is_kept_with_a_readable_diff(review: Review, secretariat: User) -> None:
    answer = answer_on(review, "untoc:6")
    draft(secretariat, answer, "Money laundering is an offence.")
    draft(secretariat, answer, "Money laundering is a serious offence.")

    history = answer_selectors.answer_history(user=secretariat, answer=answer)

    assert [v.number for v in history] == [2, 1]
    change = history[0].changes[0]
    assert change.field == "Describe the measures taken to implement this article."
    assert [(p.kind, p.text) for p in change.pieces] == [
        ("equal", "Money laundering is"),
        ("delete", "an"),
        ("insert", "a serious"),
        ("equal", "offence."),
    ]
    assert "<ins>a serious</ins>" in change.html
    assert "<del>an</del>" in change.html


def test_cited_provisions_must_belong_to_the_states_laws(review: Review, secretariat: User) -> None:
    demo_load()
    answer = answer_on(review, "untoc:6")
    amla = Provision.objects.get(law__short_title="AMLA 2010", section="3")

    saved = answer_services.answer_save(
        actor=secretariat, answer=answer, expected_version=0, compliance="yes", provisions=[amla]
    )

    assert list(saved.provisions.all()) == [amla]


def test_the_secretariat_approves_several_answers_at_once(
    review: Review, secretariat: User
) -> None:
    answers = [answer_on(review, code) for code in ("untoc:5", "untoc:6")]
    for answer in answers:
        draft(secretariat, answer)

    answer_services.answer_approve(actor=secretariat, answers=answers)

    assert set(
        review.answers.filter(status=AnswerStatus.APPROVED).values_list(
            "article__number", flat=True
        )
    ) == {5, 6}


def test_an_answer_without_content_cannot_be_approved_and_nothing_changes(
    review: Review, secretariat: User
) -> None:
    drafted, empty = answer_on(review, "untoc:5"), answer_on(review, "untoc:6")
    draft(secretariat, drafted)

    with pytest.raises(ConflictError):
        answer_services.answer_approve(actor=secretariat, answers=[drafted, empty])

    assert not review.answers.filter(status=AnswerStatus.APPROVED).exists()


def test_returning_needs_a_comment_and_notifies_the_drafters(
    review: Review, secretariat: User, focal: User, fia: Organisation
) -> None:
    answer = answer_on(review, "untoc:8")
    answer_services.answer_assign(actor=secretariat, answers=[answer], body=fia)
    draft(focal, answer)

    with pytest.raises(ValidationError):
        answer_services.answer_return(actor=secretariat, answers=[answer], comment=" ")
    answer_services.answer_return(actor=secretariat, answers=[answer], comment="Cite the case law.")

    answer.refresh_from_db()
    assert answer.status == AnswerStatus.RETURNED
    assert Notification.objects.filter(user=focal, text__contains="Cite the case law.").exists()


def test_submission_needs_every_article_approved(review: Review, secretariat: User) -> None:
    with pytest.raises(ValidationError, match="untoc:2, untoc:5"):
        phase_services.review_submit(actor=secretariat, review=review)

    review.refresh_from_db()
    assert review.phase == Phase.DRAFTING


def test_after_submission_edits_are_409_and_a_new_version_reopens_them(
    client: Client, review: Review, secretariat: User
) -> None:
    approve_all(secretariat, review)
    phase_services.review_submit(actor=secretariat, review=review)
    answer = answer_on(review, "untoc:6")

    response = client.put(
        f"/api/v1/reviews/{review.pk}/answers/{answer.pk}",
        data={"version": answer.version, "compliance": "no"},
        content_type="application/json",
        headers=bearer(secretariat),
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith(
        "The review was submitted: answers can no longer change."
    )

    phase_services.review_reopen(
        actor=secretariat, review=review, reason="Reviewers asked for the 2023 figures."
    )
    answer.refresh_from_db()
    draft(secretariat, answer, "Updated with 2023 figures.")
    review.refresh_from_db()
    assert (review.phase, review.version) == (Phase.DRAFTING, 2)
    history = answer_selectors.answer_history(user=secretariat, answer=answer)
    assert [(v.number, v.status, v.reason) for v in history] == [
        (3, "Draft", "saved"),
        (2, "Approved", "approved"),
        (1, "Draft", "saved"),
    ]


def test_phases_move_one_step_at_a_time(review: Review, secretariat: User) -> None:
    approve_all(secretariat, review)
    phase_services.review_submit(actor=secretariat, review=review)

    phase_services.review_advance(actor=secretariat, review=review)
    phase_services.review_advance(actor=secretariat, review=review)
    review.refresh_from_db()

    assert review.phase == Phase.OBSERVATIONS_AGREED
    assert review.milestones.get(kind="self_assessment").done_at is not None
    assert review.milestones.get(kind="reviewer_feedback").due is not None


def test_civil_society_sees_only_shared_drafts(review: Review, secretariat: User) -> None:
    member = make_user(
        "member",
        Role.CS_MEMBER,
        organisation=make_organisation("Bar Council", kind="civil_society"),
    )
    shared = answer_on(review, "untoc:5")
    answer_services.answer_share(actor=secretariat, answer=shared, shared=True)

    visible = [a.article.code for a in answer_selectors.answer_list(user=member, review=review)]

    assert visible == ["untoc:5"]
    comment = answer_services.answer_comment(
        actor=member, answer=shared, text="The 2018 amendment is missing."
    )
    assert comment.organisation is not None
    with pytest.raises(PermissionDenied):
        answer_services.answer_comment(
            actor=member, answer=answer_on(review, "untoc:6"), text="Hidden"
        )


def test_deadline_reminders_are_sent_once_for_late_and_near_milestones(
    review: Review, secretariat: User
) -> None:
    import datetime

    from palermo.reviews.reminders import send_reminders

    first = send_reminders(today=datetime.date(2021, 1, 23))
    again = send_reminders(today=datetime.date(2021, 1, 23))

    texts = list(Notification.objects.filter(user=secretariat).values_list("text", flat=True))
    assert first == 2
    assert again == 0
    assert any(t.startswith("Late: Focal point appointed") for t in texts)
    assert any(t.startswith("Due on 2021-01-29: Governmental experts appointed") for t in texts)


def test_the_notifications_page_lists_and_marks_read(
    client: Client, review: Review, secretariat: User, focal: User, fia: Organisation
) -> None:
    answer_services.answer_assign(
        actor=secretariat, answers=[answer_on(review, "untoc:6")], body=fia
    )
    client.force_login(focal)

    page = client.get("/en/notifications/").content.decode()
    client.post("/en/notifications/")

    assert "You are asked to draft the answers on untoc:6" in page
    assert f'href="/en/reviews/{review.pk}/"' in page
    assert not Notification.objects.filter(user=focal, read_at__isnull=True).exists()


def test_the_secretariat_sets_a_deadline_and_others_cannot(
    client: Client, review: Review, secretariat: User, focal: User
) -> None:
    url = f"/api/v1/reviews/{review.pk}/milestones/observations"

    denied = client.patch(
        url, data={"due": "2022-06-30"}, content_type="application/json", headers=bearer(focal)
    )
    allowed = client.patch(
        url,
        data={"due": "2022-06-30"},
        content_type="application/json",
        headers=bearer(secretariat),
    )

    assert denied.status_code == 403
    assert allowed.status_code == 200
    assert allowed.json()["due"] == "2022-06-30"
    client.force_login(secretariat)
    client.post(f"/en/reviews/{review.pk}/milestone/", {"kind": "experts", "due": "2021-02-15"})
    assert str(review.milestones.get(kind="experts").due) == "2021-02-15"


def test_the_api_gives_the_history_as_data_not_markup(review: Review, secretariat: User) -> None:
    from django.test import Client

    from tests.factories import bearer

    answer = answer_on(review, "untoc:6")
    draft(secretariat, answer, "Money laundering is an offence.")
    draft(secretariat, answer, "Money laundering is a <b>serious</b> offence.")

    response = Client().get(
        f"/api/v1/reviews/{review.pk}/answers/{answer.pk}/history", headers=bearer(secretariat)
    )

    change = response.json()[0]["changes"][0]
    assert change["field"] == "Describe the measures taken to implement this article."
    assert change["pieces"][1:3] == [
        {"kind": "delete", "text": "an"},
        {"kind": "insert", "text": "a <b>serious</b>"},
    ]
