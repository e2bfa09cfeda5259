"""The dashboard's reviews panel: counted in SQL, as many queries for many reviews as for one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from palermo.instruments.models import Cluster, State
from palermo.reviews import permissions
from palermo.reviews.dashboard import (
    APPROVING,
    DRAFTING,
    MAX_ITEMS,
    _waiting_answers,
    my_answers_panel,
)
from palermo.reviews.models import Milestone, Phase, Review
from palermo.reviews.selectors import reviews as review_selectors
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import opening as opening_services
from tests.factories import make_organisation, make_user
from tests.reviews.test_answers import answer_on

pytestmark = pytest.mark.django_db


def _late_lines() -> int:
    return Milestone.objects.filter(done_at__isnull=True, due__lt=timezone.localdate()).count()


def _panel_queries(user: User) -> int:
    fresh = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        my_answers_panel(fresh)
    return len(queries.captured_queries)


def test_the_panel_lists_the_first_lines_and_counts_the_rest(
    review: Review, pakistan: State, secretariat: User
) -> None:
    for cycle in (2, 3, 4):
        opening_services.review_open(
            actor=secretariat,
            state=pakistan,
            cluster=Cluster.objects.get(number=1),
            year=2021 + cycle,
            cycle=cycle,
        )
    lines = _late_lines()
    assert lines > MAX_ITEMS

    panel = my_answers_panel(secretariat)

    assert panel is not None
    texts = [str(text) for text, _url in panel.items]
    assert len(texts) == MAX_ITEMS
    assert all(text.startswith("Late: ") for text in texts[:-1])
    assert texts[-1] == f"and {lines - MAX_ITEMS + 1} more"
    # Newest review first, each review's milestones by due date.
    newest = Review.objects.get(cycle=4)
    late = Milestone.objects.filter(
        review=newest, done_at__isnull=True, due__lt=timezone.localdate()
    )
    first = late.order_by("due", "id").first()
    assert first is not None
    assert texts[0] == f"Late: {first.get_kind_display()} (due {first.due})"


def test_the_panel_reads_as_many_queries_for_three_reviews_as_for_one(
    review: Review, pakistan: State, secretariat: User, focal: User, fia: Organisation
) -> None:
    answer_services.answer_assign(
        actor=secretariat, answers=[answer_on(review, "untoc:6")], body=fia
    )
    one = {"secretariat": _panel_queries(secretariat), "focal": _panel_queries(focal)}
    for cycle in (2, 3):
        other = opening_services.review_open(
            actor=secretariat,
            state=pakistan,
            cluster=Cluster.objects.get(number=1),
            year=2021 + cycle,
            cycle=cycle,
        )
        answer_services.answer_assign(
            actor=secretariat, answers=[answer_on(other, "untoc:6")], body=fia
        )

    assert {"secretariat": _panel_queries(secretariat), "focal": _panel_queries(focal)} == one
    texts = [str(text) for text, _url in my_answers_panel(focal).items]  # type: ignore[union-attr]
    assert f"1 answer to draft in {review}" in texts or texts[-1].startswith("and ")


def _waiting_by_the_rules(user: User) -> dict[int, int]:
    """What waits for `user` in each review, asked of the permission rules answer by answer."""
    counts = {}
    for review in Review.objects.select_related("state"):
        if review.phase == Phase.CONCLUDED or not permissions.can_view_review(user, review):
            continue
        if permissions.can_manage_review(user, review):
            waiting = [a for a in review.answers.all() if a.status in APPROVING]
        else:
            waiting = [
                a
                for a in review.answers.all()
                if a.status in DRAFTING and permissions.can_edit_answer(user, a)
            ]
        if waiting and review.is_editable:
            counts[review.pk] = len(waiting)
    return counts


def test_the_counts_read_in_sql_agree_with_the_rules_answer_by_answer(
    review: Review, pakistan: State, secretariat: User, focal: User, fia: Organisation
) -> None:
    other_body = make_organisation("Ministry of Interior")
    colleague = make_user("colleague", Role.FOCAL_PERSON, organisation=other_body)
    second = opening_services.review_open(
        actor=secretariat,
        state=pakistan,
        cluster=Cluster.objects.get(number=1),
        year=2023,
        cycle=2,
    )
    for current in (review, second):
        answer_services.answer_assign(
            actor=secretariat,
            answers=[answer_on(current, "untoc:6"), answer_on(current, "untoc:8")],
            body=fia,
        )
        answer_services.answer_assign(
            actor=secretariat, answers=[answer_on(current, "untoc:5")], body=other_body
        )
    sent = answer_on(second, "untoc:8")
    answer_services.answer_save(
        actor=focal,
        answer=sent,
        expected_version=sent.version,
        responses={"measures": "Text."},
        send=True,
    )
    superuser = make_user("root")
    superuser.is_superuser = True
    superuser.save()

    for user in (secretariat, focal, colleague, superuser):
        fresh = User.objects.get(pk=user.pk)
        visible = review_selectors.visible_reviews(user=fresh).exclude(phase=Phase.CONCLUDED)
        assert _waiting_answers(fresh, visible).counts == _waiting_by_the_rules(fresh), user
    assert _waiting_by_the_rules(focal) == {review.pk: 2, second.pk: 1}
    assert _waiting_by_the_rules(secretariat) == {second.pk: 1}
