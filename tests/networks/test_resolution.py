"""Entity resolution: candidates across scripts, decisions that merge, and undo that restores."""

import json
import random
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from followthemoney import model

from palermo.core.roles import Role
from palermo.networks.models import Collection, Judgement
from palermo.networks.resolution import candidates, names
from palermo.networks.resolution.resolver import Decision, Resolver
from palermo.networks.selectors import resolution as selectors
from palermo.networks.services import collections as collection_services
from palermo.networks.services import imports, resolution
from tests.factories import make_organisation, make_user
from tests.networks.conftest import FIXTURES


def person(entity_id: str, *names_: str, **props: str) -> object:
    properties = {"name": list(names_), **{key: [value] for key, value in props.items()}}
    return model.get_proxy({"id": entity_id, "schema": "Person", "properties": properties})


def test_urdu_and_latin_spellings_of_one_name_share_their_skeleton() -> None:
    assert names.tokens("محمد علی خان") == names.tokens("Muhammad Ali Khan")
    assert names.tokens("Mohammad Ali Khan") == names.tokens("Muhammad Ali Khan")
    assert names.tokens("رانا طفیل") == names.tokens("Rana Tufail")
    assert names.tokens("Rana Tufail") != names.tokens("Farah Jamil")


def test_the_urdu_spelling_is_proposed_and_a_namesake_is_not() -> None:
    people = [
        person("a", "Muhammad Ali Khan", birthDate="1979-04-02"),
        person("b", "محمد علی خان"),
        person("c", "Muhammad Naveed", birthDate="1990-01-01"),
        person("d", "Farah Jamil"),
    ]
    found = candidates.find(people)
    assert [(c.left, c.right) for c in found] == [("a", "b")]
    assert "sound alike" in found[0].reasons[0]


def test_an_identifier_lifts_the_score_and_a_different_one_lowers_it() -> None:
    base = candidates.score(person("a", "Rana Tufail"), person("b", "Rana Tufail Ahmed")).score
    same = candidates.score(
        person("a", "Rana Tufail", passportNumber="AB 123456"),
        person("b", "Rana Tufail Ahmed", passportNumber="ab-123456"),
    )
    other = candidates.score(
        person("a", "Rana Tufail", passportNumber="AB123456"),
        person("b", "Rana Tufail Ahmed", passportNumber="CD999999"),
    )
    assert same.score > base > other.score
    assert "They share an identifier." in same.reasons
    assert "Their identifiers differ." in other.reasons


def test_dates_of_different_years_lower_the_score_and_a_year_agrees_with_its_date() -> None:
    left = person("a", "Zaheer Abbasi", birthDate="1980")
    assert candidates.score(left, person("b", "Zaheer Abbasi", birthDate="1980-05-01")).score == 1
    assert candidates.score(left, person("b", "Zaheer Abbasi", birthDate="1991-05-01")).score < 0.8


def test_a_person_and_a_company_are_never_proposed() -> None:
    company = model.get_proxy(
        {"id": "c", "schema": "Company", "properties": {"name": ["Rana Tufail"]}}
    )
    assert candidates.find([person("a", "Rana Tufail"), company]) == []


def test_blocking_handles_five_thousand_entities_in_seconds() -> None:
    rng = random.Random(7)  # noqa: S311 - test data, not secrets
    first = ["Muhammad", "Ali", "Ahmed", "Bilal", "Farah", "Sadia", "Imran", "Naveed", "Ayesha"]
    last = [f"Family{n}" for n in range(800)]
    people = [
        person(f"p{n}", f"{rng.choice(first)} {rng.choice(last)} {rng.choice(last)}")
        for n in range(5000)
    ]
    start = time.perf_counter()
    candidates.find(people)
    assert time.perf_counter() - start < 20


def test_the_resolver_merges_clusters_and_points_links_at_the_canonical_id() -> None:
    proxies = [
        person("b", "Rana Tufail"),
        person("a", "Rana Tufail Ahmed"),
        person("c", "Imtiaz Qureshi"),
        model.get_proxy(
            {"id": "l", "schema": "Associate", "properties": {"person": ["b"], "associate": ["c"]}}
        ),
    ]
    view = {p.id: p for p in Resolver([Decision("a", "b", "positive")]).apply(proxies)}
    assert sorted(view) == ["a", "c", "l"]
    assert sorted(view["a"].get("name")) == ["Rana Tufail", "Rana Tufail Ahmed"]
    assert view["a"].to_dict()["referents"] == ["b"]
    assert view["l"].get("person") == ["a"]


