import pytest

from palermo.core.roles import Role
from palermo.networks import demo
from palermo.networks.models import Collection, Entity
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db


def test_the_demo_network_is_invented_labelled_and_loaded_once() -> None:
    make_user("analyst", Role.ANALYST, organisation=make_organisation("National Police Bureau"))
    assert demo.demo_load() == {"collections": 1}
    assert demo.demo_load() == {"collections": 0}
    collection = Collection.objects.get(name=demo.NAME)
    assert collection.is_synthetic
    assert "invented" in collection.name.lower()
    assert collection.entities.filter(schema="Payment").count() == len(demo.PAYMENTS)
    stages = dict(
        Entity.objects.filter(collection=collection, schema="Address").values_list(
            "entity_id", "route_stage"
        )
    )
    assert stages["gujrat"] == "recruitment"
    assert stages["manolada"] == "exploitation"
    # The three companies own each other in a circle.
    owners = dict(
        collection.entities.filter(schema="Ownership").values_list("source_id", "target_id")
    )
    assert owners["crescent"] == "dune"
    assert owners["dune"] == "indus"
    assert owners["indus"] == "crescent"
