"""The evidence base at scale: statistics against pandas, k-anonymity against pycanon, one run.

    python bench/evidence.py [--rows 1000000] [--seed 1] [--budget 60]

Sections (each a `bench_*` function, listed in SECTIONS; `main` runs them all or `--only` one):

- `bench_kanon`: CTDC-like VICTIMS records (generated here with numpy, seeded) at 10^4, 10^5 and
  10^6 rows, or up to `--rows`. At each size, the k of the five quasi-identifiers (year, sex,
  age band, citizenship, country of exploitation) from the dataset version's Parquet file:
  ours (`evidence.privacy.k_anonymity` on the file read by pyarrow, its text columns kept
  dictionary-encoded as Parquet stores them) against pycanon (`anonymity.k_anonymity` on the
  file read by pandas), both answers checked equal; then the same on tables already in memory
  (pyarrow for ours, a pandas DataFrame for pycanon), printed beside it. pycanon runs on each
  size while its previous size took under a tenth of `--budget` seconds (a size ten times
  larger would then take about `--budget`), so it is measured on the largest size it finishes
  in reasonable time. Ours also anonymises each size to k = 11 (the full lattice search;
  pycanon only checks, so this has no baseline).
- `bench_statistics`: the import to Parquet and the standard statistics, ours against pandas
  (`evidence_stats.py`; its tables and pandas' are checked equal before any time is printed).

The generator is local to this script until the evidence generators land; it writes the
VICTIMS schema with realistic skew (a few countries dominate, most victims are women, a
share of ages and citizenships unknown).
"""

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

from palermo.evidence import schema  # noqa: E402 - needs src/ on the path.
from palermo.evidence.privacy import hierarchies, k_anonymise, k_anonymity  # noqa: E402

QIS = list(schema.QUASI_IDENTIFIERS[schema.Kind.VICTIMS])
AGE_BANDS = ["0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+"]
AGE_WEIGHTS = [4, 14, 14, 13, 12, 10, 17, 10, 6]


def generate_victims(rows: int, seed: int) -> pa.Table:
    """CTDC-like VICTIMS records: seeded, vectorised, realistic skew and unknowns."""
    rng = np.random.default_rng(seed)
    codes = np.array(sorted(hierarchies.m49_regions()))
    # A few countries of citizenship and of exploitation dominate, as in CTDC.
    weights = 1 / np.arange(1, len(codes) + 1) ** 1.3
    citizenship = rng.permutation(codes)
    exploitation = rng.permutation(codes)
    cit = citizenship[rng.choice(len(codes), rows, p=weights / weights.sum())]
    same = rng.random(rows) < 0.35  # trafficked within their own country
    coe = np.where(same, cit, exploitation[rng.choice(len(codes), rows, p=weights / weights.sum())])
    years = np.arange(2002, 2024)
    year_weights = np.linspace(1, 6, len(years))
    sex = rng.choice(
        ["female", "male", "transgender", "unknown"], rows, p=[0.7, 0.28, 0.005, 0.015]
    )
    ages = np.array(AGE_BANDS)[rng.choice(len(AGE_BANDS), rows, p=np.array(AGE_WEIGHTS) / 100)]
    age_known = rng.random(rows) > 0.3
    minor = np.isin(ages, ["0-8", "9-17"])
    columns: dict[str, Any] = {
        "record_id": pa.array(np.char.add("v", np.arange(rows).astype(str))),
        "year": pa.array(rng.choice(years, rows, p=year_weights / year_weights.sum()), pa.int16()),
        "year_band": pa.nulls(rows, pa.string()),
        "date_identified": pa.nulls(rows, pa.date32()),
        "date_referred": pa.nulls(rows, pa.date32()),
        "sex": pa.array(sex),
        "age_band": pa.array(ages, mask=~age_known),
        "is_minor": pa.array(minor, mask=~age_known),
        "citizenship": pa.array(cit, mask=rng.random(rows) < 0.08),
        "country_of_exploitation": pa.array(coe, mask=rng.random(rows) < 0.03),
        "months_trafficked": pa.array(rng.geometric(0.08, rows).astype(np.int16)),
    }
    for group, values in schema.FLAG_GROUPS.items():
        share = 0.5 if group == "exploitation" else 0.15
        for value in values:
            columns[f"{group}_{value}"] = pa.array(rng.random(rows) < share)
    return pa.table(columns, schema=schema.VICTIMS)


