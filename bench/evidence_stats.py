"""Evidence: import of victim records to Parquet and the standard statistics, ours against pandas.

    python bench/evidence_stats.py [--rows 1000000] [--seed 15] [--repeat 3]

Generates CTDC-like victim records (the internal VICTIMS shape: year, sex, age band,
citizenship, country of exploitation, the flag groups, dates of identification and referral,
with the nulls sources leave) as a CSV file, then times, in the same run:

- import: ours reads the CSV with pyarrow's typed reader and writes one Parquet file (what a
  dataset version stores); pandas reads it with `read_csv` and writes `to_parquet`;
- statistics: ours runs every standard statistic (`palermo.evidence.statistics.standard()`)
  on DuckDB over the Parquet file; pandas reads the same file once and computes the same
  tables with group-bys. Each side's tables are checked equal before any time is printed.

The column mapping of the source layouts (the loaders) is not timed here. The median of
`--repeat` runs counts. Needs pandas (`pip install -e ".[bench]"`).
"""

import argparse
import statistics as statistics_module
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from palermo.evidence.schema import FLAG_GROUPS, VICTIMS, flag_columns  # noqa: E402
from palermo.evidence.statistics import DuckDBEngine, Statistic, standard  # noqa: E402

COUNTRIES = (  # noqa: SIM905 - reads as a list of codes
    "PAK AFG IND BGD NPL LKA IRN ARE SAU QAT OMN KWT BHR TUR GRC ITA GBR MYS THA CHN "
    "NGA GHA UKR ROU MDA PHL IDN VNM MMR KHM"
).split()
AGE_BANDS = ("0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+")
SEXES = ("female", "male", "transgender", "unknown")


def generate(rows: int, seed: int) -> pa.Table:
    """Seeded CTDC-like victims: skewed countries, flags likelier by sex, 5-15% nulls."""
    rng = np.random.default_rng(seed)

    def with_nulls(values: np.ndarray, share: float) -> pa.Array:
        return pa.array(values, mask=rng.random(rows) < share)

    weights = 1 / np.arange(1, len(COUNTRIES) + 1) ** 1.1
    weights /= weights.sum()
    sex = rng.choice(len(SEXES), size=rows, p=[0.62, 0.33, 0.01, 0.04])
    female = sex == 0
    columns: dict[str, Any] = {
        "record_id": pa.array(np.char.mod("%07d", np.arange(rows))),
        "year": with_nulls(rng.integers(2002, 2023, size=rows).astype(np.int16), 0.05),
        "year_band": pa.nulls(rows, pa.string()),
        "sex": with_nulls(np.array(SEXES)[sex], 0.05),
        "age_band": with_nulls(np.array(AGE_BANDS)[rng.choice(len(AGE_BANDS), size=rows)], 0.12),
        "citizenship": with_nulls(np.array(COUNTRIES)[rng.choice(30, size=rows, p=weights)], 0.1),
        "country_of_exploitation": with_nulls(
            np.array(COUNTRIES)[rng.choice(30, size=rows, p=weights[::-1])], 0.08
        ),
        "months_trafficked": with_nulls(rng.integers(0, 60, size=rows).astype(np.int16), 0.5),
    }
    # Columns the generator does not fill (a band where only a band is known, sub-forms of
    # sexual exploitation) stay empty, as in most sources.
    for field in VICTIMS:
        if field.name not in columns and not any(
            field.name in flag_columns(group) for group in FLAG_GROUPS
        ):
            columns[field.name] = pa.nulls(rows, field.type)
    identified = np.datetime64("2015-01-01") + rng.integers(0, 3650, size=rows)
    referred = identified + rng.integers(0, 90, size=rows)
    columns["date_identified"] = pa.array(identified, mask=rng.random(rows) < 0.3).cast(pa.date32())
    columns["date_referred"] = pa.array(referred, mask=rng.random(rows) < 0.45).cast(pa.date32())
    columns["is_minor"] = pa.array(
        np.isin(np.array(AGE_BANDS)[rng.choice(len(AGE_BANDS), size=rows)], AGE_BANDS[:2])
    )
    for group in FLAG_GROUPS:
        for position, column in enumerate(flag_columns(group)):
            chance = 0.25 / (1 + position * 0.3)
            if column == "exploitation_sexual":
                chance_by_row = np.where(female, 0.6, 0.05)
                columns[column] = pa.array(rng.random(rows) < chance_by_row)
            else:
                columns[column] = pa.array(rng.random(rows) < chance)
    return pa.table({field.name: columns[field.name] for field in VICTIMS}).cast(VICTIMS)


