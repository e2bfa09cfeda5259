"""HTCDS case records: the Excel template and KoboToolbox exports of the HTCDS XLSForm."""

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo.evidence.generators import htcds as generator
from palermo.evidence.loaders import LAYOUTS, detect
from palermo.evidence.loaders._htcds_choices import CHOICES, GENDER
from palermo.evidence.loaders.base import RowError
from palermo.evidence.loaders.htcds import KOBO, MESSAGE_REFERRED_EARLY, TEMPLATE
from palermo.evidence.schema import VICTIMS

FIXTURES = Path(__file__).parent.parent / "fixtures" / "htcds"

SEX = {
    "feminine": "female",
    "masculine": "male",
    "transgenderfeminine": "transgender",
    "transgender feminine": "transgender",
}


def _plain(value: object) -> str:
    return "" if value is None else " ".join(str(value).replace("\xa0", " ").split())


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    text = _plain(value)
    if not text:
        return None
    for spelling in ("%Y-%m-%d", "%d/%m/%Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(text, spelling).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise AssertionError(text)


def _band(born: dt.date | None, then: dt.date | None) -> str | None:
    if born is None or then is None:
        return None
    years = then.year - born.year - ((then.month, then.day) < (born.month, born.day))
    bounds = [(8, "0-8"), (17, "9-17"), (20, "18-20"), (23, "21-23"), (26, "24-26")]
    bounds += [(29, "27-29"), (38, "30-38"), (47, "39-47")]
    return next((band for top, band in bounds if years <= top), "48+")


def _raw(path: Path, first_data_row: int) -> list[dict[str, object]]:
    """The file's records as the header names them, read without the loader."""
    if path.suffix == ".xlsx":
        workbook = openpyxl.load_workbook(path)
        lines = [list(row) for row in workbook.active.iter_rows(values_only=True)]  # type: ignore[union-attr]
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = [list(row) for row in csv.reader(handle, delimiter=";")]
    header = [_plain(cell).split("/")[-1] for cell in lines[0]]
    return [dict(zip(header, line, strict=False)) for line in lines[first_data_row - 1 :]]


def _hand_counts(records: list[dict[str, object]], names: dict[str, str]) -> dict[str, Counter]:
    """Counts by sex, age band and form of exploitation, from the raw cells."""
    kept = [r for r in records if "not a victim" not in _plain(r[names["status"]]).lower()]
    kept = [r for r in kept if "NotAVictim" not in _plain(r[names["status"]])]
    sexes: Counter[str | None] = Counter()
    bands: Counter[str | None] = Counter()
    forms: Counter[str] = Counter()
    for record in kept:
        sexes[SEX.get(_plain(record[names["gender"]]).lower())] += 1
        bands[_band(_day(record[names["born"]]), _day(record[names["identified"]]))] += 1
        forms_cell = _plain(record[names["forms"]]).lower().replace(" ", "")
        if "forcedlabour" in forms_cell or "forcedbegging" in forms_cell:
            forms["forced_labour"] += 1
        if "sexualexploitation" in forms_cell:
            forms["sexual"] += 1
    return {"sex": sexes, "age_band": bands, "forms": forms, "rows": Counter(n=len(kept))}


def _loaded_counts(table) -> dict[str, Counter]:  # type: ignore[no-untyped-def]
    forms = Counter(
        forced_labour=sum(table.column("exploitation_forced_labour").to_pylist()),
        sexual=sum(table.column("exploitation_sexual").to_pylist()),
    )
    return {
        "sex": Counter(table.column("sex").to_pylist()),
        "age_band": Counter(table.column("age_band").to_pylist()),
        "forms": +forms,
        "rows": Counter(n=table.num_rows),
    }


TEMPLATE_NAMES = {
    "status": "vic_TraffickingStatus",
    "gender": "prs_Gender",
    "born": "prs_Birthdate",
    "identified": "cas_IncomingReferralDate",
    "forms": "vic_TypeOfExploitation",
}
KOBO_NAMES = TEMPLATE_NAMES
KOBO_LABELS = {
    "status": "Trafficking Status",
    "gender": "Gender",
    "born": "Birthdate",
    "identified": "Incoming Referral Date",
    "forms": "Type of Exploitation",
}


def test_generated_template_gives_the_counts_computed_by_hand(tmp_path: Path) -> None:
    path = generator.write(tmp_path / "cases.xlsx", 250, seed=11)

    loaded = TEMPLATE.load(path)

    assert loaded.ok
    assert loaded.table.schema.equals(VICTIMS)
    expected = _hand_counts(_raw(path, 3), TEMPLATE_NAMES)
    assert _loaded_counts(loaded.table) == expected
    assert expected["forms"]["forced_labour"] > 0
    assert expected["forms"]["sexual"] > 0


@pytest.mark.parametrize(
    ("name", "options", "names"),
    [
        ("export.csv", {}, KOBO_NAMES),
        ("export.xlsx", {"labels": True}, KOBO_LABELS),
        ("export.csv", {"labels": True, "split": True}, KOBO_LABELS),
        ("export.xlsx", {"split": True}, KOBO_NAMES),
    ],
)
def test_generated_kobo_export_gives_the_counts_computed_by_hand(
    tmp_path: Path, name: str, options: dict[str, bool], names: dict[str, str]
) -> None:
    path = generator.write(tmp_path / name, 200, seed=5, layout="kobo", **options)

    assert detect(path) is KOBO
    loaded = KOBO.load(path)

    assert loaded.ok, loaded.errors
    assert _loaded_counts(loaded.table) == _hand_counts(_raw(path, 2), names)


def test_dates_give_year_and_referral(tmp_path: Path) -> None:
    path = generator.write(tmp_path / "export.csv", 120, seed=3, layout="kobo", dirt=False)

    table = KOBO.load(path).table

    identified = table.column("date_identified").to_pylist()
    referred = table.column("date_referred").to_pylist()
    assert table.column("year").to_pylist() == [day.year for day in identified]
    assert {day.year for day in identified} <= set(range(2019, 2026))
    assert 0.6 < sum(day is not None for day in referred) / len(referred) < 0.95
    assert all(r is None or r >= i for i, r in zip(identified, referred, strict=True))


def test_citizenship_and_flags_follow_the_choice_table(tmp_path: Path) -> None:
    path = generator.write(tmp_path / "cases.xlsx", 300, seed=2)

    table = TEMPLATE.load(path).table

    assert set(table.column("citizenship").to_pylist()) <= {"PAK", "AFG", "BGD", None}
    assert Counter(table.column("citizenship").to_pylist()).most_common(1)[0][0] == "PAK"
    kilns = sum(table.column("sector_manufacturing").to_pylist())
    debt = sum(table.column("means_debt_bondage").to_pylist())
    assert kilns > 0
    assert debt >= kilns * 0.5


def test_personal_fields_are_not_stored(tmp_path: Path) -> None:
    path = generator.write(tmp_path / "cases.xlsx", 20, seed=1)

    names = TEMPLATE.load(path).table.column_names

    assert not {"birthdate", "first_name", "email", "phone", "name"} & set(names)
    assert names == VICTIMS.names


def test_one_bad_row_names_its_row_and_column(tmp_path: Path) -> None:
    path = generator.write(tmp_path / "cases.xlsx", 30, seed=4)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    column = [cell.value for cell in sheet[1]].index("prs_Gender") + 1
    sheet.cell(row=9, column=column, value="Alien")
    status = [cell.value for cell in sheet[1]].index("vic_TraffickingStatus") + 1
    sheet.cell(row=9, column=status, value="Actual victim of trafficking")
    workbook.save(path)

    loaded = TEMPLATE.load(path)

    assert not loaded.ok
    assert loaded.error_count == 1
    assert loaded.errors == [
        RowError(row=9, column="prs_Gender", message='"Alien" is not a gender of the HTCDS form.')
    ]


def test_referral_before_identification_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "vic_TypeOfExploitation;cas_IncomingReferralDate;cas_OutgoingReferralDate;_id\n"
        "ForcedLabour;2021-05-04;2021-05-01;7\n"
        "ForcedLabour;2021-05-04;2021-05-05;8\n",
        encoding="utf-8",
    )

    loaded = KOBO.load(path)

    assert loaded.errors == [RowError(2, "cas_OutgoingReferralDate", MESSAGE_REFERRED_EARLY)]


