"""Every file handed out, page or API, and every read of a person's contact details is audited.

Each download writes exactly one event naming who took what; one page or API answer showing
contact details writes one event, and one that shows none writes nothing.
"""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.engagement.models import Organisation, Person
from palermo.engagement.services import events as event_services
from palermo.instruments.models import Cluster, State
from palermo.reviews.models import Review
from palermo.reviews.services import opening as opening_services
from tests.factories import (
    bearer,
    make_event,
    make_organisation,
    make_person,
    make_secretariat,
    make_user,
)
from tests.tracking.test_datatemplates import make_world, march, monitor_of

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def events_after(last: int) -> list[tuple[str, str, str, str]]:
    """(actor, action, object type, object) of the events written since event `last`.

    Signing the test client in is audited too; it is left out here.
    """
    return list(
        AuditEvent.objects.filter(pk__gt=last)
        .exclude(action=AuditEvent.Action.LOGIN)
        .order_by("pk")
        .values_list("actor_name", "action", "object_type", "object_repr")
    )


def last_event_id() -> int:
    event = AuditEvent.objects.order_by("-pk").first()
    return event.pk if event is not None else 0


def make_review(secretariat: User) -> Review:
    return opening_services.review_open(
        actor=secretariat,
        state=State.objects.get(iso3="PAK"),
        cluster=Cluster.objects.get(number=1),
        year=2021,
    )


@pytest.fixture
def registry() -> tuple[Organisation, Person, Person]:
    """An organisation with one person who has contact details and one who has none."""
    society = make_organisation("Legal Aid Society", kind="civil_society")
    with_contact = make_person(
        "Amina Khan", organisation=society, email="amina@example.org", phone="+923001234567"
    )
    without = make_person("Bilal Shah", organisation=society)
    return society, with_contact, without


# Lists downloaded from their pages.


@pytest.mark.parametrize(
    ("url_name", "what", "object_type"),
    [
        ("engagement:person-list", "People list", "engagement.person"),
        ("engagement:event-list", "Events list", "engagement.event"),
        ("engagement:action-item-list", "Action items list", "engagement.actionitem"),
        ("tracking:recommendation-list", "Recommendations list", "tracking.recommendation"),
    ],
)
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_list_download_from_its_page_writes_one_event(
    secretariat: User, url_name: str, what: str, object_type: str, fmt: str
) -> None:
    make_event("Consultation", starts_on=datetime.date(2024, 5, 2))
    last = last_event_id()

    response = signed_in(secretariat).get(reverse(url_name), {"format": fmt})

    assert response.status_code == 200
    rows = 1 if url_name == "engagement:event-list" else 0
    assert events_after(last) == [
        ("secretariat", "export", object_type, f"{what} ({fmt}, {rows} rows)")
    ]


def test_a_list_download_names_the_filters_it_was_taken_with(secretariat: User) -> None:
    make_event("Consultation", starts_on=datetime.date(2024, 5, 2))
    last = last_event_id()

    signed_in(secretariat).get("/en/engagement/events/?year=2024&page=2&format=csv")

    assert events_after(last) == [
        ("secretariat", "export", "engagement.event", "Events list [year=2024] (csv, 1 rows)")
    ]


def test_showing_a_list_page_writes_no_export_event(secretariat: User) -> None:
    make_event("Consultation", starts_on=datetime.date(2024, 5, 2))
    last = last_event_id()

    signed_in(secretariat).get("/en/engagement/events/")

    assert events_after(last) == []


# The registry workbook, with contact details.


def test_the_registry_export_page_writes_one_event_counting_contacts(
    secretariat: User, registry: tuple[Organisation, Person, Person]
) -> None:
    organisations = Organisation.objects.filter(country__in=["PAK", ""]).count()
    last = last_event_id()

    response = signed_in(secretariat).get(reverse("engagement:registry-export"))

    assert response.status_code == 200
    assert events_after(last) == [
        (
            "secretariat",
            "export",
            "engagement.organisation",
            f"Registry: {organisations} organisations, 2 people, 1 with contact details "
            f"(xlsx, {organisations + 2} rows)",
        )
    ]


