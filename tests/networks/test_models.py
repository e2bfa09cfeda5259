import pytest
from django.db import IntegrityError, transaction

from palermo.networks.models import Collection, Entity, Judgement
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def make_collection() -> Collection:
    return Collection.objects.create(
        name="Route network", country="PAK", owner=make_organisation(country="PAK")
    )


def test_an_entity_id_is_unique_within_its_collection() -> None:
    collection = make_collection()
    Entity.objects.create(collection=collection, entity_id="p1", schema="Person")
    with pytest.raises(IntegrityError), transaction.atomic():
        Entity.objects.create(collection=collection, entity_id="p1", schema="Company")
    other = make_collection()
    Entity.objects.create(collection=other, entity_id="p1", schema="Person")
    assert Entity.objects.filter(entity_id="p1").count() == 2


def test_a_pair_has_one_judgement_in_force_and_is_stored_in_order() -> None:
    collection = make_collection()
    Judgement.objects.create(collection=collection, left_id="a", right_id="b", verdict="positive")
    with pytest.raises(IntegrityError), transaction.atomic():
        Judgement.objects.create(
            collection=collection, left_id="a", right_id="b", verdict="negative"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Judgement.objects.create(
            collection=collection, left_id="c", right_id="b", verdict="positive"
        )
