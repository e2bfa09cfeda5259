"""The permission table's networks rows: an entity reaches exactly the analysts granted it.

A marker name is planted in one person of a collection. Each surface (pages, API, exports,
search, the audit log) is read as each role; the marker must be found exactly where the rule
lets that role read entities: the collection's analysts with a grant, and for the entity-level
export its owner alone. Reads by those with a grant are in the audit log.

Entity resolution gets markers of its own, each carried by a possible duplicate (a Latin and
an Urdu spelling of one name, the Urdu one also named by the marker): one pair is left
waiting, the other is decided, so the duplicates page and API, and the decision log, page
and API, each show their marker only where the rule lets the role read entities, and the
undo form only to those who may resolve.
"""

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from palermo.core.models import AuditEvent, User
from palermo.networks.models import Collection
from palermo.networks.services import analyses, imports, resolution
from palermo.networks.services import collections as services
from tests.evidence.test_read_rules import ROLES, _body, _users
from tests.factories import bearer
from tests.networks.conftest import FIXTURES

pytestmark = pytest.mark.django_db

MARKER = "ENTITY-MARKER-Q7Z"
WAITING = "WAITING-MARKER-K4W"
DECIDED = "DECIDED-MARKER-J2V"
DUPLICATES = [
    {"id": "p-nadeem", "schema": "Person", "properties": {"name": ["Nadeem Akhtar"]}},
    {"id": "p-nadeem-ur", "schema": "Person", "properties": {"name": ["ندیم اختر", WAITING]}},
    {"id": "p-tariq", "schema": "Person", "properties": {"name": ["Tariq Mehmood"]}},
    {"id": "p-tariq-ur", "schema": "Person", "properties": {"name": ["طارق محمود", DECIDED]}},
]
MAY_READ = {"owner", "granted"}
MAY_EXPORT = {"owner"}


class World:
    def __init__(self, folder: Path) -> None:
        self.users: dict[str, User] = _users()
        owner = self.users["owner"]
        self.collection = services.collection_create(
            actor=owner, name="Route network", description="Brokers along the western route"
        )
        lines = (FIXTURES / "route.ftm.json").read_text().splitlines()
        first = json.loads(lines[0])
        first["properties"]["name"] = [MARKER]
        path = folder / "route.ftm.json"
        duplicates = [json.dumps(entity, ensure_ascii=False) for entity in DUPLICATES]
        path.write_text("\n".join([json.dumps(first), *lines[1:], *duplicates]))
        imports.import_file(actor=owner, collection=self.collection, path=path)
        services.grant_create(actor=owner, collection=self.collection, user=self.users["granted"])
        self.judgement = resolution.judgement_decide(
            actor=owner,
            collection=self.collection,
            left_id="p-tariq",
            right_id="p-tariq-ur",
            verdict="positive",
        )
        self.run = analyses.analysis_run(
            actor=owner, collection=self.collection, measure="degree", parameters={}
        )
        self.tokens = {role: bearer(user) for role, user in self.users.items()}

    def page(self, role: str, url: str) -> str:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return _body(client.get(url))

    def api(self, role: str, url: str) -> str:
        return _body(Client().get(url, headers=self.tokens.get(role, {})))

    def page_status(self, role: str, url: str) -> int:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client.get(url).status_code

    def api_status(self, role: str, url: str) -> int:
        return Client().get(url, headers=self.tokens.get(role, {})).status_code


def pages(world: World, role: str) -> str:
    base = f"/en/networks/{world.collection.pk}"
    urls = [
        "/en/networks/",
        f"{base}/",
        f"{base}/entities/",
        f"{base}/entities/?links=1",
        f"{base}/entities/p-rana/",
        f"{base}/entities/dir-1/",
    ]
    return "\n".join(world.page(role, url) for url in urls)


def api(world: World, role: str) -> str:
    base = f"/api/v1/collections/{world.collection.pk}"
    urls = ["/api/v1/collections", base, f"{base}/entities", f"{base}/entities/p-rana"]
    return "\n".join(world.api(role, url) for url in urls)


def export_page(world: World, role: str) -> str:
    base = f"/en/networks/{world.collection.pk}/export/"
    return "".join(world.page(role, f"{base}?format={fmt}") for fmt in ("ftm", "gexf", "graphml"))


def export_api(world: World, role: str) -> str:
    base = f"/api/v1/collections/{world.collection.pk}/export"
    return "".join(world.api(role, f"{base}?format={fmt}") for fmt in ("ftm", "graphml"))


def _search(world: World, role: str, query: str) -> str:
    page = world.page(role, f"/en/search/?q={query}")
    start = page.find('<ol class="list-unstyled">')
    results = page[start : page.find("</ol>", start)] if start >= 0 else ""
    return results + world.api(role, f"/api/v1/search?q={query}")


def search(world: World, role: str) -> str:
    return _search(world, role, MARKER)


def search_duplicates(world: World, role: str) -> str:
    return _search(world, role, WAITING) + _search(world, role, DECIDED)


def audit_log(world: World, role: str) -> str:
    return world.page(role, "/en/admin-area/audit/") + world.page(
        role, "/en/admin-area/audit/?format=csv"
    )


def graph_json(world: World, role: str) -> str:
    base = f"/en/networks/{world.collection.pk}/graph"
    urls = [
        f"{base}/",
        f"{base}/elements.json",
        f"{base}/elements.json?schema=Person",
        f"{base}/neighbours.json?id=p-rana",
        f"{base}/path.json?source=p-rana&target=p-gul",
    ]
    return "\n".join(world.page(role, url) for url in urls)


