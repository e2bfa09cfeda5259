"""FollowTheMoney files in and out: JSON lines (Aleph, OpenSanctions), GEXF and GraphML.

Reading checks every entity the way the `followthemoney` model defines it and reports each
problem with its line: no id, an unknown schema, a property the schema does not have, a value
its type refuses (a date of the 13th month, a country code that is none). A file with any such
problem is refused whole. References to entities that are neither in the file nor already in
the collection are *dangling*: real exports are cut out of bigger graphs, so they are noted,
never fatal.

Writing keeps ids, schemata and properties exactly as stored, one entity per line, which is
what `alephclient write-entities` and `ftm` read.
"""

import json
import xml.etree.ElementTree as ET  # noqa: N817 - the usual name
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _
from followthemoney import model
from followthemoney.proxy import EntityProxy

MAX_ERRORS = 200


@dataclass(frozen=True)
class LineError:
    line: int
    entity_id: str
    message: str


@dataclass
class Reading:
    """What a file holds: valid entities (in file order), errors by line, dangling references."""

    proxies: list[EntityProxy] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    error_count: int = 0
    dangling: list[tuple[str, str, str]] = field(default_factory=list)  # (entity, prop, missing)
    lines: dict[str, int] = field(default_factory=dict)  # entity id -> its (first) line

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and bool(self.proxies)

    def add_error(self, line: int, entity_id: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(LineError(line, entity_id, message))

    def counts_by_schema(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for proxy in self.proxies:
            counts[proxy.schema.name] = counts.get(proxy.schema.name, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _objects(handle: IO[bytes]) -> Iterator[tuple[int, Any]]:
    """(line number, parsed JSON or the error) for JSON lines, or for one JSON array."""
    head = handle.read(1 << 16)
    stripped = head.lstrip()
    if stripped.startswith(b"["):
        text = (head + handle.read()).decode("utf-8-sig")
        try:
            items = json.loads(text)
        except json.JSONDecodeError as error:
            yield error.lineno, error
            return
        for number, item in enumerate(items, start=1):
            yield number, item
        return
    number = 0
    rest = b""
    chunk = head
    while chunk:
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        for raw in lines:
            number += 1
            yield from _parse_line(number, raw)
        chunk = handle.read(1 << 16)
    if rest:
        number += 1
        yield from _parse_line(number, rest)


def _parse_line(number: int, raw: bytes) -> Iterator[tuple[int, Any]]:
    text = raw.decode("utf-8-sig", errors="replace").strip()
    if not text:
        return
    try:
        yield number, json.loads(text)
    except json.JSONDecodeError as error:
        yield number, error


def _check(number: int, data: Any, reading: Reading) -> EntityProxy | None:
    if isinstance(data, json.JSONDecodeError):
        reading.add_error(
            number, "", _("This line is not JSON: %(reason)s.") % {"reason": data.msg}
        )
        return None
    if not isinstance(data, dict):
        reading.add_error(number, "", _("This line is not an entity (a JSON object)."))
        return None
    entity_id = data.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        reading.add_error(number, "", _("The entity has no id."))
        return None
    schema = model.get(data.get("schema") or "")
    if schema is None:
        reading.add_error(
            number,
            entity_id,
            _("“%(schema)s” is not a FollowTheMoney schema.") % {"schema": data.get("schema")},
        )
        return None
    if schema.abstract:
        reading.add_error(
            number,
            entity_id,
            _("“%(schema)s” is an abstract schema; entities use a concrete one (e.g. Person).")
            % {"schema": schema.name},
        )
        return None
    properties = data.get("properties") or {}
    if not isinstance(properties, dict):
        reading.add_error(number, entity_id, _("“properties” is not an object."))
        return None
    valid = True
    for name, values in properties.items():
        prop = schema.get(name)
        if prop is None:
            reading.add_error(
                number,
                entity_id,
                _("A %(schema)s has no property “%(prop)s”.")
                % {"schema": schema.name, "prop": name},
            )
            valid = False
            continue
        for value in values if isinstance(values, list) else [values]:
            if not isinstance(value, str) or not prop.type.validate(value):
                reading.add_error(
                    number,
                    entity_id,
                    _("“%(value)s” is not a valid %(type)s for “%(prop)s”.")
                    % {"value": str(value)[:80], "type": prop.type.label, "prop": prop.label},
                )
                valid = False
    if not valid:
        return None
    return model.get_proxy(data, cleaned=False)


def read(handle: IO[bytes], *, known_ids: Iterable[str] = ()) -> Reading:
    """Read and check every entity of an FtM file; note references that lead nowhere."""
    reading = Reading()
    seen: dict[str, int] = {}
    for number, data in _objects(handle):
        proxy = _check(number, data, reading)
        if proxy is None:
            continue
        if proxy.id in seen:
            reading.add_error(
                number,
                str(proxy.id),
                _("The id is used already on line %(line)s.") % {"line": seen[str(proxy.id)]},
            )
            continue
        seen[str(proxy.id)] = number
        reading.proxies.append(proxy)
    reading.lines = seen
    reading.dangling = dangling_references(reading.proxies, set(known_ids) | set(seen))
    return reading


def dangling_references(
    proxies: Iterable[EntityProxy], known: set[str]
) -> list[tuple[str, str, str]]:
    """(entity, property, id) for each reference to an entity that is not known."""
    found: list[tuple[str, str, str]] = []
    for proxy in proxies:
        for prop in proxy.schema.properties.values():
            if prop.type.name == "entity":
                found.extend(
                    (str(proxy.id), prop.name, target)
                    for target in proxy.get(prop)
                    if target not in known
                )
    return found


def endpoints(proxy: EntityProxy) -> tuple[str, str]:
    """An edge entity's two ends (its first source and target); blank for a node."""
    schema = proxy.schema
    if not schema.edge or schema.source_prop is None or schema.target_prop is None:
        return "", ""
    sources = proxy.get(schema.source_prop)
    targets = proxy.get(schema.target_prop)
    return (sources[0] if sources else "", targets[0] if targets else "")


def references(schema_name: str, properties: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(property, id) for every value of an entity-typed property: the entities it names."""
    schema = model.get(schema_name)
    if schema is None:
        return []
    return sorted(
        {
            (name, value)
            for name, values in properties.items()
            if (prop := schema.get(name)) is not None and prop.type.name == "entity"
            for value in values
            if value
        }
    )


def write_jsonl(proxies: Iterable[dict[str, Any]], handle: IO[str]) -> int:
    """One entity per line (`id`, `schema`, `properties`, and `datasets`/`referents` if any)."""
    count = 0
    for data in proxies:
        handle.write(json.dumps(data, ensure_ascii=False, sort_keys=True))
        handle.write("\n")
        count += 1
    return count


def _graph_parts(
    entities: Iterable[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        source, target = endpoints(proxy)
        row = {"id": proxy.id, "schema": proxy.schema.name, "caption": proxy.caption}
        if source and target:
            edges.append({**row, "source": source, "target": target})
        elif not proxy.schema.edge:
            nodes.append(row)
    ids = {node["id"] for node in nodes}
    # A graph file holds only edges whose both ends it holds.
    return nodes, [edge for edge in edges if edge["source"] in ids and edge["target"] in ids]


def gexf(entities: Iterable[dict[str, Any]]) -> bytes:
    """GEXF 1.3 (Gephi): nodes with their schema, directed edges with theirs and their ids."""
    nodes, edges = _graph_parts(entities)
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    for kind in ("node", "edge"):
        attributes = ET.SubElement(graph, "attributes", {"class": kind})
        ET.SubElement(
            attributes, "attribute", {"id": "schema", "title": "schema", "type": "string"}
        )
    node_list = ET.SubElement(graph, "nodes")
    for node in nodes:
        element = ET.SubElement(node_list, "node", {"id": node["id"], "label": node["caption"]})
        values = ET.SubElement(element, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "schema", "value": node["schema"]})
    edge_list = ET.SubElement(graph, "edges")
    for edge in edges:
        element = ET.SubElement(
            edge_list,
            "edge",
            {
                "id": edge["id"],
                "source": edge["source"],
                "target": edge["target"],
                "label": edge["caption"],
            },
        )
        values = ET.SubElement(element, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "schema", "value": edge["schema"]})
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def graphml(entities: Iterable[dict[str, Any]]) -> bytes:
    """GraphML: nodes and directed edges with `schema` and `label` keys, FtM ids kept."""
    nodes, edges = _graph_parts(entities)
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    for kind in ("node", "edge"):
        for key in ("schema", "label"):
            ET.SubElement(
                root,
                "key",
                {"id": f"{kind[0]}_{key}", "for": kind, "attr.name": key, "attr.type": "string"},
            )
    graph = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed"})
    for node in nodes:
        element = ET.SubElement(graph, "node", {"id": node["id"]})
        ET.SubElement(element, "data", {"key": "n_schema"}).text = node["schema"]
        ET.SubElement(element, "data", {"key": "n_label"}).text = node["caption"]
    for edge in edges:
        element = ET.SubElement(
            graph, "edge", {"id": edge["id"], "source": edge["source"], "target": edge["target"]}
        )
        ET.SubElement(element, "data", {"key": "e_schema"}).text = edge["schema"]
        ET.SubElement(element, "data", {"key": "e_label"}).text = edge["caption"]
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
