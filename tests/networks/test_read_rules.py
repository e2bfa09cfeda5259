"""The permission table's networks rows: an entity reaches exactly the analysts granted it.

A marker name is planted in one person of a collection. Each surface (pages, API, exports,
search, the audit log) is read as each role; the marker must be found exactly where the rule
lets that role read entities: the collection's analysts with a grant, and for the entity-level
export its owner alone. Reads by those with a grant are in the audit log.
"""

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from palermo.core.models import AuditEvent, User
from palermo.networks.models import Collection
from palermo.networks.services import analyses, imports
from palermo.networks.services import collections as services
from tests.evidence.test_read_rules import ROLES, _body, _users
from tests.factories import bearer
from tests.networks.conftest import FIXTURES

pytestmark = pytest.mark.django_db

MARKER = "ENTITY-MARKER-Q7Z"
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
        path.write_text("\n".join([json.dumps(first), *lines[1:]]))
        imports.import_file(actor=owner, collection=self.collection, path=path)
        services.grant_create(actor=owner, collection=self.collection, user=self.users["granted"])
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


def search(world: World, role: str) -> str:
    page = world.page(role, f"/en/search/?q={MARKER}")
    start = page.find('<ol class="list-unstyled">')
    results = page[start : page.find("</ol>", start)] if start >= 0 else ""
    return results + world.api(role, f"/api/v1/search?q={MARKER}")


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


SURFACES: dict[str, tuple[Callable[[World, str], str], set[str]]] = {
    "page: catalogue, collection, entities, links": (pages, MAY_READ),
    "api: collections and entities": (api, MAY_READ),
    "export: page": (export_page, MAY_EXPORT),
    "export: api": (export_api, MAY_EXPORT),
    "page: graph and its JSON": (graph_json, MAY_READ),
    "page: analyses": (analyses_page, MAY_READ),
    "api: analyses": (analyses_api, MAY_READ),
    "search": (search, set()),
    "audit log": (audit_log, set()),
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
    read, readers = SURFACES[surface]

    found = MARKER in read(world, role)

    assert found == (role in readers)


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