def analyses_page(world: World, role: str) -> str:
    base = f"/en/networks/{world.collection.pk}/analyses"
    urls = [f"{base}/", f"{base}/?measure=shortest_path", f"{base}/{world.run.pk}/"]
    return "\n".join(world.page(role, url) for url in urls)


def analyses_api(world: World, role: str) -> str:
    base = f"/api/v1/collections/{world.collection.pk}/analyses"
    return world.api(role, base) + world.api(role, f"{base}/{world.run.pk}")


def duplicates_page(world: World, role: str) -> str:
    base = f"/en/networks/{world.collection.pk}"
    return world.page(role, f"{base}/duplicates/")


def duplicates_api(world: World, role: str) -> str:
    return world.api(role, f"/api/v1/collections/{world.collection.pk}/candidates")


def decisions_page(world: World, role: str) -> str:
    return world.page(role, f"/en/networks/{world.collection.pk}/decisions/")


def decisions_api(world: World, role: str) -> str:
    return world.api(role, f"/api/v1/collections/{world.collection.pk}/judgements")


def undo_page(world: World, role: str) -> str:
    base = f"/en/networks/{world.collection.pk}/decisions"
    return world.page(role, f"{base}/{world.judgement.pk}/undo/")


SURFACES: dict[str, tuple[Callable[[World, str], str], set[str], str]] = {
    "page: catalogue, collection, entities, links": (pages, MAY_READ, MARKER),
    "api: collections and entities": (api, MAY_READ, MARKER),
    "export: page": (export_page, MAY_EXPORT, MARKER),
    "export: api": (export_api, MAY_EXPORT, MARKER),
    "page: graph and its JSON": (graph_json, MAY_READ, MARKER),
    "page: analyses": (analyses_page, MAY_READ, MARKER),
    "api: analyses": (analyses_api, MAY_READ, MARKER),
    "search": (search, set(), MARKER),
    "audit log": (audit_log, set(), MARKER),
    "page: possible duplicates": (duplicates_page, MAY_READ, WAITING),
    "api: candidates": (duplicates_api, MAY_READ, WAITING),
    "page: decisions": (decisions_page, MAY_READ, DECIDED),
    "api: judgements": (decisions_api, MAY_READ, DECIDED),
    "page: undo a decision": (undo_page, MAY_EXPORT, DECIDED),
    "search: duplicates": (search_duplicates, set(), WAITING),
    "audit log: decisions": (audit_log, set(), DECIDED),
}


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    from django.db import transaction
    from django.test import override_settings

    root = tmp_path_factory.mktemp("networks")
    with (
        django_db_blocker.unblock(),
        override_settings(PALERMO_EVIDENCE_ROOT=root / "store"),
        transaction.atomic(),
    ):
        built = World(root)
        try:
            yield built
        finally:
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def evidence_root() -> None:
    """The module's world keeps its own staging folder (overrides the package's fixture)."""


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("role", ROLES)
def test_an_entity_reaches_exactly_the_analysts_granted_it(
    world: World, role: str, surface: str
) -> None:
    read, readers, marker = SURFACES[surface]

    found = marker in read(world, role)

    assert found == (role in readers)


@pytest.mark.parametrize("role", sorted(set(ROLES) - MAY_READ))
def test_resolution_pages_and_api_refuse_alike(world: World, role: str) -> None:
    page = f"/en/networks/{world.collection.pk}"
    api = f"/api/v1/collections/{world.collection.pk}"

    statuses = {
        "duplicates page": world.page_status(role, f"{page}/duplicates/"),
        "decisions page": world.page_status(role, f"{page}/decisions/"),
        "candidates api": world.api_status(role, f"{api}/candidates"),
        "judgements api": world.api_status(role, f"{api}/judgements"),
    }

    if role == "anonymous":  # a page asks to sign in, the API says who is missing
        assert statuses == {
            "duplicates page": 302,
            "decisions page": 302,
            "candidates api": 401,
            "judgements api": 401,
        }
    else:  # another State's user is not told the collection exists
        refusal = 404 if role == "foreign" else 403
        assert statuses == dict.fromkeys(statuses, refusal)


def test_an_undone_decision_puts_the_pair_back_and_stays_in_the_log(world: World) -> None:
    owner = world.users["owner"]
    judgement = resolution.judgement_undo(actor=owner, judgement=world.judgement)

    waiting = duplicates_api(world, "owner")
    log = decisions_page(world, "owner")

    assert DECIDED in waiting
    assert DECIDED in log
    assert f"/decisions/{judgement.pk}/undo/" not in log
    assert "Undone: " in log.split(DECIDED, 1)[1].split("</tr>", 1)[0]
    world.judgement = resolution.judgement_decide(
        actor=owner,
        collection=world.collection,
        left_id=judgement.left_id,
        right_id=judgement.right_id,
        verdict="positive",
    )


def test_the_collection_itself_is_seen_by_its_state(world: World) -> None:
    seen = {role for role in ROLES if "Route network" in world.page(role, "/en/networks/")}
    assert seen == {
        "owner",
        "granted",
        "analyst",
        "secretariat",
        "coordinator",
        "member",
        "monitor",
    }


def test_reads_by_those_granted_are_in_the_audit_log(world: World) -> None:
    before = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).count()
    for role in ROLES:
        pages(world, role)
        api(world, role)
    reads = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).order_by("-pk")
    readers = {event.actor.username for event in reads[: reads.count() - before]}
    assert readers == MAY_READ
    assert Collection.objects.get(pk=world.collection.pk).grants.count() == 2