def test_the_registry_export_api_writes_the_same_event(
    secretariat: User, registry: tuple[Organisation, Person, Person]
) -> None:
    organisations = Organisation.objects.filter(country__in=["PAK", ""]).count()
    api = Client(headers=bearer(secretariat))
    last = last_event_id()

    response = api.get("/api/v1/organisations/export.xlsx")

    assert response.status_code == 200
    assert events_after(last) == [
        (
            "secretariat",
            "export",
            "engagement.organisation",
            f"Registry: {organisations} organisations, 2 people, 1 with contact details "
            f"(xlsx, {organisations + 2} rows)",
        )
    ]


# XLSForm, coverage matrix, data maintenance template and audit log.


def test_the_xlsform_download_writes_one_event_on_the_page_and_one_on_the_api(
    secretariat: User,
) -> None:
    review = make_review(secretariat)
    expected = ("secretariat", "export", "reviews.review", f"XLSForm of {review} (xlsx)")
    last = last_event_id()

    page = signed_in(secretariat).get(reverse("reviews:xlsform", args=[review.pk]))

    assert page.status_code == 200
    assert events_after(last) == [expected]
    client = Client(headers=bearer(secretariat))
    last = last_event_id()

    api = client.get(f"/api/v1/reviews/{review.pk}/xlsform")

    assert api.status_code == 200
    assert events_after(last) == [expected]


def test_the_coverage_matrix_download_writes_one_event(secretariat: User) -> None:
    articles = 13
    last = last_event_id()

    response = signed_in(secretariat).get(
        reverse("instruments:coverage"), {"state": "PAK", "cluster": "1", "format": "xlsx"}
    )

    assert response.status_code == 200
    assert events_after(last) == [
        (
            "secretariat",
            "export",
            "instruments.coverage",
            f"Coverage matrix of PAK, cluster 1 (xlsx, {articles} rows)",
        )
    ]


def test_an_anonymous_coverage_download_is_recorded_without_a_name() -> None:
    last = last_event_id()

    Client().get(reverse("instruments:coverage"), {"state": "PAK", "format": "xlsx"})

    assert [event[:3] for event in events_after(last)] == [("", "export", "instruments.coverage")]


def test_the_data_template_download_writes_one_event_on_the_page_and_one_on_the_api() -> None:
    world = make_world()
    monitor = monitor_of(world.fia)
    expected = (
        "monitor",
        "export",
        "tracking.actionplan",
        f"Data maintenance template of {world.fia} for 2025-03 (xlsx)",
    )
    last = last_event_id()

    page = signed_in(monitor).get(
        reverse("tracking:datatemplate-download", args=[world.plan.pk]), march(world.fia)
    )

    assert page.status_code == 200
    assert events_after(last) == [expected]
    client = Client(headers=bearer(monitor))
    last = last_event_id()

    api = client.get(f"/api/v1/plans/{world.plan.pk}/templates", march(world.fia))

    assert api.status_code == 200
    assert events_after(last) == [expected]


def test_the_audit_log_download_writes_one_event(secretariat: User) -> None:
    last = last_event_id()

    response = signed_in(secretariat).get(reverse("audit-list"), {"format": "csv"})

    assert response.status_code == 200
    ((actor, action, object_type, what),) = events_after(last)
    assert (actor, action, object_type) == ("secretariat", "export", "core.auditevent")
    assert what.startswith("Audit log list (csv, ")


def test_a_refused_download_writes_no_event(registry: tuple[Organisation, Person, Person]) -> None:
    outsider = make_user("outsider")
    review = make_review(make_secretariat("opener"))
    last = last_event_id()

    response = signed_in(outsider).get(reverse("reviews:xlsform", args=[review.pk]))

    assert response.status_code in {403, 404}
    assert events_after(last) == []


