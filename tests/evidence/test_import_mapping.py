"""A file in no known layout, read through a column mapping on the import page and the API."""

import csv
import json
import random
from collections import Counter
from pathlib import Path

import pytest
from django.test import Client

from palermo.core.roles import Role
from palermo.evidence import storage
from palermo.evidence.loaders import mapping as column_mapping
from palermo.evidence.models import DatasetVersion
from palermo.evidence.services import datasets as dataset_services
from tests.factories import bearer, make_organisation, make_user

pytestmark = pytest.mark.django_db

HEADER = ["Case ref", "Gender", "Age group", "Country of exploitation", "Type of exploitation"]
HEADER += ["Remarks"]
SEXES = {"female": ["Female", " female", "F"], "male": ["Male", "MALE ", "M"]}
BANDS = {"9-17": ["9-17", "9 - 17"], "18-20": ["18-20", "18 -20"], "48+": ["48+", "48 +"]}
COUNTRIES = {"PAK": ["Pakistan", "PAK"], "ARE": ["United Arab Emirates", "UAE"]}
FORMS = {"forced_labour": "Forced labour", "sexual": "Sexual exploitation", "other": "Other"}
FIELDS = ["record_id", "sex", "age_band", "country_of_exploitation", "exploitation", ""]
VALUES = "F = female; M = male"
FORM_VALUES = "Forced labour = forced_labour; Sexual exploitation = sexual; Other = other"


def truth(count: int = 60, seed: int = 11) -> list[tuple[str, str, str, tuple[str, ...]]]:
    rng = random.Random(seed)  # noqa: S311 - invented data
    rows = []
    for _ in range(count):
        forms = tuple(sorted(rng.sample(list(FORMS), rng.choice([0, 1, 1, 2]))))
        rows.append(
            (rng.choice(list(SEXES)), rng.choice(list(BANDS)), rng.choice(["PAK", "ARE"]), forms)
        )
    return rows


def write_messy(path: Path, rows: list, *, bad_row: int | None = None) -> Path:  # type: ignore[type-arg]
    rng = random.Random(5)  # noqa: S311 - invented data
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number, (sex, band, country, forms) in enumerate(rows, start=1):
            writer.writerow(
                [
                    f"K/{number:04d}",
                    rng.choice(SEXES[sex]),
                    "adult" if number == bad_row else rng.choice(BANDS[band]),
                    rng.choice(COUNTRIES[country]),
                    "; ".join(FORMS[form] for form in forms),
                    rng.choice(["", "referred to shelter", "n/a"]),
                ]
            )
    return path


def expected(rows: list) -> dict[str, Counter]:  # type: ignore[type-arg]
    return {
        "sex": Counter(sex for sex, *_rest in rows),
        "age_band": Counter(band for _s, band, *_rest in rows),
        "forms": Counter(form for *_rest, forms in rows for form in forms),
    }


def counted(version: DatasetVersion) -> dict[str, Counter]:  # type: ignore[type-arg]
    table = storage.read_version(version.path)
    return {
        "sex": Counter(table.column("sex").to_pylist()),
        "age_band": Counter(table.column("age_band").to_pylist()),
        "forms": Counter(
            {
                form: sum(table.column(f"exploitation_{form}").to_pylist())
                for form in FORMS
                if sum(table.column(f"exploitation_{form}").to_pylist())
            }
        ),
    }


@pytest.fixture
def analyst():  # type: ignore[no-untyped-def]
    return make_user("analyst", Role.ANALYST, organisation=make_organisation("FIA"))


@pytest.fixture
def dataset(analyst):  # type: ignore[no-untyped-def]
    return dataset_services.dataset_create(
        actor=analyst,
        name="Shelter register",
        kind="victims",
        crime_type="tip",
        source_organisation="Shelter",
    )


def test_headers_are_guessed_from_their_words() -> None:
    guesses = [column_mapping.guess(name) for name in HEADER]
    assert guesses == ["", "sex", "age_band", "country_of_exploitation", "exploitation", ""]
    assert column_mapping.guess("Nationality") == "citizenship"
    assert column_mapping.guess("Age") == "age"


