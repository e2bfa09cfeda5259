"""The permission table's evidence rows: a record reaches exactly the analysts granted it.

A marker is planted in one record of a dataset's version. Each surface (pages, API, exports,
search, the audit log) is read as each role; the marker must be found exactly where the
rule lets that role read records: the dataset's analysts with a grant, and for record-level
export its owner alone. Reads by those with a grant are in the audit log.
"""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from palermo.core.models import AuditEvent, User
from palermo.core.roles import Role
from palermo.evidence import loaders
from palermo.evidence.models import Dataset
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services
from tests.evidence.layouts import ROWS, PlainVictims, write
from tests.factories import bearer, make_organisation, make_user

pytestmark = pytest.mark.django_db

RECORD = "RECORD-MARKER-P3X"
ROLES = (
    "owner",  # analyst of the owning organisation, who created the dataset
    "granted",  # analyst of another organisation of the State, given access
    "analyst",  # analyst of the owning organisation without access
    "secretariat",
    "coordinator",
    "member",
    "monitor",
    "foreign",  # every role, of another State
    "anonymous",
)
MAY_READ = {"owner", "granted"}
MAY_EXPORT = {"owner"}


def _users() -> dict[str, User]:
    fia = make_organisation("Federal Investigation Agency")
    return {
        "owner": make_user("owner", Role.ANALYST, organisation=fia),
        "granted": make_user("granted", Role.ANALYST, organisation=make_organisation("Research")),
        "analyst": make_user("analyst", Role.ANALYST, organisation=fia),
        "secretariat": make_user(
            "secretariat", Role.SECRETARIAT, organisation=make_organisation("NPB")
        ),
        "coordinator": make_user(
            "coordinator", Role.CS_COORDINATOR, organisation=make_organisation("Alliance")
        ),
        "member": make_user("member", Role.CS_MEMBER, organisation=make_organisation("Bar")),
        "monitor": make_user(
            "monitor", Role.PLAN_MONITOR, organisation=make_organisation("Interior")
        ),
        "foreign": make_user(
            "foreign",
            *Role,
            organisation=make_organisation("Home Office", country="IND"),
        ),
    }


class World:
    def __init__(self, tmp_path: Path) -> None:
        self.users = _users()
        owner = self.users["owner"]
        self.dataset = dataset_services.dataset_create(
            actor=owner,
            name="National TIP cases",
            kind="victims",
            crime_type="tip",
            source_organisation="FIA",
            description="Cases referred by the FIA",
        )
        rows = [[RECORD, *ROWS[0][1:]], *ROWS[1:]]
        import_services.import_file(
            actor=owner, dataset=self.dataset, path=write(tmp_path / "c.csv", rows)
        )
        dataset_services.grant_create(actor=owner, dataset=self.dataset, user=self.users["granted"])
        self.tokens = {role: bearer(user) for role, user in self.users.items()}

    def page(self, role: str, url: str) -> str:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return _body(client.get(url))

    def api(self, role: str, url: str) -> str:
        return _body(Client().get(url, headers=self.tokens.get(role, {})))


def _body(response: Any) -> str:
    if response.status_code != 200:
        return ""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def pages(world: World, role: str) -> str:
    base = f"/en/evidence/{world.dataset.pk}"
    urls = ["/en/evidence/", f"{base}/", f"{base}/versions/1/records/"]
    return "\n".join(world.page(role, url) for url in urls)


def api(world: World, role: str) -> str:
    base = f"/api/v1/datasets/{world.dataset.pk}"
    urls = ["/api/v1/datasets", base, f"{base}/versions/1/records"]
    return "\n".join(world.api(role, url) for url in urls)


def export_page(world: World, role: str) -> str:
    base = f"/en/evidence/{world.dataset.pk}/versions/1/export/"
    return world.page(role, f"{base}?format=csv") + world.page(role, f"{base}?format=parquet")


def export_api(world: World, role: str) -> str:
    base = f"/api/v1/datasets/{world.dataset.pk}/versions/1/export"
    return world.api(role, f"{base}?format=csv")


def search(world: World, role: str) -> str:
    # The page repeats the query in its search box; only the list of results counts.
    page = world.page(role, f"/en/search/?q={RECORD}")
    start = page.find('<ol class="list-unstyled">')
    results = page[start : page.find("</ol>", start)] if start >= 0 else ""
    return results + world.api(role, f"/api/v1/search?q={RECORD}")


def audit_log(world: World, role: str) -> str:
    return world.page(role, "/en/admin-area/audit/") + world.page(
        role, "/en/admin-area/audit/?format=csv"
    )


SURFACES: dict[str, tuple[Callable[[World, str], str], set[str]]] = {
    "page: catalogue, dataset, records": (pages, MAY_READ),
    "api: datasets and records": (api, MAY_READ),
    "export: page": (export_page, MAY_EXPORT),
    "export: api": (export_api, MAY_EXPORT),
    "search": (search, set()),
    "audit log": (audit_log, set()),
}


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    from django.db import transaction
    from django.test import override_settings

    root = tmp_path_factory.mktemp("evidence")
    layout = PlainVictims()
    loaders.LAYOUTS[layout.name] = layout
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
            del loaders.LAYOUTS[layout.name]


@pytest.fixture(autouse=True)
def evidence_root() -> None:
    """The module's world keeps its own evidence folder (overrides the package's fixture)."""


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("role", ROLES)
def test_a_record_reaches_exactly_the_analysts_granted_it(
    world: World, role: str, surface: str
) -> None:
    read, readers = SURFACES[surface]

    found = RECORD in read(world, role)

    assert found == (role in readers)


def test_reads_by_those_granted_are_in_the_audit_log(world: World) -> None:
    before = AuditEvent.objects.filter(object_type="evidence.datasetversion").count()
    for role in ROLES:
        pages(world, role)
        api(world, role)
    reads = AuditEvent.objects.filter(object_type="evidence.datasetversion").order_by("-pk")
    readers = {event.actor.username for event in reads[: reads.count() - before]}
    assert readers == MAY_READ
    assert Dataset.objects.get(pk=world.dataset.pk).grants.count() == 2
