"""Tables (CSV, XLSX) read into FtM entities through a mapping, as `ftm map` does.

A mapping is the YAML (or JSON) that FollowTheMoney's own tools read: one or more queries,
each naming entities with their schema, the columns their id is made from (`keys`) and their
properties (`column`, `columns`, `literal`, or another entity of the same query by name). The
source is the uploaded file, so `csv_url` is not needed. Three shapes are accepted: a query
(`entities: ...`), a list of queries (`queries: [...]`), or either under one dataset name, as
`ftm map` files are written.

The `followthemoney` package does the mapping; this module reads the rows, reports the rows
whose entities the model refuses, and turns a simple form (one entity per row) into a mapping.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _
from followthemoney import model
from followthemoney.exc import FollowTheMoneyException

from palermo.evidence.loaders import _cells
from palermo.networks.ftm_io import Reading, dangling_references

MAX_ROWS = 200_000


class MappingError(ValueError):
    """The mapping cannot be used: its message says why, in a sentence."""


def parse_mapping(text: str) -> list[dict[str, Any]]:
    """The queries of a mapping file (YAML or JSON), each checked against the model."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise MappingError(
            _("The mapping is not valid YAML or JSON: %(reason)s") % {"reason": error}
        ) from error
    if isinstance(data, dict) and len(data) == 1:
        (only,) = data.values()
        if isinstance(only, dict) and ("queries" in only or "query" in only or "entities" in only):
            data = only
    if isinstance(data, dict) and "queries" in data:
        queries = data["queries"]
    elif isinstance(data, dict) and "query" in data:
        queries = [data["query"]]
    elif isinstance(data, dict) and "entities" in data:
        queries = [data]
    else:
        raise MappingError(_("The mapping names no entities (expected “entities:” or “queries:”)."))
    if not isinstance(queries, list) or not all(isinstance(query, dict) for query in queries):
        raise MappingError(_("The mapping's queries are not a list of objects."))
    for query in queries:
        _compile(query)
    return queries


def _compile(query: dict[str, Any]) -> Any:
    # The upload is the source: a placeholder address keeps followthemoney from looking for one.
    try:
        return model.make_mapping({**query, "csv_url": "upload.csv"})
    except FollowTheMoneyException as error:
        raise MappingError(
            _("The mapping cannot be used: %(reason)s") % {"reason": error}
        ) from error


def simple_mapping(
    *, schema: str, key_columns: list[str], columns: dict[str, str]
) -> list[dict[str, Any]]:
    """One entity per row: its schema, the columns that identify it, column → property."""
    properties = {prop: {"column": column} for column, prop in columns.items() if prop}
    query = {
        "entities": {"entity": {"schema": schema, "keys": key_columns, "properties": properties}}
    }
    _compile(query)
    return [query]


def _records(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    rows = _cells.rows(path)
    header = next(rows, None)
    if not header:
        return
    names = [name.strip() for name in header]
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        yield (
            number,
            {name: (row[i] if i < len(row) else "") for i, name in enumerate(names) if name},
        )


def columns_of(path: Path) -> list[str]:
    return [name.strip() for name in next(_cells.rows(path), []) if name.strip()]


def read_table(path: Path, queries: list[dict[str, Any]], *, known_ids: set[str]) -> Reading:
    """Map every row; an entity made by several rows gathers their values (as `ftm map`)."""
    reading = Reading()
    compiled = [_compile(query) for query in queries]
    header = set(columns_of(path))
    for query in compiled:
        missing = sorted({ref for ref in query.refs if ref not in header})
        if missing:
            reading.add_error(
                1,
                "",
                _("The mapping reads columns the file does not have: %(columns)s.")
                % {"columns": ", ".join(missing)},
            )
    if reading.error_count:
        return reading
    merged: dict[str, Any] = {}
    for number, record in _records(path):
        if number > MAX_ROWS + 1:
            reading.add_error(
                number, "", _("The file has more than %(rows)s rows.") % {"rows": MAX_ROWS}
            )
            break
        for query in compiled:
            try:
                mapped = query.map(record)
            except FollowTheMoneyException as error:
                reading.add_error(number, "", str(error))
                continue
            for proxy in mapped.values():
                if proxy.id in merged:
                    merged[proxy.id].merge(proxy)
                else:
                    merged[proxy.id] = proxy
                    reading.lines[str(proxy.id)] = number
    reading.proxies = list(merged.values())
    reading.dangling = dangling_references(reading.proxies, known_ids | set(merged))
    return reading