@pytest.mark.django_db
class TestDecisions:
    @pytest.fixture
    def world(self) -> dict:
        fia = make_organisation("FIA")
        analyst = make_user("analyst", Role.ANALYST, organisation=fia)
        collection = collection_services.collection_create(actor=analyst, name="Route")
        imports.import_file(actor=analyst, collection=collection, path=FIXTURES / "route.ftm.json")
        return {"analyst": analyst, "collection": collection}

    @staticmethod
    def view(world: dict) -> list[str]:
        proxies = selectors.resolved_proxies(world["analyst"], world["collection"], where="test")
        return sorted(json.dumps(p.to_dict(), sort_keys=True) for p in proxies)

    def test_merging_and_undoing_restores_both_entities_and_their_links(self, world) -> None:
        before = self.view(world)
        analyst, collection = world["analyst"], world["collection"]
        pairs = selectors.candidate_pairs(analyst, collection, where="test")
        assert ("p-rana", "p-rana-addr") in [(p.candidate.left, p.candidate.right) for p in pairs]
        judgement = resolution.judgement_decide(
            actor=analyst,
            collection=collection,
            left_id="p-rana-addr",
            right_id="p-rana",
            verdict="positive",
        )
        merged = {p.id: p for p in selectors.resolved_proxies(analyst, collection, where="t")}
        assert "p-rana-addr" not in merged
        assert sorted(merged["p-rana"].get("name")) == ["Rana Tufail", "Rana Tufail Ahmed"]
        assert merged["p-rana"].get("addressEntity") == ["a-gujrat"]
        assert merged["dir-1"].get("director") == ["p-rana"]
        assert all(
            (p.candidate.left, p.candidate.right) != ("p-rana", "p-rana-addr")
            for p in selectors.candidate_pairs(analyst, collection, where="test")
        )
        resolution.judgement_undo(actor=analyst, judgement=judgement)
        assert self.view(world) == before
        judgement.refresh_from_db()
        assert judgement.undone_by == analyst
        collection.refresh_from_db()
        assert collection.version == 3  # the import, the decision, the undo

    def test_not_the_same_keeps_them_apart_even_through_a_third(self, world) -> None:
        analyst, collection = world["analyst"], world["collection"]
        resolution.judgement_decide(
            actor=analyst,
            collection=collection,
            left_id="p-rana",
            right_id="p-zaheer",
            verdict="negative",
        )
        resolution.judgement_decide(
            actor=analyst,
            collection=collection,
            left_id="p-rana",
            right_id="p-rana-addr",
            verdict="positive",
        )
        with pytest.raises(ValidationError, match="judged not to be the same"):
            resolution.judgement_decide(
                actor=analyst,
                collection=collection,
                left_id="p-rana-addr",
                right_id="p-zaheer",
                verdict="positive",
            )
        assert Judgement.objects.count() == 2

    def test_an_analyst_without_the_grant_decides_nothing(self, world) -> None:
        collection: Collection = world["collection"]
        other = make_user("other", Role.ANALYST, organisation=world["analyst"].organisation)
        with pytest.raises(PermissionDenied):
            resolution.judgement_decide(
                actor=other,
                collection=collection,
                left_id="p-rana",
                right_id="p-rana-addr",
                verdict="positive",
            )
        with pytest.raises(PermissionDenied):
            selectors.candidate_pairs(other, collection, where="test")
        assert Judgement.objects.count() == 0


@pytest.mark.django_db
def test_the_api_proposes_decides_and_undoes(tmp_path) -> None:
    from django.test import Client

    from tests.factories import bearer

    analyst = make_user("analyst", Role.ANALYST, organisation=make_organisation("FIA"))
    collection = collection_services.collection_create(actor=analyst, name="Route")
    imports.import_file(actor=analyst, collection=collection, path=FIXTURES / "route.ftm.json")
    headers = bearer(analyst)
    base = f"/api/v1/collections/{collection.pk}"
    found = Client().get(f"{base}/candidates", headers=headers).json()
    assert found[0]["left"] == "p-rana"
    assert found[0]["right"] == "p-rana-addr"
    made = Client().post(
        f"{base}/judgements",
        {"left": "p-rana", "right": "p-rana-addr", "verdict": "positive"},
        content_type="application/json",
        headers=headers,
    )
    assert made.status_code == 201
    again = Client().post(
        f"{base}/judgements",
        {"left": "p-rana-addr", "right": "p-rana", "verdict": "negative"},
        content_type="application/json",
        headers=headers,
    )
    assert again.status_code == 422
    undone = Client().post(f"{base}/judgements/{made.json()['id']}/undo", headers=headers)
    assert undone.status_code == 200
    assert undone.json()["undone_by"] == "analyst"
    member = bearer(make_user("member", Role.CS_MEMBER, organisation=make_organisation("NGO")))
    assert Client().get(f"{base}/candidates", headers=member).status_code == 403


@pytest.mark.django_db
def test_the_pages_decide_and_undo_after_confirmation() -> None:
    from django.test import Client

    analyst = make_user("analyst", Role.ANALYST, organisation=make_organisation("FIA"))
    collection = collection_services.collection_create(actor=analyst, name="Route")
    imports.import_file(actor=analyst, collection=collection, path=FIXTURES / "route.ftm.json")
    client = Client()
    client.force_login(analyst)
    base = f"/en/networks/{collection.pk}"
    page = client.get(f"{base}/duplicates/").content.decode()
    assert "Rana Tufail Ahmed" in page
    assert "1 pair to decide" in page
    client.post(
        f"{base}/duplicates/decide/",
        {"left": "p-rana", "right": "p-rana-addr", "verdict": "positive"},
    )
    assert "No pair is waiting" in client.get(f"{base}/duplicates/").content.decode()
    judgement = Judgement.objects.get()
    assert client.get(f"{base}/decisions/{judgement.pk}/undo/").status_code == 200
    assert Judgement.objects.get().undone_at is None
    client.post(f"{base}/decisions/{judgement.pk}/undo/")
    assert Judgement.objects.get().undone_at is not None
    assert "1 pair to decide" in client.get(f"{base}/duplicates/").content.decode()