def best(repeat: int, action: Callable[[], Any]) -> tuple[float, Any]:
    """The median time of `repeat` runs (the machine is shared: the median, not the best)."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics_module.median(times), result


def import_ours(source: Path, target: Path) -> int:
    types = {field.name: field.type for field in VICTIMS}
    # An empty field is the unknown value (null), in text columns too, as pandas reads it:
    # without `strings_can_be_null` pyarrow keeps "" there, and parses more slowly.
    options = pacsv.ConvertOptions(column_types=types, strings_can_be_null=True)
    table = pacsv.read_csv(source, convert_options=options)
    pq.write_table(table.cast(VICTIMS), target, compression="zstd")
    return table.num_rows


def import_pandas(source: Path, target: Path) -> int:
    import pandas as pd

    dtypes = {"record_id": "string", "year_band": "string", "sex": "string"}
    frame = pd.read_csv(
        source, dtype=dtypes, parse_dates=["date_identified", "date_referred"], keep_default_na=True
    )
    frame.to_parquet(target, compression="zstd", index=False)
    return len(frame)


def statistics_ours(
    path: Path, statistics: dict[str, Statistic], *, shared: bool = True
) -> dict[str, list[tuple]]:
    """Ours: shared scans (`run_many`), or (`shared=False`) one query per statistic."""
    engine = DuckDBEngine()
    if shared:
        tables = engine.run_many(list(statistics.values()), [path])
    else:
        tables = [engine.run(statistic, [path]) for statistic in statistics.values()]
    return {
        name: [tuple(row.values()) for row in table.to_pylist()]
        for name, table in zip(statistics, tables, strict=True)
    }


def _counts(series_or_frame: Any) -> set[tuple]:
    """A pandas count result as a set of (key..., count) with None for missing keys."""
    out = set()
    for key, count in series_or_frame.items():
        keys = key if isinstance(key, tuple) else (key,)
        out.add((*(None if _missing(k) else _plain(k) for k in keys), int(count)))
    return out


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def statistics_pandas(path: Path, statistics: dict[str, Statistic]) -> dict[str, set[tuple]]:
    import pandas as pd

    frame = pd.read_parquet(path)
    results: dict[str, set[tuple]] = {}
    for name, statistic in statistics.items():
        dims = statistic.dimensions
        if name.startswith("victims_per_month"):
            column = "date_referred" if name.endswith("referred") else "date_identified"
            months = pd.to_datetime(frame[column]).dt.strftime("%Y-%m").dropna()
            results[name] = _counts(months.value_counts())
        elif len(dims) == 1 and dims[0] in FLAG_GROUPS:
            flags = frame[flag_columns(dims[0])]
            sums = flags.sum()
            rows = {(value, int(sums[column])) for column, value in
                    zip(flag_columns(dims[0]), FLAG_GROUPS[dims[0]], strict=True)}  # fmt: skip
            rows.add((None, int((~flags.any(axis=1)).sum())))
            results[name] = {row for row in rows if row[1] > 0}
        elif len(dims) == 1:
            results[name] = _counts(frame[dims[0]].value_counts(dropna=False))
        else:
            results[name] = _counts(frame.groupby(list(dims), dropna=False).size())
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(bench_import_and_statistics(args.rows, args.seed, args.repeat))


def bench_import_and_statistics(rows: int = 1_000_000, seed: int = 15, repeat: int = 3) -> str:
    """Run the import and statistics comparison; answer the lines to print."""
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        start = time.perf_counter()
        table = generate(rows, seed)
        source = directory / "victims.csv"
        pacsv.write_csv(table, source)
        lines.append(
            f"Generated {rows:,} CTDC-like victim records "
            f"({source.stat().st_size / 1e6:.0f} MB of CSV) in {time.perf_counter() - start:.1f} s"
        )

        ours_path, pandas_path = directory / "ours.parquet", directory / "pandas.parquet"
        ours_import, count = best(repeat, lambda: import_ours(source, ours_path))
        pandas_import, pandas_count = best(repeat, lambda: import_pandas(source, pandas_path))
        assert count == pandas_count == rows
        lines.append(
            f"Import CSV -> Parquet: ours {ours_import:.2f} s, pandas {pandas_import:.2f} s, "
            f"ratio {pandas_import / ours_import:.1f}x"
        )

        statistics = {statistic.sql("duckdb"): statistic for statistic in standard().values()}
        distinct = {statistic.name: statistic for statistic in statistics.values()}
        ours_time, ours = best(repeat, lambda: statistics_ours(ours_path, distinct))
        alone_time, alone = best(repeat, lambda: statistics_ours(ours_path, distinct, shared=False))
        pandas_time, theirs = best(repeat, lambda: statistics_pandas(ours_path, distinct))
        for name in distinct:
            assert set(ours[name]) == theirs[name], f"{name} differs from pandas"
            assert ours[name] == alone[name], f"{name} differs between shared and alone"
        lines.append(
            f"{len(distinct)} standard statistics (same tables, checked): "
            f"ours (DuckDB, shared scans) {ours_time * 1000:.0f} ms, "
            f"one query each {alone_time * 1000:.0f} ms, pandas {pandas_time * 1000:.0f} ms, "
            f"ratio {pandas_time / ours_time:.1f}x (one query each {pandas_time / alone_time:.1f}x)"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