def test_the_page_maps_the_columns_checks_and_stores_the_mapping(
    analyst, dataset, tmp_path: Path
) -> None:
    rows = truth()
    path = write_messy(tmp_path / "register.csv", rows)
    client = Client()
    client.force_login(analyst)
    url = f"/en/evidence/{dataset.pk}/import/"
    with path.open("rb") as handle:
        recognised = client.post(url, {"file": handle, "layout": ""}).content.decode()
    # "Type of exploitation" is an HTCDS XLSForm label: the file is taken for a Kobo export.
    assert "Map the columns myself instead" in recognised
    page = client.post(url, {"map_instead": "1"}).content.decode()
    assert "Map the columns of" in page
    assert '<option value="sex" selected>' in page
    assert '<option value="exploitation" selected>' in page
    assert "referred to shelter" in page  # a sample value
    form = {"map": "1"}
    for position, field in enumerate(FIELDS):
        form[f"field_{position}"] = field
    form["values_1"] = VALUES
    form["values_4"] = FORM_VALUES
    checked = client.post(url, form).content.decode()
    assert "60 records read without error." in checked
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    version = dataset.versions.get()
    assert version.layout == "generic"
    assert version.mapping["columns"]["Gender"] == "sex"
    assert version.mapping["values"]["Type of exploitation"]["Sexual exploitation"] == "sexual"
    assert version.notes[0].startswith("Read through a column mapping: Case ref → record_id;")
    assert counted(version) == expected(rows)
    # The next file of the dataset starts from this mapping.
    with path.open("rb") as handle:
        again = client.post(url, {"file": handle, "layout": "generic"}).content.decode()
    assert "Forced labour = forced_labour" in again
    assert '<option value="record_id" selected>' in again


def test_a_bad_row_writes_nothing_and_names_its_row(analyst, dataset, tmp_path: Path) -> None:
    path = write_messy(tmp_path / "register.csv", truth(), bad_row=7)
    client = Client()
    client.force_login(analyst)
    url = f"/en/evidence/{dataset.pk}/import/"
    with path.open("rb") as handle:
        client.post(url, {"file": handle, "layout": "generic"})
    form = {"map": "1", "values_1": VALUES, "values_4": FORM_VALUES}
    form.update({f"field_{position}": field for position, field in enumerate(FIELDS)})
    page = client.post(url, form).content.decode()
    assert "Read this way, the file has 1 error." in page
    assert "<td>8</td>" in page  # row 7 of records is row 8 of the sheet
    assert "&quot;adult&quot; is not an age band" in page
    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert not dataset.versions.exists()


def _api_import(dataset, analyst, path: Path, mapping: dict, values: dict | None = None):  # type: ignore[no-untyped-def, type-arg]
    with path.open("rb") as handle:
        data = {"file": handle, "mapping": json.dumps(mapping)}
        if values is not None:
            data["values"] = json.dumps(values)
        return Client().post(
            f"/api/v1/datasets/{dataset.pk}/versions", data, headers=bearer(analyst)
        )


def test_the_api_reads_a_file_through_a_mapping(analyst, dataset, tmp_path: Path) -> None:
    rows = truth(count=45, seed=3)
    path = write_messy(tmp_path / "register.csv", rows)
    mapping = {name: field for name, field in zip(HEADER, FIELDS, strict=True) if field}
    values = {
        "Gender": column_mapping.parse_values(VALUES),
        "Type of exploitation": column_mapping.parse_values(FORM_VALUES),
    }
    response = _api_import(dataset, analyst, path, mapping, values)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["layout"], body["records"]) == ("generic", 45)
    version = dataset.versions.get()
    assert version.mapping["columns"] == mapping
    assert counted(version) == expected(rows)


def test_the_api_names_the_column_whose_field_is_unknown(analyst, dataset, tmp_path: Path) -> None:
    path = write_messy(tmp_path / "register.csv", truth(count=5))
    response = _api_import(dataset, analyst, path, {"Gender": "gender", "Age group": "age_band"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors == [
        {"row": 0, "column": "Gender", "message": "“gender” is not a field of the victims table."}
    ]
    not_json = _api_import(dataset, analyst, path, ["Gender"])  # type: ignore[arg-type]
    assert not_json.status_code == 422
    assert "must be a JSON object" in not_json.json()["errors"][0]["message"]
    assert not dataset.versions.exists()
