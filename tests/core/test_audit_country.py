"""Each audit event carries a State, and the audit log follows the State scope (core.scope).

An event takes its record's State, else its actor's; the system acting on no national record
writes an international event. A secretariat reads its own State's events and international
ones, on the page, in the export and through the API alike; a superuser reads every State's.
"""

import csv
import importlib
import io
from typing import Any

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.test import Client

from palermo.core.audit import audit_record, country_of, country_path, export_record
from palermo.core.models import AuditEvent, User
from palermo.core.selectors import audit as audit_selectors
from palermo.engagement.services import registry as registry_services
from palermo.instruments.models import Cluster, State
from palermo.reviews.models import ArticleAnswer
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import opening as opening_services
from tests.factories import bearer, make_organisation, make_secretariat, make_user

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("palermo.core.migrations.0009_audit_event_country")


def _answer(iso3: str = "PAK") -> ArticleAnswer:
    review = opening_services.review_open(
        actor=None,
        state=State.objects.get(iso3=iso3),
        cluster=Cluster.objects.get(number=1),
        year=2021,
    )
    return review.answers.get(article__number=6)


def _last(object_type: str) -> AuditEvent:
    return AuditEvent.objects.filter(object_type=object_type).latest("pk")


def test_an_event_takes_the_state_of_the_record_it_names() -> None:
    answer = _answer("PAK")
    india = make_secretariat("india", country="IND")

    answer_services.answer_save(
        actor=None, answer=answer, expected_version=answer.version, compliance="yes"
    )
    registry_services.organisation_create(
        actor=india, name="Recorded by India for Pakistan", kind="government", country="PAK"
    )

    assert _last("reviews.articleanswer").country == "PAK"
    assert _last("engagement.organisation").country == "PAK"


def test_an_international_record_makes_an_international_event() -> None:
    registry_services.organisation_create(
        actor=make_secretariat(), name="UNODC", kind="international", country=""
    )

    assert _last("engagement.organisation").country == ""


def test_an_event_naming_no_record_takes_the_actors_state() -> None:
    india = make_secretariat("india", country="IND")

    event = export_record(actor=india, what="People", fmt="csv", count=3)

    assert event.country == "IND"


def test_the_system_acting_on_no_record_writes_an_international_event() -> None:
    event = audit_record(actor=None, action=AuditEvent.Action.IMPORT, object_repr="reference")

    assert event.country == ""


def test_every_declared_path_reaches_a_state_code() -> None:
    declared = {
        model._meta.label_lower: country_path(model)
        for model in apps.get_models()
        if country_path(model) is not None
    }
    answer = _answer("PAK")

    for model in apps.get_models():
        if path := country_path(model):
            str(model.objects.values_list(path).query)  # a path Django can query
    assert declared["reviews.articleanswer"] == "review__state__iso3"
    assert country_of(answer) == "PAK"
    assert country_of(answer.review) == "PAK"


def _seen(user: User) -> dict[str, set[str]]:
    client = Client()
    client.force_login(user)
    page = client.get("/en/admin-area/audit/?action=export").content.decode()
    export = client.get("/en/admin-area/audit/?format=csv&action=export").content.decode()
    api = Client().get("/api/v1/audit?action=export&limit=100", headers=bearer(user)).json()
    rows = list(csv.DictReader(io.StringIO(export)))
    wanted = {"taken in PAK", "taken in IND", "taken by the system"}
    return {
        "page": {what for what in wanted if what in page},
        "export": {row["object"].split(" (")[0] for row in rows} & wanted,
        "api": {item["object_repr"].split(" (")[0] for item in api["items"]} & wanted,
        "selector": {
            event.object_repr.split(" (")[0]
            for event in audit_selectors.audit_event_list(user=user)
        }
        & wanted,
    }


def test_a_secretariat_reads_its_own_states_and_international_events_on_every_surface() -> None:
    pakistan, india = make_secretariat("pakistan"), make_secretariat("india", country="IND")
    export_record(actor=pakistan, what="taken in PAK", fmt="csv")
    export_record(actor=india, what="taken in IND", fmt="csv")
    export_record(actor=None, what="taken by the system", fmt="csv")

    seen_by_pakistan, seen_by_india = _seen(pakistan), _seen(india)

    for surface in ("page", "export", "api", "selector"):
        assert seen_by_pakistan[surface] == {"taken in PAK", "taken by the system"}, surface
        assert seen_by_india[surface] == {"taken in IND", "taken by the system"}, surface


def test_a_superuser_reads_every_states_events() -> None:
    export_record(actor=make_secretariat("pakistan"), what="taken in PAK", fmt="csv")
    export_record(actor=make_secretariat("india", country="IND"), what="taken in IND", fmt="csv")
    root = User.objects.create_superuser("root", "root@example.org", "x")

    seen = {
        event.object_repr for event in audit_selectors.audit_event_list(user=root, action="export")
    }

    assert {"taken in PAK (csv)", "taken in IND (csv)"} <= seen


class _Editor:
    """What the migration's data step uses of a schema editor, on the test's connection."""

    connection = connection

    def execute(self, sql: str, params: Any = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def test_the_migration_fills_the_state_of_events_written_before_it() -> None:
    answer = _answer("PAK")
    india_user = make_user("clerk", organisation=make_organisation("Home Office", country="IND"))
    gone = make_organisation("Dissolved", country="TON")
    gone_id = gone.pk
    events = {
        "record": audit_record(
            actor=india_user, action=AuditEvent.Action.UPDATE, obj=answer, country=""
        ),
        "actor": audit_record(
            actor=india_user, action=AuditEvent.Action.EXPORT, object_repr="list", country=""
        ),
        "system": audit_record(actor=None, action=AuditEvent.Action.IMPORT, object_repr="ref"),
        "deleted record": audit_record(
            actor=None,
            action=AuditEvent.Action.UPDATE,
            object_type="engagement.organisation",
            object_id=str(gone_id + 1000),
            country="",
        ),
    }
    with connection.cursor() as cursor:
        # PostgreSQL alters no table over pending deferred checks of this test's inserts.
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    MIGRATION.backfill(apps, _Editor())

    filled = {name: AuditEvent.objects.get(pk=event.pk).country for name, event in events.items()}
    assert filled == {"record": "PAK", "actor": "IND", "system": "", "deleted record": ""}
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE core_auditevent SET country = 'PAK' WHERE id = %s", [events["system"].pk]
        )
