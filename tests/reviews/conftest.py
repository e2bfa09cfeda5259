import pytest

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation
from palermo.instruments.models import Cluster, State
from palermo.reviews.models import Review
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import opening as opening_services
from palermo.reviews.services import phases as phase_services
from palermo.reviews.services import reviewers as reviewer_services
from tests.factories import make_organisation, make_user


@pytest.fixture
def pakistan(db: None) -> State:
    return State.objects.get(iso3="PAK")


@pytest.fixture
def fia(db: None) -> Organisation:
    return make_organisation("Federal Investigation Agency")


@pytest.fixture
def focal(fia: Organisation) -> User:
    return make_user("focal", Role.FOCAL_PERSON, organisation=fia)


@pytest.fixture
def review(pakistan: State, secretariat: User) -> Review:
    return opening_services.review_open(
        actor=secretariat, state=pakistan, cluster=Cluster.objects.get(number=1), year=2021
    )


def approve_everything(actor: User, review: Review) -> None:
    for answer in review.answers.all():
        answer_services.answer_save(
            actor=actor,
            answer=answer,
            expected_version=answer.version,
            compliance="yes",
            responses={"measures": "Covered."},
        )
    answer_services.answer_approve(actor=actor, answers=list(review.answers.all()))


@pytest.fixture
def submitted_review(review: Review, secretariat: User) -> Review:
    approve_everything(secretariat, review)
    phase_services.review_submit(actor=secretariat, review=review)
    review.refresh_from_db()
    return review


@pytest.fixture
def tongan_reviewer(review: Review, secretariat: User) -> User:
    expert = make_user(
        "tonga.expert", organisation=make_organisation("Government of Tonga", country="TON")
    )
    reviewer_services.participant_add(
        actor=secretariat, review=review, user=expert, role=Role.PEER_REVIEWER
    )
    return expert
