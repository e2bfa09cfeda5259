"""The Organized Crime Index profile: a country, its neighbours and its region across editions."""

import csv
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from palermo.core.roles import Role
from palermo.evidence import profiles
from palermo.evidence.generators import ocindex as generator
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services
from tests.factories import make_organisation, make_user

# (criminality, criminal markets, criminal actors, resilience) by edition and country.
SCORES = {
    2021: {
        "PAK": (6.0, 6.5, 5.5, 4.0),
        "AFG": (7.0, 7.5, 6.5, 2.0),
        "IND": (5.5, 6.0, 5.0, 5.5),
        "IRN": (6.5, 6.0, 7.0, 3.5),
        "CHN": (6.0, 6.5, 5.5, 5.0),
        "BGD": (6.0, 6.0, 6.0, 4.5),
    },
    2023: {
        "PAK": (6.5, 7.0, 6.0, 4.5),
        "AFG": (7.5, 8.0, 7.0, 2.5),
        "BGD": (6.5, 6.5, 6.5, 5.0),
    },
}


def write_index(path: Path) -> Path:
    """Both editions in one file with an Edition column, every indicator at its average."""
    criminality, markets_h, markets, actors_h, actors, resilience = generator.headings(2023)
    spelled = generator.resilience_spelled(2023)
    header = ["Country", "Edition", criminality, markets_h, *markets, actors_h, *actors]
    header += [resilience, *spelled]
    names = dict(generator.countries(2023))
    rows = [header]
    for edition, countries in SCORES.items():
        for code, (crime, market, actor, strength) in countries.items():
            rows.append(
                [names[code], edition, crime, market, *[market] * len(markets), actor]
                + [*[actor] * len(actors), strength, *[strength] * len(spelled)]
            )
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_neighbours_come_from_the_reference_list_both_ways() -> None:
    assert profiles.neighbours("PAK") == ("AFG", "CHN", "IND", "IRN")
    assert "PAK" in profiles.neighbours("AFG")
    assert "ARM" in profiles.neighbours("IRN")
    assert "IRN" in profiles.neighbours("ARM")  # written once, under IRN
    assert profiles.subregion("PAK") == "Southern Asia"
    assert profiles.subregion_members("PAK") == (
        "AFG",
        "BGD",
        "BTN",
        "IND",
        "IRN",
        "LKA",
        "MDV",
        "NPL",
        "PAK",
    )


def test_profile_rows_keep_the_headline_scores_and_average_the_region() -> None:
    rows = [
        {"indicator": "criminality", "edition": 2023, "country": "AFG", "score": 7.5},
        {"indicator": "criminality", "edition": 2023, "country": "PAK", "score": 6.5},
        {"indicator": "criminality", "edition": 2023, "country": "BGD", "score": 6.0},
        {"indicator": "criminality", "edition": 2023, "country": "CHN", "score": 6.0},
        {"indicator": "human_trafficking", "edition": 2023, "country": "PAK", "score": 7.0},
        {"indicator": "resilience", "edition": 2021, "country": "PAK", "score": None},
    ]

    found = profiles.profile_rows(rows, "PAK", ["AFG", "CHN"], ["AFG", "BGD", "PAK"])

    def row(series: str, role: str, score: float) -> dict[str, Any]:
        return {
            "indicator": "criminality",
            "edition": 2023,
            "series": series,
            "role": role,
            "score": score,
        }

    assert found == [
        row("PAK", "country", 6.5),
        row("AFG", "neighbour", 7.5),
        row("CHN", "neighbour", 6.0),
        row("region", "region", 6.67),
    ]


@pytest.fixture
def world(tmp_path: Path, db: None) -> dict[str, Any]:
    owner = make_organisation("Research unit")
    analyst = make_user("analyst", Role.ANALYST, organisation=owner)
    dataset = dataset_services.dataset_create(
        actor=analyst,
        name="OC Index",
        kind="index_scores",
        crime_type="other",
        source_organisation="GI-TOC",
    )
    check, version = import_services.import_file(
        actor=analyst, dataset=dataset, path=write_index(tmp_path / "index.csv")
    )
    assert version is not None, check
    return {
        "analyst": analyst,
        "outsider": make_user("outsider", Role.ANALYST, organisation=owner),
        "dataset": dataset,
        "version": version,
    }


EXPECTED = [
    ["Criminality", 2021, 6.0, 7.0, 6.0, 5.5, 6.5, 6.2],
    ["Criminality", 2023, 6.5, 7.5, None, None, None, 6.83],
    ["Resilience", 2021, 4.0, 2.0, 5.0, 5.5, 3.5, 3.9],
    ["Resilience", 2023, 4.5, 2.5, None, None, None, 4.0],
    ["Criminal markets", 2021, 6.5, 7.5, 6.5, 6.0, 6.0, 6.4],
    ["Criminal markets", 2023, 7.0, 8.0, None, None, None, 7.17],
    ["Criminal actors", 2021, 5.5, 6.5, 5.5, 5.0, 7.0, 6.0],
    ["Criminal actors", 2023, 6.0, 7.0, None, None, None, 6.5],
]


def test_pakistans_profile_beside_its_neighbours_and_southern_asia(world: dict[str, Any]) -> None:
    profile = profiles.oc_profile(world["analyst"], world["version"], "pak", where="test")

    headers, rows = profile.table()

    assert headers == [
        "Indicator",
        "Edition",
        "Pakistan",
        "Afghanistan",
        "China",
        "India",
        "Iran",
        "Southern Asia (average)",
    ]
    assert rows == EXPECTED
    assert profile.editions == [2021, 2023]
    chart = profiles.profile_chart(profile)
    assert chart["facet"]["field"] == "indicator_label"
    assert len(chart["data"]["values"]) == 36


def test_the_profile_page_draws_the_chart_and_downloads_the_table(world: dict[str, Any]) -> None:
    client = Client()
    client.force_login(world["analyst"])
    url = f"/en/evidence/{world['dataset'].pk}/profile/?country=PAK"

    page = client.get(url).content.decode()
    download = client.get(f"{url}&format=csv").content.decode("utf-8-sig")

    assert 'data-spec-id="profile-chart"' in page
    assert "Southern Asia (average)" in page
    lines = download.splitlines()
    assert lines[0] == (
        "Indicator,Edition,Pakistan,Afghanistan,China,India,Iran,Southern Asia (average)"
    )
    assert lines[2] == "Criminality,2023,6.5,7.5,,,,6.83"


def test_an_analyst_without_the_grant_cannot_see_the_profile(world: dict[str, Any]) -> None:
    client = Client()
    client.force_login(world["outsider"])

    response = client.get(f"/en/evidence/{world['dataset'].pk}/profile/?country=PAK")

    assert response.status_code == 403
