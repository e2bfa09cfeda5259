"""The CTDC loaders: generated files give the counts a hand count of the raw file gives."""

import csv
from collections import Counter
from pathlib import Path

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo.evidence.generators import ctdc as generate
from palermo.evidence.loaders import ctdc
from palermo.evidence.loaders.base import MAX_ERRORS
from palermo.evidence.schema import VICTIM_PERPETRATOR, VICTIMS

# The hand count's own reading of the sources' vocabularies (not the loader's).
SEX = {
    "Woman": "female",
    "Female": "female",
    "Man": "male",
    "Male": "male",
    "Trans": "transgender",
    "Transgender": "transgender",
    "NonConforming": "nonconforming",
}
ALPHA2 = {"PK": "PAK", "AF": "AFG", "BD": "BGD", "AE": "ARE"}


def raw_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    """The file's rows as the csv module reads them, header notice cut by hand."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader)
        if header[0].endswith("yearOfRegistration"):
            header[0] = "yearOfRegistration"
        header = [name.replace("sectorOf", "typeOf") for name in header]
        return [dict(zip(header, row, strict=True)) for row in reader]


def hand_sex(value: str) -> str | None:
    return SEX.get(value.strip())


def hand_band(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-99") else value.replace("--", "-")


def hand_forms(rows: list[dict[str, str]]) -> Counter[str]:
    forms: Counter[str] = Counter()
    for row in rows:
        for column, form in (
            ("isForcedLabour", "forced_labour"),
            ("isSexualExploit", "sexual"),
            ("isOtherExploit", "other"),
        ):
            forms[form] += row.get(column, "").strip() == "1"
    return forms


def loaded_counts(table: pa.Table, column: str) -> Counter[object]:
    return Counter(table.column(column).to_pylist())


def loaded_forms(table: pa.Table) -> Counter[str]:
    return Counter(
        {
            form: sum(table.column(f"exploitation_{form}").to_pylist())
            for form in ("forced_labour", "sexual", "other")
        }
    )


def test_synthetic_file_gives_the_hand_counts_by_sex_age_band_and_form(tmp_path: Path) -> None:
    path = generate.write_synthetic(tmp_path / "synthetic.csv", 3000, seed=1)
    rows = raw_rows(path)

    loaded = ctdc.SYNTHETIC.load(path)

    assert loaded.ok, loaded.errors
    assert loaded.table.schema == VICTIMS
    assert loaded.table.num_rows == len(rows) == 3000
    assert loaded_counts(loaded.table, "sex") == Counter(hand_sex(r["gender"]) for r in rows)
    assert loaded_counts(loaded.table, "age_band") == Counter(
        hand_band(r["ageBroad"]) for r in rows
    )
    assert loaded_forms(loaded.table) == hand_forms(rows)


def test_k_anonymised_file_gives_the_hand_counts_and_alpha_3_countries(tmp_path: Path) -> None:
    path = generate.write_k_anonymised(tmp_path / "k.csv", 2000, seed=2)
    rows = raw_rows(path, delimiter=";")

    loaded = ctdc.K_ANONYMISED.load(path)

    assert loaded.ok, loaded.errors
    assert loaded.table.num_rows == 2000
    assert loaded_counts(loaded.table, "sex") == Counter(hand_sex(r["gender"]) for r in rows)
    assert loaded_counts(loaded.table, "age_band") == Counter(
        hand_band(r["ageBroad"]) for r in rows
    )
    assert loaded_forms(loaded.table) == hand_forms(rows)
    citizenship = loaded_counts(loaded.table, "citizenship")
    by_hand = Counter(r["citizenship"] for r in rows)
    for alpha2, alpha3 in ALPHA2.items():
        assert citizenship[alpha3] == by_hand[alpha2]
    assert citizenship[None] == by_hand["-99"]
    assert "The first header cell carried a notice" in loaded.notes[0]


def test_victim_perpetrator_file_gives_the_hand_counts(tmp_path: Path) -> None:
    path = generate.write_victim_perpetrator(tmp_path / "vp.csv", 2000, seed=3)
    rows = raw_rows(path)

    loaded = ctdc.VICTIM_PERPETRATOR.load(path)

    assert loaded.ok, loaded.errors
    assert loaded.table.schema == VICTIM_PERPETRATOR
    assert loaded.table.num_rows == 2000
    sexes = Counter(
        sex for value in loaded.table.column("victim_sex").to_pylist() for sex in value or []
    )
    by_hand = Counter(
        SEX[part.strip()] for r in rows for part in r["gender"].split(";") if part.strip()
    )
    assert sexes == by_hand
    bands = Counter(r["yearRegister"].strip() or None for r in rows)
    assert loaded_counts(loaded.table, "year_band") == bands
    years = loaded_counts(loaded.table, "year")
    assert years[2019] == bands["2019"]
    assert years[None] == sum(n for band, n in bands.items() if band not in ("2019", "2020"))
    for form, column in (("forced_labour", "isForcedLabour"), ("sexual", "isSexualExploit")):
        assert sum(loaded.table.column(f"exploitation_{form}").to_pylist()) == sum(
            r[column] == "1" for r in rows
        )


def test_quirks_of_real_copies_are_read(tmp_path: Path) -> None:
    """BOM, `sectorOf`, both genders, `0--8`, trailing spaces, `0` and `-99` flags, no final EOL."""
    path = tmp_path / "quirks.csv"
    path.write_bytes(
        "\ufeffyearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,"
        "traffickMonths,isForcedLabour,isSexualExploit,sectorOfLabourAgriculture\r\n"
        "2019,Woman,0--8,PAK,ARE,0--12 (0-1 yr),,1,\r\n"
        "2020,Male ,48+,pak, -99,7,1,0,1\r\n"
        "-99,NonConforming,,AFG,,,1,-99,0".encode()
    )

    loaded = ctdc.SYNTHETIC.load(path)

    assert loaded.ok, loaded.errors
    rows = loaded.table.to_pylist()
    assert [r["record_id"] for r in rows] == ["2", "3", "4"]
    assert [r["year"] for r in rows] == [2019, 2020, None]
    assert [r["sex"] for r in rows] == ["female", "male", "nonconforming"]
    assert [r["age_band"] for r in rows] == ["0-8", "48+", None]
    assert [r["is_minor"] for r in rows] == [True, False, None]
    assert [r["citizenship"] for r in rows] == ["PAK", "PAK", "AFG"]
    assert [r["country_of_exploitation"] for r in rows] == ["ARE", None, None]
    assert [r["months_trafficked"] for r in rows] == [None, 7, None]
    assert [r["months_trafficked_band"] for r in rows] == ["0-12", None, None]
    assert [r["exploitation_forced_labour"] for r in rows] == [False, True, True]
    assert [r["exploitation_sexual"] for r in rows] == [True, False, False]
    assert [r["sector_agriculture"] for r in rows] == [False, True, False]
    assert [r["means_threats"] for r in rows] == [False, False, False]


def test_k_anonymised_notice_may_hold_a_newline_and_the_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text(
        '"Terms of use; read them.\nyearOfRegistration";Datasource;gender;ageBroad;'
        "majorityStatus;citizenship;CountryOfExploitation;meansOfControlThreats;"
        "isForcedLabour;isSexualExploit\n"
        "2016;Hotline;Female;-99;Minor;PK;AE;1;0;1\n",
        encoding="utf-8",
    )

    assert ctdc.K_ANONYMISED.sniff(ctdc_header(path, ";"))
    loaded = ctdc.K_ANONYMISED.load(path)

    assert loaded.ok, loaded.errors
    (row,) = loaded.table.to_pylist()
    assert (row["year"], row["sex"], row["age_band"], row["is_minor"]) == (
        2016,
        "female",
        None,
        True,
    )
    assert (row["citizenship"], row["country_of_exploitation"]) == ("PAK", "ARE")
    assert (row["means_threats"], row["exploitation_sexual"]) == (True, True)


def ctdc_header(path: Path, delimiter: str) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle, delimiter=delimiter))


def test_a_bad_row_is_an_error_naming_its_row_and_column(tmp_path: Path) -> None:
    for layout, write in (
        (ctdc.SYNTHETIC, generate.write_synthetic_with_bad_row),
        (ctdc.K_ANONYMISED, generate.write_k_anonymised_with_bad_row),
        (ctdc.VICTIM_PERPETRATOR, generate.write_victim_perpetrator_with_bad_row),
    ):
        path = tmp_path / f"{layout.name}.csv"
        bad = write(path, 500, 4)

        loaded = layout.load(path)

        assert not loaded.ok
        assert loaded.error_count == 1
        (error,) = loaded.errors
        assert (error.row, error.column) == (bad.row, bad.column)
        assert f'"{bad.value}"' in error.message


def test_a_missing_column_is_an_error_on_the_header(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("yearOfRegistration,gender,ageBroad,isForcedLabour\n2019,Man,9--17,1\n")

    loaded = ctdc.SYNTHETIC.load(path)

    assert not loaded.ok
    assert loaded.table.num_rows == 0
    assert {(e.row, e.column) for e in loaded.errors} == {
        (1, "citizenship"),
        (1, "CountryOfExploitation"),
        (1, "isSexualExploit"),
    }
    assert loaded.errors[0].message == "The column citizenship is missing."


def test_errors_past_the_cap_are_counted_not_listed(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    lines = ["yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,"]
    lines[0] += "isForcedLabour,isSexualExploit"
    lines += [f"2019,Wman,9--17,PAK,PAK,1,{'x' if i % 2 else ''}" for i in range(MAX_ERRORS + 50)]
    path.write_text("\n".join(lines))

    loaded = ctdc.SYNTHETIC.load(path)

    assert len(loaded.errors) == MAX_ERRORS
    assert loaded.error_count == (MAX_ERRORS + 50) + (MAX_ERRORS + 50) // 2


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 10_000), rows=st.integers(1, 300), dirt=st.booleans())
def test_any_seed_gives_a_loadable_file_with_the_hand_counts(
    tmp_path: Path, seed: int, rows: int, dirt: bool
) -> None:
    for layout, write, delimiter in (
        (ctdc.SYNTHETIC, generate.write_synthetic, ","),
        (ctdc.K_ANONYMISED, generate.write_k_anonymised, ";"),
    ):
        path = write(tmp_path / f"{layout.name}-{seed}.csv", rows, seed, dirt)
        raw = raw_rows(path, delimiter)

        loaded = layout.load(path)

        assert loaded.ok, loaded.errors
        assert loaded.table.num_rows == rows
        assert loaded_counts(loaded.table, "sex") == Counter(hand_sex(r["gender"]) for r in raw)
        assert loaded_forms(loaded.table) == hand_forms(raw)
    path = generate.write_victim_perpetrator(tmp_path / f"vp-{seed}.csv", rows, seed, dirt)
    loaded = ctdc.VICTIM_PERPETRATOR.load(path)
    assert loaded.ok, loaded.errors
    assert loaded.table.num_rows == rows


def test_errors_name_the_column_as_the_file_spells_it(tmp_path: Path) -> None:
    path = tmp_path / "renamed.csv"
    path.write_text(
        "yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,"
        "isForcedLabour,isSexualExploit,sectorOfLabourAgriculture\n"
        "2019,Man,9--17,PAK,PAK,1,,yes please\n"
    )

    loaded = ctdc.SYNTHETIC.load(path)

    assert [(e.row, e.column) for e in loaded.errors] == [(2, "sectorOfLabourAgriculture")]
