"""Kept pages: served again only to their reader, and never once a table they read has changed.

These tests commit (transactional_db): a table's new version is written after its transaction
commits, as in the running server.
"""

import threading
from typing import Any

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.db import connection, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from palermo.core import pagecache
from palermo.core.models import AuditEvent, TableVersion, User
from palermo.engagement.models import Organisation
from palermo.engagement.services import registry as registry_services
from tests.factories import make_organisation, make_person, make_secretariat, make_user

ORGANISATIONS = "/en/engagement/organisations/"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reader() -> User:
    return make_secretariat()


@pytest.fixture
def client(reader: User) -> Client:
    client = Client()
    client.force_login(reader)
    client.get(ORGANISATIONS)  # the CSRF cookie, set on the first page
    return client


def served(client: Client, url: str) -> tuple[str, int]:
    """The page's text and how many queries answering it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_page_opened_again_is_served_from_memory(client: Client) -> None:
    make_organisation("Legal Aid Society")
    first, built = served(client, ORGANISATIONS)
    again, kept = served(client, ORGANISATIONS)
    assert again == first
    assert "Legal Aid Society" in again
    # The session, the user and the versions of the tables the page read.
    assert kept <= 3 < built


@pytest.mark.parametrize(
    "change",
    ["service", "queryset_update", "raw_sql", "other_connection"],
)
def test_a_change_however_made_is_shown_next_time(client: Client, change: str) -> None:
    organisation = make_organisation("Legal Aid Society")
    assert "Legal Aid Society" in served(client, ORGANISATIONS)[0]
    assert "Legal Aid Society" in served(client, ORGANISATIONS)[0]
    if change == "service":
        registry_services.organisation_update(
            actor=None, organisation=organisation, name="Legal Aid Society of Sindh"
        )
    elif change == "queryset_update":
        Organisation.objects.filter(pk=organisation.pk).update(name="Legal Aid Society of Sindh")
    elif change == "raw_sql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE engagement_organisation SET name = %s WHERE id = %s",
                ["Legal Aid Society of Sindh", organisation.pk],
            )
    else:
        # Another server process: its own connection, in another thread.
        def rename() -> None:
            Organisation.objects.filter(pk=organisation.pk).update(
                name="Legal Aid Society of Sindh"
            )
            connections.close_all()

        worker = threading.Thread(target=rename)
        worker.start()
        worker.join()
    assert "Legal Aid Society of Sindh" in served(client, ORGANISATIONS)[0]


def test_a_write_to_a_table_the_page_did_not_read_keeps_it(client: Client) -> None:
    make_organisation("Legal Aid Society")
    served(client, ORGANISATIONS)
    AuditEvent.objects.create(action=AuditEvent.Action.VIEW, object_type="test")
    assert served(client, ORGANISATIONS)[1] <= 3


def test_a_rolled_back_write_leaves_the_page_as_it_was(client: Client) -> None:
    organisation = make_organisation("Legal Aid Society")
    served(client, ORGANISATIONS)
    with transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(name="Never saved")
        transaction.set_rollback(True)
    page, _ = served(client, ORGANISATIONS)
    assert "Never saved" not in page
    assert "Legal Aid Society" in page
    # Kept again once served.
    assert served(client, ORGANISATIONS)[1] <= 3


def test_a_transaction_committed_by_hand_is_seen(client: Client) -> None:
    organisation = make_organisation("Legal Aid Society")
    served(client, ORGANISATIONS)
    transaction.set_autocommit(False)
    try:
        Organisation.objects.filter(pk=organisation.pk).update(name="Committed by hand")
        transaction.commit()
    finally:
        transaction.set_autocommit(True)
    assert "Committed by hand" in served(client, ORGANISATIONS)[0]


def test_a_kept_page_never_reaches_another_reader(reader: User, client: Client) -> None:
    make_organisation("Legal Aid Society")
    other = make_user("analyst", organisation=reader.organisation)
    served(client, ORGANISATIONS)
    second = Client()
    second.force_login(other)
    page, _ = served(second, ORGANISATIONS)
    assert "analyst" in page
    assert ">secretariat<" not in page.replace(" ", "")


def test_each_language_and_fragment_is_kept_apart(client: Client) -> None:
    make_organisation("Legal Aid Society")
    english, _ = served(client, ORGANISATIONS)
    urdu, _ = served(client, "/ur/engagement/organisations/")
    assert 'lang="ur"' in urdu
    assert 'lang="en"' in english
    fragment = client.get(ORGANISATIONS, headers={"hx-request": "true"}).content.decode()
    assert served(client, ORGANISATIONS)[0] == english
    assert client.get(ORGANISATIONS, headers={"hx-request": "true"}).content.decode() == fragment


def test_a_page_that_writes_while_built_is_built_every_time(reader: User) -> None:
    """A read of contact details is audited: serving the page again would skip the record."""
    person = make_person("Amina Khan", organisation=reader.organisation, email="amina@example.org")
    client = Client()
    client.force_login(reader)
    before = AuditEvent.objects.filter(object_id=str(person.pk)).count()
    for _ in range(3):
        assert "amina@example.org" in client.get("/en/engagement/people/").text
    after = AuditEvent.objects.filter(object_id=str(person.pk)).count()
    assert after - before == 3


def test_a_page_with_a_message_is_built_and_shows_it(client: Client) -> None:
    organisation = make_organisation("Legal Aid Society")
    served(client, "/en/")
    served(client, "/en/")
    response = client.post(f"/en/engagement/organisations/{organisation.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert [m.message for m in response.context["messages"]] == ["“Legal Aid Society” was deleted."]


# The decorator alone, around views that should not be kept.


def _request(user: User) -> HttpRequest:
    request = RequestFactory().get("/en/somewhere/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _kept_after(view: Any, user: User) -> int:
    """How many times the view was called for two requests."""
    calls = []

    def counted(request: HttpRequest) -> HttpResponse:
        calls.append(1)
        return view(request)

    wrapped = pagecache.cached_page(counted)
    caches["pages"].clear()
    for _ in range(2):
        wrapped(_request(user))
    return len(calls)


def test_only_plain_html_answers_are_kept(reader: User) -> None:
    assert _kept_after(lambda request: HttpResponse("<p>ok</p>"), reader) == 1

    def with_cookie(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("<p>ok</p>")
        response.set_cookie("chosen", "1")
        return response

    def with_message(request: HttpRequest) -> HttpResponse:
        request._messages.add(message_levels.INFO, "Saved.")  # type: ignore[attr-defined]
        return HttpResponse("<p>ok</p>")

    def writing(request: HttpRequest) -> HttpResponse:
        make_organisation()
        return HttpResponse("<p>ok</p>")

    for view in (
        lambda request: HttpResponse("missing", status=404),
        lambda request: HttpResponse("{}", content_type="application/json"),
        with_cookie,
        with_message,
        writing,
    ):
        assert _kept_after(view, reader) == 2


def test_turned_off_nothing_is_kept(reader: User, settings: Any) -> None:
    settings.PALERMO_PAGE_CACHE_SECONDS = 0
    assert _kept_after(lambda request: HttpResponse("<p>ok</p>"), reader) == 2


def test_a_committed_write_gives_its_tables_new_versions() -> None:
    make_organisation("Legal Aid Society")
    first = TableVersion.objects.get(name="engagement_organisation").version
    make_organisation("Bar Council")
    assert TableVersion.objects.get(name="engagement_organisation").version != first


def test_statements_name_their_tables() -> None:
    assert pagecache.tables_named(
        'SELECT "engagement_person"."id" FROM "engagement_person" '
        'INNER JOIN "engagement_organisation" ON (1 = 1)'
    ) == {"engagement_person", "engagement_organisation"}
    assert pagecache.tables_named("update engagement_person set name = %s") == {"engagement_person"}
    assert pagecache.tables_named("SELECT 1") == frozenset()
