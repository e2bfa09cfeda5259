"""Private fields enter the audit trail as changed, never by value.

A person's contact details, and one organisation's civil-society assessments: the audit log's
readers (the secretariat, and for what the system did every State's) may not read them.
"""

import pytest
from django.apps import apps
from django.test import Client

from palermo.core.audit import REDACTED, describe
from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.engagement.models import Person
from palermo.engagement.services import registry
from palermo.instruments.models import Article, Cluster, State
from palermo.networks.models import Entity
from palermo.reviews.models import ParallelAssessment, ParallelSubmission, Review
from palermo.reviews.services import opening as opening_services
from palermo.reviews.services import parallel as parallel_services
from tests.factories import make_organisation, make_person, make_secretariat, make_user

pytestmark = pytest.mark.django_db


def _changes(person_id: int) -> list[tuple[str, dict[str, list[object]]]]:
    events = AuditEvent.objects.filter(object_type="engagement.person", object_id=str(person_id))
    return [(event.action, event.changes) for event in events.order_by("pk")]


def test_creating_updating_and_deleting_a_person_records_no_contact_value() -> None:
    person = make_person("Ayesha Khan", phone="+92 300 8675309", email="ayesha@example.org")
    person_id = person.pk
    registry.person_update(actor=None, person=person, phone="+92 300 1112233", email="")
    registry.person_delete(actor=make_secretariat(), person=person)

    created, updated, deleted = _changes(person_id)

    assert created[1]["phone"] == [None, REDACTED]
    assert created[1]["email"] == [None, REDACTED]
    assert created[1]["name"] == [None, "Ayesha Khan"]
    assert updated[1] == {"email": [REDACTED, ""], "phone": [REDACTED, REDACTED]}
    assert deleted[1]["phone"] == [REDACTED, None]


def test_the_secretariat_reads_no_contact_in_the_audit_export() -> None:
    make_person("Ayesha Khan", phone="+92 300 8675309", email="ayesha@example.org")
    client = Client()
    client.force_login(make_secretariat())

    export = client.get("/en/admin-area/audit/?format=csv").content.decode()

    assert "Ayesha Khan" in export
    assert "8675309" not in export
    assert "ayesha@example.org" not in export


def test_another_states_secretariat_reads_nothing_of_a_person_the_system_recorded() -> None:
    make_person("Ayesha Khan", phone="+92 300 8675309", email="ayesha@example.org")
    foreign: User = make_user(
        "foreign", Role.SECRETARIAT, organisation=make_organisation("Home Office", country="IND")
    )
    client = Client()
    client.force_login(foreign)

    export = client.get("/en/admin-area/audit/?format=csv").content.decode()

    assert "Ayesha Khan" not in export


def test_a_civil_society_assessment_is_recorded_without_its_text() -> None:
    review = opening_services.review_open(
        actor=None,
        state=State.objects.get(iso3="PAK"),
        cluster=Cluster.objects.get(number=1),
        year=2021,
    )
    bar = make_organisation("Pakistan Bar Council", kind="civil_society")
    member = make_user("member", Role.CS_MEMBER, organisation=bar)
    article = Article.objects.get(instrument__code="untoc", number=6)

    parallel_services.parallel_save(
        actor=member,
        review=review,
        assessments={article: {"assessment": "partly", "evidence": "Seen in Lahore."}},
    )

    event = AuditEvent.objects.get(object_type="reviews.parallelassessment")
    assert event.changes == {
        "assessment": [None, REDACTED],
        "evidence": [None, REDACTED],
        "recommendations": [None, ""],
        "sources": [None, ""],
    }
    secretariat = make_secretariat()
    client = Client()
    client.force_login(secretariat)
    export = client.get("/en/admin-area/audit/?format=csv").content.decode()
    assert "Seen in Lahore" not in export


def _assessment_describe() -> tuple[str, str]:
    submission = ParallelSubmission(
        review=Review(
            state=State.objects.get(iso3="PAK"), cluster=Cluster.objects.get(number=1), year=2021
        ),
        organisation=make_organisation("Pakistan Bar Council", kind="civil_society"),
    )
    assessment = ParallelAssessment(
        submission=submission,
        article=Article.objects.get(instrument__code="untoc", number=6),
        assessment="not_compliant",
        evidence="MARK-EVIDENCE",
        sources="MARK-SOURCES",
        recommendations="MARK-RECOMMENDATIONS",
    )
    return str(assessment), describe(assessment)


def _person_describe() -> tuple[str, str]:
    person = Person(name="Ayesha Khan", email="MARK-EMAIL@example.org", phone="MARK-PHONE")
    return str(person), describe(person)


def _entity_describe() -> tuple[str, str]:
    entity = Entity(
        entity_id="p-1", schema="Person", caption="MARK-NAME", properties={"name": ["MARK-NAME"]}
    )
    return str(entity), describe(entity)


# Every model with private fields, and a record of it whose private values are markers.
DESCRIBED = {
    "reviews.parallelassessment": _assessment_describe,
    "engagement.person": _person_describe,
    "networks.entity": _entity_describe,
}


def test_every_model_with_private_fields_is_described_here() -> None:
    private = {
        model._meta.label_lower
        for model in apps.get_models()
        if getattr(model, "audit_private_fields", ())
    }

    assert private == set(DESCRIBED)


@pytest.mark.parametrize("label", list(DESCRIBED))
def test_an_audit_description_carries_no_private_value(label: str) -> None:
    plain, described = DESCRIBED[label]()

    assert "MARK" not in described
    assert "not_compliant" not in described
    assert described.startswith(plain.split(":")[0])


def test_the_audit_names_an_assessment_without_its_verdict() -> None:
    plain, described = _assessment_describe()

    assert plain == "Pakistan Bar Council untoc:6: not_compliant"
    assert described == f"Pakistan Bar Council untoc:6: {REDACTED}"


def test_a_saved_assessment_is_named_in_the_log_without_its_verdict() -> None:
    review = opening_services.review_open(
        actor=None,
        state=State.objects.get(iso3="PAK"),
        cluster=Cluster.objects.get(number=1),
        year=2021,
    )
    member = make_user(
        "member",
        Role.CS_MEMBER,
        organisation=make_organisation("Pakistan Bar Council", kind="civil_society"),
    )
    article = Article.objects.get(instrument__code="untoc", number=6)

    parallel_services.parallel_save(
        actor=member, review=review, assessments={article: {"assessment": "not_compliant"}}
    )

    event = AuditEvent.objects.get(object_type="reviews.parallelassessment")
    assert event.object_repr == f"Pakistan Bar Council untoc:6: {REDACTED}"