def quasi_identifier_file(table: pa.Table, folder: Path) -> Path:
    """The quasi-identifiers as text, unknown spelled `unknown` (pycanon drops null groups)."""
    columns = {name: table.column(name).cast(pa.string()).fill_null("unknown") for name in QIS}
    path = folder / f"victims-{table.num_rows}.parquet"
    pq.write_table(pa.table(columns), path)
    return path


def timed(function: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def best_of(function: Callable[[], Any], runs: int) -> tuple[Any, float]:
    results = [timed(function) for _ in range(runs)]
    return results[0][0], min(seconds for _, seconds in results)


def bench_kanon(rows: int, seed: int, budget: float) -> None:
    try:
        import pandas as pd
        from pycanon import anonymity
    except ImportError as error:
        print(f"pycanon or pandas is not importable ({error}): make .venv/.dev-installed")
        return
    sizes = [size for size in (10_000, 100_000, 1_000_000, 10_000_000) if size <= rows]
    print(f"k-anonymity over {', '.join(QIS)}")
    header = f"{'rows':>10} {'k':>3} {'ours file':>10} {'pycanon file':>13} {'ratio':>7}"
    header += f" {'ours mem':>9} {'pycanon mem':>12} {'ratio':>7} {'anonymise k=11':>15}"
    print(header)
    pycanon_last = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            table = generate_victims(size, seed)
            path = quasi_identifier_file(table, Path(folder))

            def ours_file(path: Path = path) -> int:
                return k_anonymity(pq.read_table(path, read_dictionary=QIS), QIS)

            k, ours_file_s = best_of(ours_file, 3)
            memory = pq.read_table(path)
            _, ours_mem_s = best_of(lambda memory=memory: k_anonymity(memory, QIS), 3)
            run_pycanon = pycanon_last * 10 <= budget
            cells = ["-", "-", "-", "-"]
            if run_pycanon:
                theirs, pycanon_file_s = timed(
                    lambda path=path: anonymity.k_anonymity(pd.read_parquet(path), QIS)
                )
                frame = memory.to_pandas()
                _, pycanon_mem_s = timed(lambda frame=frame: anonymity.k_anonymity(frame, QIS))
                if int(theirs) != k:
                    raise SystemExit(f"k differs at {size} rows: ours {k}, pycanon {theirs}")
                pycanon_last = pycanon_file_s
                cells = [
                    f"{pycanon_file_s:.3f}",
                    f"{pycanon_file_s / ours_file_s:.0f}x",
                    f"{pycanon_mem_s:.3f}",
                    f"{pycanon_mem_s / ours_mem_s:.0f}x",
                ]
            result, anonymise_s = timed(
                lambda table=table: k_anonymise(
                    table,
                    k=11,
                    quasi_identifiers=QIS,
                    hierarchies=hierarchies.victims(),
                    max_suppression=0.02,
                )
            )
            print(
                f"{size:>10} {k:>3} {ours_file_s:>10.3f} {cells[0]:>13} {cells[1]:>7}"
                f" {ours_mem_s:>9.3f} {cells[2]:>12} {cells[3]:>7} {anonymise_s:>14.2f}s"
            )
        print(f"anonymised {result.records} rows: {result.report()}")
    print("Times in seconds, best of 3 for ours, one run for pycanon; ratio = pycanon / ours.")


def bench_statistics(rows: int, seed: int) -> None:
    """Import to Parquet and the standard statistics, ours (DuckDB) against pandas."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from evidence_stats import bench_import_and_statistics

    print(bench_import_and_statistics(rows=rows, seed=seed))


# The sections, in the order main runs them; each takes the parsed arguments.
SECTIONS: dict[str, Callable[[argparse.Namespace], None]] = {
    "statistics": lambda arguments: bench_statistics(arguments.rows, arguments.seed),
    "kanon": lambda arguments: bench_kanon(arguments.rows, arguments.seed, arguments.budget),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=60.0, help="pycanon's seconds per size")
    parser.add_argument("--only", choices=sorted(SECTIONS), help="run one section")
    arguments = parser.parse_args()
    for name, section in SECTIONS.items():
        if arguments.only in (None, name):
            section(arguments)
            print()


if __name__ == "__main__":
    main()
