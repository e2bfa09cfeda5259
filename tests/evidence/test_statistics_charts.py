"""Charts and files of statistics: every chart renders, words replace codes, files keep nulls."""

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import vl_convert
from openpyxl import load_workbook

from palermo.evidence.statistics import (
    DuckDBEngine,
    Filters,
    aggregates_table,
    crosstab,
    flows,
    index_profile,
    monthly,
    trend,
    victims_by,
)
from palermo.evidence.statistics.charts import SCHEMA, chart
from palermo.evidence.statistics.definitions import Statistic
from palermo.evidence.statistics.exports import table_csv, table_rows, table_xlsx
from palermo.evidence.statistics.labels import title
from tests.evidence.statistics_records import (
    VICTIM_ROWS,
    write_aggregates,
    write_index,
    write_victims,
)

ENGINE = DuckDBEngine()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("charts")
    hostile = [(*VICTIM_ROWS[0][:2], "=HYPERLINK(1)", *VICTIM_ROWS[0][3:])]
    return {
        "victims": write_victims(folder / "victims.parquet"),
        "hostile": write_victims(folder / "hostile.parquet", hostile),
        "aggregates": write_aggregates(folder / "aggregates.parquet"),
        "index": write_index(folder / "index.parquet"),
    }


def statistics(files: dict[str, Path]) -> list[tuple[Statistic, Path]]:
    victims = files["victims"]
    return [
        (victims_by(), victims),
        (victims_by("sex"), victims),
        (victims_by("exploitation"), victims),
        (victims_by("age_band"), victims),
        (crosstab("year", "sex"), victims),
        (victims_by("year", "sex", "exploitation"), victims),
        (flows(), victims),
        (trend(), victims),
        (trend("exploitation"), victims),
        (monthly(), victims),
        (aggregates_table(), files["aggregates"]),
        (aggregates_table("year", "sex"), files["aggregates"]),
        (index_profile("PAK", ["IND", "AFG"]), files["index"]),
    ]  # fmt: skip


def test_every_chart_is_vega_lite_v6_and_renders(files: dict[str, Path]) -> None:
    for statistic, path in statistics(files):
        spec = chart(statistic, ENGINE.run(statistic, [path]), width=480)
        assert spec["$schema"] == SCHEMA
        assert spec["title"]["text"] == title(statistic)
        assert "table below the chart" in spec["description"]
        json.dumps(spec)  # JSON-ready
        svg = vl_convert.vegalite_to_svg(spec)
        assert svg.startswith("<svg"), statistic.name


def test_bars_read_in_words_not_codes(files: dict[str, Path]) -> None:
    statistic = victims_by("exploitation")
    spec = chart(statistic, ENGINE.run(statistic, [files["victims"]]))
    labels = [row["exploitation_label"] for row in spec["data"]["values"]]
    assert labels == ["Forced labour", "Sexual exploitation", "Other exploitation", "None recorded"]
    assert spec["encoding"]["y"]["title"] == "Form of exploitation"
    assert spec["title"]["text"] == "Victims by form of exploitation"
    assert "more than the victims" in spec["title"]["subtitle"]


def test_flows_place_the_largest_countries_first(files: dict[str, Path]) -> None:
    spec = chart(flows(), ENGINE.run(flows(), [files["victims"]]))
    nodes = spec["layer"][1]["data"]["values"]
    assert nodes[0] == {"label": "Pakistan", "rank": 0, "side": 0}
    assert {"label": "Pakistan", "rank": 0, "side": 1} in nodes
    assert {"label": "Unknown", "rank": 3, "side": 0} in nodes


def test_a_suppressed_figure_is_marked_not_drawn(files: dict[str, Path]) -> None:
    statistic = aggregates_table("year", "sex")
    filters = Filters({"country": ("AFG",), "dimension": ("Total",)})
    spec = chart(statistic, ENGINE.run(statistic, [files["aggregates"]], filters))
    female_2020 = [r for r in spec["data"]["values"] if r["year"] == 2020 and r["sex"] == "Female"]
    assert female_2020 == [
        {
            "year": 2020,
            "sex": "Female",
            "value": None,
            "suppressed": True,
            "cells": 1,
            "suppressed_cells": 1,
            "missing_cells": 0,
            "year_label": "2020",
            "sex_label": "Female",
            "panel": "Published figures by year, sex",
            "mark_text": "suppressed",
        }
    ]


def test_the_profiled_country_is_drawn_thicker(files: dict[str, Path]) -> None:
    statistic = index_profile("PAK", ["IND"])
    table = ENGINE.run(statistic, [files["index"]], Filters({"indicator": ("human_trafficking",)}))
    spec = chart(statistic, table)
    assert spec["encoding"]["strokeWidth"]["condition"]["test"] == "datum.subject"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Pakistan", "India"]
    assert spec["title"]["text"] == "Organized Crime Index scores of Pakistan beside its peers"


def rows_of_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_in_words_or_codes(files: dict[str, Path]) -> None:
    statistic = victims_by("citizenship")
    table = ENGINE.run(statistic, [files["victims"]])
    assert rows_of_csv(table_csv(statistic, table)) == [
        ["Citizenship", "Victims"],
        ["Afghanistan", "1"],
        ["Bangladesh", "1"],
        ["Pakistan", "6"],
        ["Unknown", "1"],
    ]
    assert rows_of_csv(table_csv(statistic, table, codes=True))[1:] == [
        ["AFG", "1"],
        ["BGD", "1"],
        ["PAK", "6"],
        ["", "1"],
    ]


def test_a_suppressed_sum_stays_empty_in_files(files: dict[str, Path]) -> None:
    statistic = aggregates_table("country", "year", "sex")
    filters = Filters({"country": ("AFG",), "year": (2020,), "sex": ("Female",)})
    table = ENGINE.run(statistic, [files["aggregates"]], filters)
    headings, rows = table_rows(statistic, table, codes=True)
    assert headings[3:5] == ["Value", "Includes a suppressed value"]
    assert rows == [["AFG", 2020, "Female", None, "Yes", 1, 1, 0]]
    assert rows_of_csv(table_csv(statistic, table, codes=True))[1] == [
        "AFG", "2020", "Female", "", "Yes", "1", "1", "0"
    ]  # fmt: skip


def test_formula_looking_text_stays_text(files: dict[str, Path]) -> None:
    statistic = victims_by("sex")
    table = ENGINE.run(statistic, [files["hostile"]])
    assert rows_of_csv(table_csv(statistic, table))[1] == ["'=HYPERLINK(1)", "1"]
    sheet = load_workbook(io.BytesIO(table_xlsx(statistic, table))).active
    assert sheet["A1"].value == "Victims by sex"
    assert [cell.value for cell in sheet[3]] == ["Sex", "Victims"]
    cell = sheet["A4"]
    assert cell.value == "=HYPERLINK(1)"
    assert cell.data_type == "s"
    assert sheet["B4"].value == 1


def test_xlsx_keeps_numbers_numbers(files: dict[str, Path]) -> None:
    statistic = crosstab("year", "exploitation")
    table = ENGINE.run(statistic, [files["victims"]])
    sheet = load_workbook(io.BytesIO(table_xlsx(statistic, table))).active
    values: list[tuple[Any, ...]] = list(sheet.iter_rows(min_row=4, values_only=True))
    assert values[0] == (2019, "Forced labour", 2)
    assert values[-1] == ("Unknown", "Sexual exploitation", 1)
