"""The chain: a statistic linked to a recommendation, an indicator or an article, shown by rule."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from palermo.core.models import AuditEvent
from palermo.core.roles import Role
from palermo.evidence import links, loaders, messages, releases
from palermo.evidence import statistics as stats
from palermo.evidence.models import StatisticLink
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services
from palermo.instruments.models import Article
from tests.evidence.layouts import ROWS, PlainVictims, write
from tests.factories import make_indicator, make_organisation, make_user
from tests.isolates import without_isolates
from tests.tracking.test_services_recommendations import make_recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def plain_layout() -> Iterator[None]:
    layout = PlainVictims()
    loaders.LAYOUTS[layout.name] = layout
    yield
    del loaders.LAYOUTS[layout.name]


@pytest.fixture
def world(tmp_path: Any) -> dict[str, Any]:
    fia = make_organisation("Federal Investigation Agency")
    ngo = make_organisation("NGO", kind="civil_society")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    dataset = dataset_services.dataset_create(
        actor=analyst, name="TIP cases", kind="victims", crime_type="tip", source_organisation="FIA"
    )
    import_services.import_file(
        actor=analyst, dataset=dataset, path=write(tmp_path / "c.csv", ROWS)
    )
    release = releases.release_prepare(
        actor=analyst, version=dataset.versions.get(), statistic=stats.victims_by("sex")
    )
    releases.release_publish(actor=analyst, release=release)
    article = Article.objects.get(instrument__code="tip", number=10)
    recommendation = make_recommendation(title="Strengthen the national database")
    recommendation.articles.add(article)
    return {
        "analyst": analyst,
        "colleague": make_user("colleague", Role.ANALYST, organisation=fia),
        "outsider": make_user("outsider", Role.ANALYST, organisation=ngo),
        "coordinator": make_user("coordinator", Role.CS_COORDINATOR, organisation=ngo),
        "member": make_user("member", Role.CS_MEMBER, organisation=ngo),
        "dataset": dataset,
        "release": release,
        "article": article,
        "recommendation": recommendation,
    }


def _link_both(world: dict[str, Any]) -> tuple[StatisticLink, StatisticLink]:
    published = links.link_create(
        actor=world["analyst"],
        target=world["recommendation"],
        dataset=world["dataset"],
        release=world["release"],
    )
    live = links.link_create(
        actor=world["analyst"],
        target=world["recommendation"],
        dataset=world["dataset"],
        statistic="victims_by_age_band",
        parameters={"values": {"citizenship": ["PAK"]}, "year_from": None, "year_to": None},
    )
    return published, live


@pytest.mark.parametrize(
    ("role", "titles", "live"),
    [
        ("analyst", ["Victims by sex", "Victims by age band"], [True, True]),
        ("colleague", ["Victims by sex"], [False]),
        ("coordinator", ["Victims by sex"], [False]),
        ("member", ["Victims by sex"], [False]),
    ],
)
def test_readers_see_a_linked_statistic_only_as_its_published_release_unless_they_read_records(
    world: dict[str, Any], role: str, titles: list[str], live: list[bool]
) -> None:
    _link_both(world)

    shown = links.links_for(world[role], world["recommendation"])

    assert [item.title for item in shown] == titles
    assert [bool(item.live_url) for item in shown] == live


def test_a_civil_society_member_sees_the_release_on_the_pages_but_not_the_unpublished_statistic(
    world: dict[str, Any],
) -> None:
    _link_both(world)
    client = Client()
    client.force_login(world["member"])

    for url in (
        world["recommendation"].get_absolute_url(),
        world["article"].get_absolute_url(),
    ):
        page = client.get(url).content.decode()
        assert "Victims by sex" in page
        assert "Victims by age band" not in page
        assert "Link a statistic" not in page


def test_a_live_statistic_shows_to_all_once_a_release_with_its_filters_is_published(
    world: dict[str, Any],
) -> None:
    _published, live = _link_both(world)
    analyst = world["analyst"]
    filters = stats.Filters(values={"citizenship": ("PAK",)})
    release = releases.release_prepare(
        actor=analyst,
        version=world["dataset"].versions.get(),
        statistic=stats.victims_by("age_band"),
        filters=filters,
    )
    assert links.link_shown(world["member"], live) is None

    releases.release_publish(actor=analyst, release=release)

    shown = links.link_shown(world["member"], live)
    assert shown is not None
    assert (shown.release, shown.live_url) == (release, "")


def test_the_article_page_shows_statistics_through_its_recommendations(
    world: dict[str, Any],
) -> None:
    _link_both(world)

    shown = links.links_for(world["analyst"], world["article"])

    assert [(item.title, item.target) for item in shown] == [
        ("Victims by sex", world["recommendation"]),
        ("Victims by age band", world["recommendation"]),
    ]


def test_a_coordinator_who_edits_the_recommendation_links_without_managing_the_dataset(
    world: dict[str, Any],
) -> None:
    link = links.link_create(
        actor=world["coordinator"],
        target=world["recommendation"],
        dataset=world["dataset"],
        release=world["release"],
        note="Baseline of the database",
    )

    assert (link.statistic, link.recommendation, link.note) == (
        "victims_by_sex",
        world["recommendation"],
        "Baseline of the database",
    )
    assert (
        AuditEvent.objects.filter(
            action=AuditEvent.Action.CREATE, object_type="evidence.statisticlink"
        ).count()
        == 1
    )


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_who_neither_manages_the_dataset_nor_edits_the_target_cannot_link(
    world: dict[str, Any], role: str
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        links.link_create(
            actor=world[role],
            target=world["recommendation"],
            dataset=world["dataset"],
            statistic="victims_by_sex",
        )

    assert str(refused.value) == str(messages.LINK_NOT_ALLOWED)
    assert not StatisticLink.objects.exists()


def test_an_unknown_statistic_and_a_second_identical_link_are_refused(
    world: dict[str, Any],
) -> None:
    indicator = make_indicator(name="Victims identified")
    kwargs = {"actor": world["analyst"], "target": indicator, "dataset": world["dataset"]}
    with pytest.raises(ValidationError) as unknown:
        links.link_create(**kwargs, statistic="victims_by_shoe_size")
    links.link_create(**kwargs, statistic="victims_by_sex")
    with pytest.raises(ValidationError) as twice:
        links.link_create(**kwargs, statistic="victims_by_sex")

    assert unknown.value.message_dict == {"statistic": [str(messages.LINK_STATISTIC_UNKNOWN)]}
    assert twice.value.messages == [str(messages.LINK_DUPLICATE)]
    assert StatisticLink.objects.filter(indicator=indicator).count() == 1


def test_the_pages_link_a_release_and_unlink_it_after_confirmation(
    world: dict[str, Any],
) -> None:
    client = Client()
    client.force_login(world["analyst"])
    recommendation = world["recommendation"]
    target = f"tracking.recommendation:{recommendation.pk}"
    form = client.get(f"/en/evidence/links/new/?target={target}").content.decode()
    assert "Release: Victims by sex" in form

    response = client.post(
        "/en/evidence/links/new/",
        {"target": target, "source": f"release:{world['release'].pk}", "note": ""},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == recommendation.get_absolute_url()
    assert "The statistic is linked." in response.content.decode()
    link = StatisticLink.objects.get()
    url = f"/en/evidence/links/{link.pk}/remove/"
    assert "Unlink “Victims by sex”" in without_isolates(client.get(url).content.decode())
    client.post(url)
    assert not StatisticLink.objects.exists()


def test_the_statistics_page_sends_its_filters_to_the_link_form(world: dict[str, Any]) -> None:
    client = Client()
    client.force_login(world["analyst"])
    indicator = make_indicator(name="Victims identified")
    query = f"dataset={world['dataset'].pk}&statistic=victims_by_sex&f.citizenship=PAK"

    client.post(
        f"/en/evidence/links/new/?{query}",
        {
            "target": f"tracking.indicator:{indicator.pk}",
            "source": f"statistic:{world['dataset'].pk}:victims_by_sex",
            "parameters": '{"values": {"citizenship": ["PAK"]}}',
        },
    )

    link = StatisticLink.objects.get()
    assert (link.indicator, link.statistic, link.parameters) == (
        indicator,
        "victims_by_sex",
        {"values": {"citizenship": ["PAK"]}},
    )


def test_a_member_cannot_open_the_unlink_page(world: dict[str, Any]) -> None:
    published, _live = _link_both(world)
    client = Client()
    client.force_login(world["member"])

    assert client.get(f"/en/evidence/links/{published.pk}/remove/").status_code == 403
    assert client.post(f"/en/evidence/links/{published.pk}/remove/").status_code == 403
    assert StatisticLink.objects.count() == 2


def test_the_api_links_lists_by_rule_and_unlinks(world: dict[str, Any]) -> None:
    from tests.factories import bearer

    recommendation = world["recommendation"]
    target = f"tracking.recommendation:{recommendation.pk}"
    analyst = bearer(world["analyst"])
    created = Client().post(
        "/api/v1/statistic-links",
        {"target": target, "source": f"statistic:{world['dataset'].pk}:victims_by_age_band"},
        content_type="application/json",
        headers=analyst,
    )
    assert created.status_code == 201, created.content
    assert created.json()["live"] is True
    refused = Client().post(
        "/api/v1/statistic-links",
        {"target": target, "source": f"release:{world['release'].pk}"},
        content_type="application/json",
        headers=bearer(world["member"]),
    )
    assert refused.status_code == 403

    listed = Client().get(
        f"/api/v1/statistic-links?target={target}", headers=bearer(world["member"])
    )
    assert listed.json() == []
    article = f"instruments.article:{world['article'].pk}"
    listed = Client().get(f"/api/v1/statistic-links?target={article}", headers=analyst)
    assert [item["title"] for item in listed.json()] == ["Victims by age band"]

    link_id = created.json()["id"]
    assert Client().delete(f"/api/v1/statistic-links/{link_id}", headers=analyst).status_code == 204
    assert not StatisticLink.objects.exists()
