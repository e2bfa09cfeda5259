import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from palermo.core.exceptions import ConflictError
from palermo.core.models import AuditEvent, Notification, User
from palermo.instruments.models import Article, Cluster, Instrument, State
from palermo.instruments.services import states as state_services
from palermo.reviews.models import Observation, Review
from palermo.reviews.services import observations as observation_services
from palermo.reviews.services import opening as opening_services
from palermo.reviews.services import phases as phase_services
from palermo.reviews.services import reviewers as reviewer_services
from palermo.reviews.services.reviewers import draw_reviewers
from tests.factories import bearer

pytestmark = pytest.mark.django_db


def with_groups(**groups: str) -> None:
    for iso3, group in groups.items():
        State.objects.filter(iso3=iso3).update(regional_group=group)


ASIA, AFRICA, WEST = "Asia-Pacific States", "African States", "Western European and other States"


def test_with_the_reference_data_pakistan_draws_tonga_and_djibouti(review: Review) -> None:
    drawn = draw_reviewers(review, "any seed")

    assert [(d.instrument.code, d.state.iso3, d.group) for d in drawn] == [
        ("untoc", "TON", "same"),
        ("untoc", "DJI", "other"),
    ]


def test_the_draw_is_reproducible_from_its_seed_and_never_picks_the_state(review: Review) -> None:
    with_groups(IND=ASIA, BGD=ASIA, NPL=ASIA, LKA=ASIA, FRA=WEST, DEU=WEST, KEN=AFRICA, GHA=AFRICA)
    results = {
        seed: [d.state.iso3 for d in draw_reviewers(review, seed)] for seed in map(str, range(30))
    }

    assert all(
        draw_reviewers(review, seed) == draw_reviewers(review, seed) for seed in ("1", "2", "abc")
    )
    assert all("PAK" not in states for states in results.values())
    assert len({tuple(states) for states in results.values()}) > 1
    same_group = {states[0] for states in results.values()}
    assert same_group <= {"TON", "IND", "BGD", "NPL", "LKA"}


def test_drawing_records_the_seed_in_the_review_and_the_audit_log(
    client: Client, review: Review, secretariat: User
) -> None:
    response = client.post(
        f"/api/v1/reviews/{review.pk}/draw-reviewers",
        data={"seed": "cop-2021"},
        content_type="application/json",
        headers=bearer(secretariat),
    )

    assert response.status_code == 200
    assert response.json()["seed"] == "cop-2021"
    event = AuditEvent.objects.get(object_type="reviews.review", changes__has_key="reviewers")
    assert event.changes["draw_seed"] == [None, "cop-2021"]
    assert event.changes["reviewers"][1] == ["untoc: TON (same)", "untoc: DJI (other)"]


def test_a_protocol_gets_an_additional_draw_when_a_reviewer_is_not_party(secretariat: User) -> None:
    review = opening_services.review_open(
        actor=secretariat,
        state=State.objects.get(iso3="PAK"),
        cluster=Cluster.objects.get(number=1),
        year=2023,
    )
    tip = Instrument.objects.get(code="tip")
    with pytest.raises(
        ValidationError, match="No State party to the Trafficking in Persons Protocol"
    ):
        draw_reviewers(review, "s")

    with_groups(IND=ASIA, FRA=WEST)
    for iso3 in ("IND", "FRA", "DJI"):
        state_services.ratification_set(
            actor=None, state=State.objects.get(iso3=iso3), instrument=tip, ratified="2011"
        )
    for seed in map(str, range(100)):
        drawn = [
            (d.instrument.code, d.state.iso3, d.group, d.is_additional)
            for d in draw_reviewers(review, seed)
        ]
        if ("untoc", "TON", "same", False) in drawn:
            break
    else:
        pytest.fail("no seed drew Tonga")

    # Tonga is not party to the TIP Protocol in the records: India is drawn for it instead.
    assert ("tip", "IND", "same", True) in drawn
    assert "TON" not in [state for code, state, _group, _additional in drawn if code == "tip"]


