"""The network brief: built by granted analysts from the merged view, in every format."""

import pytest

from palermo.core.roles import Role
from palermo.networks.services import collections as collection_services
from palermo.networks.services import imports, resolution
from palermo.reports import registry
from palermo.reports.builders.network_brief import build_network_brief
from palermo.reports.registry import ReportError
from palermo.reports.renderers import render
from tests.factories import make_organisation, make_user
from tests.networks.conftest import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict:
    fia = make_organisation("FIA")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    collection = collection_services.collection_create(actor=analyst, name="Route network")
    imports.import_file(actor=analyst, collection=collection, path=FIXTURES / "route.ftm.json")
    return {
        "analyst": analyst,
        "colleague": make_user("colleague", Role.ANALYST, organisation=fia),
        "collection": collection,
    }


def _table(document, caption):  # type: ignore[no-untyped-def]
    return next(t for t in document.tables() if t.caption == caption)


def test_the_brief_names_actors_money_and_the_ownership_cycle(world) -> None:
    document = build_network_brief(
        user=world["analyst"], collection=world["collection"], language="en"
    )
    actors = [row[0] for row in _table(document, "Key actors").rows]
    assert "Crescent Travel Services" in actors[:5]
    payments = {(row[0], row[1]): row[2:] for row in _table(document, "Payments by entity").rows}
    assert payments["Rana Tufail", "PKR"] == ("250,000", "0")
    assert payments["Imtiaz Qureshi", "PKR"] == ("0", "250,000")
    chains = _table(document, "Ownership chains").rows
    assert any(row[2] == "yes" for row in chains)
    kinds = dict(_table(document, "Entities and links by kind").rows)
    assert kinds["Person"] == 5
    assert ["collection", world["collection"].pk] in [list(h) for h in document.holds]


def test_a_merge_is_counted_in_the_brief(world) -> None:
    resolution.judgement_decide(
        actor=world["analyst"],
        collection=world["collection"],
        left_id="p-rana",
        right_id="p-rana-addr",
        verdict="positive",
    )
    document = build_network_brief(
        user=world["analyst"], collection=world["collection"], language="en"
    )
    assert dict(_table(document, "Entities and links by kind").rows)["Person"] == 4


def test_an_ego_brief_keeps_the_entities_within_two_links(world) -> None:
    document = build_network_brief(
        user=world["analyst"], collection=world["collection"], center="p-gul", language="en"
    )
    drawn = {row[0] for row in _table(document, "The entities drawn").rows}
    assert "Gul Meena" in drawn
    assert "Zaheer Abbasi" in drawn
    assert "Indus Horizon Holdings" not in drawn


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "xlsx"])
def test_the_brief_renders_in_every_format(world, fmt) -> None:
    document = build_network_brief(
        user=world["analyst"], collection=world["collection"], language="en"
    )
    content = render(document, fmt)
    assert len(content) > 1000


def test_only_granted_analysts_build_it(world) -> None:
    kind = registry.get("network_brief")
    params = kind.parse_params({"collection": world["collection"].pk})
    assert params == {"collection": world["collection"].pk}
    assert kind.can_generate(world["analyst"], params)
    assert not kind.can_generate(world["colleague"], params)
    with pytest.raises(ReportError):
        build_network_brief(user=world["colleague"], collection=world["collection"], language="en")