def test_a_stored_event_attachment_download_writes_one_event(
    secretariat: User, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 agenda", "application/pdf")
    attachment = event_services.attachment_add(
        actor=secretariat, event=make_event(), title="Agenda", file=upload
    )
    client = signed_in(secretariat)
    last = last_event_id()

    response = client.get(f"/en/engagement/attachments/{attachment.pk}/")

    assert b"".join(response.streaming_content) == b"%PDF-1.4 agenda"  # type: ignore[attr-defined]
    assert events_after(last) == [
        ("secretariat", "download", "engagement.attachment", "Agenda (agenda.pdf) (pdf)")
    ]


# Contact details read on a page or through the API.


def test_a_person_page_showing_contact_details_writes_one_event(
    secretariat: User, registry: tuple[Organisation, Person, Person]
) -> None:
    _society, amina, _bilal = registry
    last = last_event_id()

    response = signed_in(secretariat).get(amina.get_absolute_url())

    assert "amina@example.org" in response.content.decode()
    assert events_after(last) == [
        ("secretariat", "view", "engagement.person", "Contact details of Amina Khan (person page)")
    ]


def test_a_person_page_without_contact_details_writes_nothing(
    secretariat: User, registry: tuple[Organisation, Person, Person]
) -> None:
    _society, _amina, bilal = registry
    last = last_event_id()

    signed_in(secretariat).get(bilal.get_absolute_url())

    assert events_after(last) == []


def test_a_reader_who_may_not_see_the_contact_details_leaves_no_contact_event(
    registry: tuple[Organisation, Person, Person],
) -> None:
    _society, amina, _bilal = registry
    stranger = make_user("stranger", Role.CS_MEMBER, organisation=make_organisation("Other"))
    last = last_event_id()

    response = signed_in(stranger).get(amina.get_absolute_url())

    assert "amina@example.org" not in response.content.decode()
    assert events_after(last) == []


def test_the_people_list_and_the_organisation_page_each_write_one_event(
    secretariat: User, registry: tuple[Organisation, Person, Person]
) -> None:
    society, _amina, _bilal = registry
    client = signed_in(secretariat)
    last = last_event_id()

    client.get(reverse("engagement:person-list"))
    client.get(society.get_absolute_url())

    assert events_after(last) == [
        ("secretariat", "view", "engagement.person", "Contact details of Amina Khan (people list)"),
        (
            "secretariat",
            "view",
            "engagement.person",
            "Contact details of Amina Khan (people of Legal Aid Society)",
        ),
    ]


def test_the_person_edit_form_is_a_read_of_the_contact_details(
    secretariat: User, registry: tuple[Organisation, Person, Person]
) -> None:
    _society, amina, _bilal = registry
    last = last_event_id()

    signed_in(secretariat).get(reverse("engagement:person-edit", args=[amina.pk]))

    assert events_after(last) == [
        (
            "secretariat",
            "view",
            "engagement.person",
            "Contact details of Amina Khan (person edit form)",
        )
    ]


def test_the_api_person_and_people_answers_each_write_one_event(
    secretariat: User, registry: tuple[Organisation, Person, Person]
) -> None:
    _society, amina, _bilal = registry
    second = make_person("Zara Ali", email="zara@example.org")
    client = Client(headers=bearer(secretariat))
    last = last_event_id()

    one = client.get(f"/api/v1/people/{amina.pk}")
    page = client.get("/api/v1/people")

    assert one.json()["email"] == "amina@example.org"
    assert [person["name"] for person in page.json()["items"]] == [
        "Amina Khan",
        "Bilal Shah",
        "Zara Ali",
    ]
    assert events_after(last) == [
        ("secretariat", "view", "engagement.person", "Contact details of Amina Khan (API)"),
        (
            "secretariat",
            "view",
            "engagement.person",
            "Contact details of 2 people (API people list): Amina Khan, Zara Ali",
        ),
    ]
    assert second.pk > amina.pk


def test_only_the_page_of_people_sent_is_recorded(
    secretariat: User, registry: tuple[Organisation, Person, Person]
) -> None:
    make_person("Zara Ali", email="zara@example.org")
    client = Client(headers=bearer(secretariat))
    last = last_event_id()

    page = client.get("/api/v1/people", {"limit": 1, "offset": 2})

    assert [person["name"] for person in page.json()["items"]] == ["Zara Ali"]
    assert events_after(last) == [
        (
            "secretariat",
            "view",
            "engagement.person",
            "Contact details of Zara Ali (API people list)",
        )
    ]