def test_reviewers_set_by_hand_must_be_other_states_parties(
    review: Review, secretariat: User
) -> None:
    untoc = Instrument.objects.get(code="untoc")
    state = {iso3: State.objects.get(iso3=iso3) for iso3 in ("PAK", "TON", "DJI", "TUV")}

    with pytest.raises(ValidationError, match="cannot review itself"):
        reviewer_services.reviewers_set(
            actor=secretariat, review=review, choices=[(untoc, state["PAK"], "same")]
        )
    with pytest.raises(ValidationError, match="must be party"):
        reviewer_services.reviewers_set(
            actor=secretariat, review=review, choices=[(untoc, state["TUV"], "same")]
        )
    reviewer_services.reviewers_set(
        actor=secretariat,
        review=review,
        choices=[(untoc, state["TON"], "same"), (untoc, state["DJI"], "other")],
    )

    assert sorted(review.reviewers.values_list("state__iso3", "by_lot")) == [
        ("DJI", False),
        ("TON", False),
    ]


def test_reviewers_see_only_submitted_answers(
    client: Client, review: Review, tongan_reviewer: User, secretariat: User
) -> None:
    url = f"/api/v1/reviews/{review.pk}/answers"
    assert client.get(url, headers=bearer(tongan_reviewer)).json() == []

    from tests.reviews.conftest import approve_everything

    approve_everything(secretariat, review)
    phase_services.review_submit(actor=secretariat, review=review)

    assert len(client.get(url, headers=bearer(tongan_reviewer)).json()) == 8


def test_the_observation_thread_from_question_to_closure(
    submitted_review: Review, tongan_reviewer: User, secretariat: User, focal: User
) -> None:
    article = Article.objects.get(instrument__code="untoc", number=23)

    observation = observation_services.observation_create(
        actor=tongan_reviewer,
        review=submitted_review,
        article=article,
        kind="information_request",
        text="Any convictions since 2018?",
    )
    observation_services.observation_reply(
        actor=focal, observation=observation, text="Twelve convictions, 2018-2021."
    )
    observation.refresh_from_db()
    assert observation.status == Observation.Status.ANSWERED
    assert observation.reviewing_state is not None
    assert observation.reviewing_state.iso3 == "TON"
    assert Notification.objects.filter(
        user=secretariat, text__contains="New observation on untoc:23"
    ).exists()
    assert Notification.objects.filter(user=tongan_reviewer, text__contains="replied").exists()

    observation_services.observation_set_status(
        actor=tongan_reviewer, observation=observation, status="closed"
    )
    observation.refresh_from_db()
    assert observation.status == Observation.Status.CLOSED


def test_observations_are_refused_before_submission_and_frozen_once_agreed(
    review: Review, tongan_reviewer: User, secretariat: User
) -> None:
    article = Article.objects.get(instrument__code="untoc", number=5)
    with pytest.raises(PermissionDenied):
        observation_services.observation_create(
            actor=tongan_reviewer, review=review, article=article, kind="question", text="?"
        )

    from tests.reviews.conftest import approve_everything

    approve_everything(secretariat, review)
    phase_services.review_submit(actor=secretariat, review=review)
    phase_services.review_advance(actor=secretariat, review=review)
    phase_services.review_advance(actor=secretariat, review=review)
    review.refresh_from_db()

    with pytest.raises(ConflictError, match="agreed and frozen"):
        observation_services.observation_create(
            actor=tongan_reviewer, review=review, article=article, kind="question", text="Late?"
        )
    assert not Observation.objects.exists()


def test_a_secretariat_user_cannot_raise_observations(
    submitted_review: Review, secretariat: User
) -> None:
    with pytest.raises(PermissionDenied):
        observation_services.observation_create(
            actor=secretariat,
            review=submitted_review,
            article=Article.objects.get(instrument__code="untoc", number=5),
            kind="finding",
            text="x",
        )


def test_milestone_due_dates_follow_submission(submitted_review: Review) -> None:
    feedback = submitted_review.milestones.get(kind="reviewer_feedback")

    assert feedback.due is not None
    assert feedback.due > datetime.date(2026, 1, 1)