def test_the_real_empty_template_loads_as_no_records() -> None:
    path = FIXTURES / "excel_template_v2.0.xlsx"

    assert detect(path) is TEMPLATE
    loaded = TEMPLATE.load(path)

    assert loaded.ok
    assert loaded.table.num_rows == 0
    assert loaded.table.schema.equals(VICTIMS)


def test_choice_table_matches_the_real_xlsform() -> None:
    workbook = openpyxl.load_workbook(FIXTURES / "htcds_xlsform.xlsx")
    rows = list(workbook["choices"].iter_rows(min_row=2, values_only=True))
    form: dict[str, set[tuple[str, str]]] = {}
    for listed, name, label in rows:
        form.setdefault(listed, set()).add((_plain(name), _plain(label)))

    for listed, choices in CHOICES.items():
        assert {(name, label) for name, label, _ in choices} == form[listed]
    assert {(name, label) for name, label, _ in GENDER} == form["gender"]


def test_layouts_are_registered() -> None:
    assert LAYOUTS["htcds_excel"] is TEMPLATE
    assert LAYOUTS["htcds_kobo"] is KOBO


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), kobo=st.booleans())
def test_any_seed_loads_without_error(tmp_path: Path, seed: int, kobo: bool) -> None:
    path = tmp_path / f"cases-{seed}.xlsx"
    generator.write(path, 25, seed, layout="kobo" if kobo else "template")
    layout = KOBO if kobo else TEMPLATE

    loaded = layout.load(path)

    assert loaded.ok, loaded.errors
    names = KOBO_NAMES if kobo else TEMPLATE_NAMES
    assert _loaded_counts(loaded.table) == _hand_counts(_raw(path, 2 if kobo else 3), names)


def test_kobo_without_referral_dates_takes_the_interview_start(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "start;end;prs_Gender;vic_AgeWhenTrafficked;vic_TypeOfExploitation;"
        "vic_LocationOfExploitation;_id\n"
        "2022-03-04T10:11:12.000+05:00;2022-03-04T10:31:12.000+05:00;Masculine;15;"
        "ForcedLabour ChildLabour;Kasur, Pakistan;41\n"
        "2023-07-01T09:00:00.000+05:00;;Feminine;;SexualExploitation;Lahore;42\n",
        encoding="utf-8-sig",
    )

    loaded = KOBO.load(path)

    assert loaded.ok
    rows = loaded.table.to_pylist()
    assert [r["date_identified"] for r in rows] == [dt.date(2022, 3, 4), dt.date(2023, 7, 1)]
    assert [r["record_id"] for r in rows] == ["41", "42"]
    assert [(r["age_band"], r["is_minor"]) for r in rows] == [("9-17", True), (None, None)]
    assert [r["country_of_exploitation"] for r in rows] == ["PAK", None]
    assert rows[0]["exploitation_other"] is True
    assert any("interview started" in note for note in loaded.notes)
    assert any("name no country" in note for note in loaded.notes)
