"""Recommendations: records tied to their source, progress that sets the status, extraction."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from palermo.core import messages as core_messages
from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation, Statement
from palermo.engagement.services import events as event_services
from palermo.instruments.models import Article, Cluster, State
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import observations as observation_services
from palermo.reviews.services import opening as opening_services
from palermo.reviews.services import phases as phase_services
from palermo.reviews.services import reviewers as reviewer_services
from palermo.tracking import messages
from palermo.tracking.models import Recommendation, RecommendationUpdate, SdgTarget, Theme
from palermo.tracking.services import plans as plan_services
from palermo.tracking.services import recommendations as services
from tests.factories import make_event, make_organisation, make_plan, make_secretariat, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def coordinator() -> User:
    alliance = make_organisation("Alliance", kind=Organisation.Kind.CIVIL_SOCIETY)
    return make_user("coordinator", Role.CS_COORDINATOR, organisation=alliance)


@pytest.fixture
def fia() -> Organisation:
    return make_organisation("Federal Investigation Agency")


def make_statement(
    country: str = "PAK", title: str = "Written statement on Trafficking in Persons"
) -> Statement:
    event = make_event(country=country)
    organisation = make_organisation(country=country, kind=Organisation.Kind.CIVIL_SOCIETY)
    return event_services.statement_create(
        actor=None,
        event=event,
        organisation=organisation,
        title=title,
        delivered_on=datetime.date(2024, 7, 10),
        language="en",
        text="Six recommendations to the Government.",
    )


def make_recommendation(actor: User | None = None, **fields: Any) -> Recommendation:
    values: dict[str, Any] = {
        "text": "Strengthen the national database on TIP.",
        "source": Recommendation.Source.REPORT,
        "source_title": "Civil Society Alliance: 6-point agenda",
        "issued_on": datetime.date(2022, 9, 15),
        "country": "PAK",
    }
    values.update(fields)
    return services.recommendation_create(actor=actor, **values)


def test_a_coordinator_records_a_recommendation_from_a_statement_of_their_state(
    coordinator: User, fia: Organisation
) -> None:
    statement = make_statement()
    themes = Theme.objects.filter(code__in=["trafficking-in-persons", "data-and-research"])
    article = Article.objects.get(instrument__code="tip", number=10)

    recommendation = services.recommendation_create(
        actor=coordinator,
        text="Strengthen the national database on TIP. Share it with the provinces.",
        source=Recommendation.Source.STATEMENT,
        statement=statement,
        reference="TIP-1",
        issued_on=statement.delivered_on,
        themes=themes,
        articles=[article],
        responsible_bodies=[fia],
        sdg_targets=SdgTarget.objects.filter(code="16.2"),
        priority=Recommendation.Priority.HIGH,
    )

    assert recommendation.country == "PAK"
    assert recommendation.title == "Strengthen the national database on TIP"
    assert recommendation.status == "not_started"
    assert sorted(t.code for t in recommendation.themes.all()) == [
        "data-and-research",
        "trafficking-in-persons",
    ]
    assert [a.code for a in recommendation.articles.all()] == ["tip:10"]
    assert list(recommendation.responsible_bodies.all()) == [fia]
    event = AuditEvent.objects.get(
        object_type="tracking.recommendation", object_id=str(recommendation.pk)
    )
    assert event.action == "create"
    assert event.changes["responsible_bodies"] == [None, ["Federal Investigation Agency"]]


def test_someone_who_is_not_a_coordinator_cannot_record_recommendations() -> None:
    focal = make_user("focal", Role.FOCAL_PERSON, organisation=make_organisation())

    with pytest.raises(PermissionDenied):
        make_recommendation(actor=focal, country="")

    assert Recommendation.objects.count() == 0


def test_a_statement_of_another_state_is_refused() -> None:
    statement = make_statement(country="IND")

    with pytest.raises(ValidationError) as error:
        make_recommendation(
            source=Recommendation.Source.STATEMENT, statement=statement, source_title=""
        )

    assert error.value.message_dict["statement"] == [messages.RECOMMENDATION_LINK_OTHER_STATE]
    assert Recommendation.objects.count() == 0


def test_a_coordinator_cannot_link_a_statement_they_cannot_see(coordinator: User) -> None:
    statement = make_statement(country="IND")

    with pytest.raises(PermissionDenied):
        make_recommendation(
            actor=coordinator,
            country="",
            source=Recommendation.Source.STATEMENT,
            statement=statement,
        )

    assert Recommendation.objects.count() == 0


def test_the_linked_record_must_match_the_source() -> None:
    statement = make_statement()

    with pytest.raises(ValidationError):
        make_recommendation(source=Recommendation.Source.REPORT, statement=statement)
    with pytest.raises(ValidationError):
        make_recommendation(source=Recommendation.Source.STATEMENT, source_title="")

    assert Recommendation.objects.count() == 0


def test_a_report_needs_its_title() -> None:
    with pytest.raises(ValidationError) as error:
        make_recommendation(source_title="  ")

    assert error.value.message_dict["source_title"] == [messages.RECOMMENDATION_NEEDS_SOURCE_TITLE]


def test_bodies_of_another_state_are_refused() -> None:
    tongan = make_organisation("Government of Tonga", country="TON")

    with pytest.raises(ValidationError):
        make_recommendation(responsible_bodies=[tongan])

    assert Recommendation.objects.count() == 0


def test_changing_the_source_drops_the_old_link_and_is_audited(coordinator: User) -> None:
    statement = make_statement()
    recommendation = make_recommendation(
        actor=coordinator, country="", source=Recommendation.Source.STATEMENT, statement=statement
    )

    services.recommendation_update(
        actor=coordinator,
        recommendation=recommendation,
        source=Recommendation.Source.REPORT,
        source_title="Annual civil-society report 2023",
        themes=Theme.objects.filter(code="firearms"),
    )

    recommendation.refresh_from_db()
    assert recommendation.statement is None
    assert recommendation.source_title == "Annual civil-society report 2023"
    update = AuditEvent.objects.get(
        object_type="tracking.recommendation", object_id=str(recommendation.pk), action="update"
    )
    assert update.changes["source"] == ["statement", "report"]
    assert update.changes["themes"] == [[], ["Firearms"]]


def test_someone_without_the_right_cannot_edit(coordinator: User) -> None:
    recommendation = make_recommendation(actor=coordinator, country="")
    member = make_user("member", Role.CS_MEMBER, organisation=make_organisation())

    with pytest.raises(PermissionDenied):
        services.recommendation_update(actor=member, recommendation=recommendation, title="X")

    recommendation.refresh_from_db()
    assert recommendation.title == "Strengthen the national database on TIP"


def test_a_recommendation_linked_to_a_measure_cannot_be_deleted(coordinator: User) -> None:
    recommendation = make_recommendation(actor=coordinator, country="")
    plan = make_plan()
    plan_services.measure_create(
        actor=None,
        plan=plan,
        title="Threat assessment",
        lead=plan.owner,
        recommendations=[recommendation],
    )

    with pytest.raises(ValidationError) as error:
        services.recommendation_delete(actor=coordinator, recommendation=recommendation)

    assert error.value.messages == [messages.RECOMMENDATION_IN_MEASURES]
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()


def test_deleting_removes_the_updates_and_is_audited(coordinator: User) -> None:
    recommendation = make_recommendation(actor=coordinator, country="")
    services.recommendation_update_add(
        actor=coordinator,
        recommendation=recommendation,
        reported_on=datetime.date(2024, 1, 1),
        status="in_progress",
        narrative="Begun.",
    )

    services.recommendation_delete(actor=coordinator, recommendation=recommendation)

    assert Recommendation.objects.count() == 0
    assert RecommendationUpdate.objects.count() == 0
    assert (
        AuditEvent.objects.filter(object_type="tracking.recommendation", action="delete").count()
        == 1
    )


def test_the_status_is_that_of_the_latest_update_by_date(coordinator: User) -> None:
    recommendation = make_recommendation(actor=coordinator, country="")

    services.recommendation_update_add(
        actor=coordinator,
        recommendation=recommendation,
        reported_on=datetime.date(2025, 3, 1),
        status="partly_implemented",
        narrative="Two provinces done.",
    )
    services.recommendation_update_add(
        actor=coordinator,
        recommendation=recommendation,
        reported_on=datetime.date(2024, 3, 1),
        status="in_progress",
        narrative="Begun (reported late).",
    )

    recommendation.refresh_from_db()
    assert recommendation.status == "partly_implemented"
    services.recommendation_update_add(
        actor=coordinator,
        recommendation=recommendation,
        reported_on=datetime.date(2025, 6, 1),
        status="implemented",
        narrative="All provinces done.",
        evidence_url="https://example.org/report",
    )
    recommendation.refresh_from_db()
    assert recommendation.status == "implemented"
    assert (
        AuditEvent.objects.filter(
            object_type="tracking.recommendation", object_id=str(recommendation.pk), action="update"
        ).count()
        == 2
    )


def test_a_responsible_body_reports_progress_with_an_evidence_file(
    coordinator: User, fia: Organisation
) -> None:
    recommendation = make_recommendation(actor=coordinator, country="", responsible_bodies=[fia])
    officer = make_user("officer", Role.FOCAL_PERSON, organisation=fia)

    update = services.recommendation_update_add(
        actor=officer,
        recommendation=recommendation,
        reported_on=datetime.date(2024, 5, 1),
        status="in_progress",
        narrative="The database is being built.",
        evidence_file=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes"),
    )

    assert update.author == officer
    assert update.evidence_file.name.endswith("/minutes.pdf")


def test_others_cannot_report_progress(coordinator: User) -> None:
    recommendation = make_recommendation(actor=coordinator, country="")
    outsider = make_user("outsider", Role.FOCAL_PERSON, organisation=make_organisation())

    with pytest.raises(PermissionDenied):
        services.recommendation_update_add(
            actor=outsider,
            recommendation=recommendation,
            reported_on=datetime.date(2024, 5, 1),
            status="implemented",
            narrative="Done.",
        )

    recommendation.refresh_from_db()
    assert recommendation.status == "not_started"
    assert RecommendationUpdate.objects.count() == 0


def test_evidence_over_20_mb_and_future_dates_are_refused(coordinator: User) -> None:
    recommendation = make_recommendation(actor=coordinator, country="")
    too_big = SimpleUploadedFile("big.pdf", b"x" * (20 * 1024 * 1024 + 1))

    with pytest.raises(ValidationError) as error:
        services.recommendation_update_add(
            actor=coordinator,
            recommendation=recommendation,
            reported_on=datetime.date(2024, 5, 1),
            status="implemented",
            narrative="Done.",
            evidence_file=too_big,
        )
    assert error.value.message_dict["evidence_file"] == [
        str(core_messages.FILE_TOO_LARGE % {"max": "20"})
    ]
    with pytest.raises(ValidationError) as error:
        services.recommendation_update_add(
            actor=coordinator,
            recommendation=recommendation,
            reported_on=timezone.localdate() + datetime.timedelta(days=2),
            status="implemented",
            narrative="Done.",
        )
    assert error.value.message_dict["reported_on"] == [messages.UPDATE_IN_FUTURE]

    recommendation.refresh_from_db()
    assert recommendation.status == "not_started"
    assert RecommendationUpdate.objects.count() == 0


def test_a_statements_points_become_numbered_recommendations(
    coordinator: User, fia: Organisation
) -> None:
    statement = make_statement()
    texts = services.split_recommendations(
        "1. Strengthen the national database on TIP.\n\n2) Protect victims.\n- Train judges.\n"
    )

    created = services.recommendations_from_statement(
        actor=coordinator,
        statement=statement,
        texts=texts,
        themes=Theme.objects.filter(code="trafficking-in-persons"),
        responsible_bodies=[fia],
    )
    more = services.recommendations_from_statement(
        actor=coordinator, statement=statement, texts=["Fund shelters."]
    )

    assert [r.reference for r in created + more] == ["TIP-1", "TIP-2", "TIP-3", "TIP-4"]
    assert [r.text for r in created] == [
        "Strengthen the national database on TIP.",
        "Protect victims.",
        "Train judges.",
    ]
    assert {r.source for r in created} == {"statement"}
    assert all(r.issued_on == statement.delivered_on for r in created)
    assert all(list(r.responsible_bodies.all()) == [fia] for r in created)
    assert all([t.code for t in r.themes.all()] == ["trafficking-in-persons"] for r in created)


def test_extracting_nothing_is_refused(coordinator: User) -> None:
    statement = make_statement()

    with pytest.raises(ValidationError):
        services.recommendations_from_statement(
            actor=coordinator, statement=statement, texts=["  ", ""]
        )

    assert Recommendation.objects.count() == 0


def test_a_reviewers_observation_becomes_a_recommendation_on_its_article() -> None:
    secretariat = make_secretariat()
    review = opening_services.review_open(
        actor=secretariat,
        state=State.objects.get(iso3="PAK"),
        cluster=Cluster.objects.get(number=1),
        year=2021,
    )
    for answer in review.answers.all():
        answer_services.answer_save(
            actor=secretariat,
            answer=answer,
            expected_version=answer.version,
            compliance="yes",
            responses={"measures": "Covered."},
        )
    answer_services.answer_approve(actor=secretariat, answers=list(review.answers.all()))
    phase_services.review_submit(actor=secretariat, review=review)
    expert = make_user("tonga", organisation=make_organisation("Tonga", country="TON"))
    reviewer_services.participant_add(
        actor=secretariat, review=review, user=expert, role=Role.PEER_REVIEWER
    )
    review.refresh_from_db()
    observation = observation_services.observation_create(
        actor=expert,
        review=review,
        article=Article.objects.get(instrument__code="untoc", number=23),
        kind="finding",
        category="gap",
        text="Obstruction of justice is not criminalized for intimidation of witnesses.",
    )

    recommendation = services.recommendation_from_observation(
        actor=secretariat, observation=observation
    )

    assert recommendation.source == "observation"
    assert recommendation.observation == observation
    assert recommendation.country == "PAK"
    assert recommendation.reference == "untoc:23"
    assert [a.code for a in recommendation.articles.all()] == ["untoc:23"]
    assert recommendation.text == observation.text


def test_titles_are_the_first_sentence_cut_at_a_word() -> None:
    assert services.title_from("Protect victims. Then more.") == "Protect victims"
    long = "word " * 40
    title = services.title_from(long)
    assert title.endswith("…")
    assert len(title) <= services.TITLE_LENGTH + 1
