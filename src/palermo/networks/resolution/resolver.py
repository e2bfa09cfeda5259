"""The merged view of a collection, from the judgements in force (nomenklatura's model).

Judgements say two entities are the same (positive), not the same (negative) or that the
analyst is unsure. Positive judgements join entities into clusters (union-find); a cluster's
canonical id is the smallest of its members' ids, so the view does not depend on the order of
decisions. The view merges each cluster's entities into one (properties united, the others'
ids listed as `referents`) and points every reference to a member (a link's ends, an
address) at the canonical id. A link between two members of one cluster becomes a link of the
entity to itself; it is kept, as the fact it records still holds.

Nothing is changed in the stored entities: undoing a judgement and computing the view again
gives back both entities and their links as they were.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from followthemoney import model
from followthemoney.proxy import EntityProxy


@dataclass(frozen=True)
class Decision:
    left: str
    right: str
    verdict: str  # "positive", "negative" or "unsure"


class Resolver:
    def __init__(self, decisions: Iterable[Decision] = ()) -> None:
        self.parent: dict[str, str] = {}
        self.negative: set[tuple[str, str]] = set()
        for decision in decisions:
            if decision.verdict == "positive":
                self.join(decision.left, decision.right)
            elif decision.verdict == "negative":
                self.negative.add(tuple(sorted((decision.left, decision.right))))  # type: ignore[arg-type]

    def canonical(self, entity_id: str) -> str:
        root = entity_id
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while entity_id != root:  # path compression
            self.parent[entity_id], entity_id = root, self.parent.get(entity_id, root)
        return root

    def join(self, left: str, right: str) -> None:
        a, b = self.canonical(left), self.canonical(right)
        if a != b:
            low, high = sorted((a, b))
            self.parent[high] = low

    def members(self, entity_id: str, ids: Iterable[str]) -> list[str]:
        root = self.canonical(entity_id)
        return sorted(other for other in ids if self.canonical(other) == root)

    def kept_apart(self, left: str, right: str, ids: Iterable[str]) -> bool:
        """Whether a negative judgement stands between the two entities' clusters."""
        a, b = set(self.members(left, ids)) | {left}, set(self.members(right, ids)) | {right}
        return any(tuple(sorted((x, y))) in self.negative for x in a for y in b)

    def apply(self, proxies: Iterable[EntityProxy]) -> list[EntityProxy]:
        """The merged view: one entity per cluster, references pointed at canonical ids."""
        merged: dict[str, EntityProxy] = {}
        order: list[str] = []
        for proxy in proxies:
            data = proxy.to_dict()
            root = self.canonical(str(proxy.id))
            data["properties"] = {
                name: [
                    self.canonical(value) if _is_reference(proxy, name) else value
                    for value in values
                ]
                for name, values in data["properties"].items()
            }
            if root != proxy.id:
                data["referents"] = sorted({*data.get("referents", []), str(proxy.id)})
            data["id"] = root
            current = model.get_proxy(data, cleaned=False)
            if root in merged:
                merged[root].merge(current)
            else:
                merged[root] = current
                order.append(root)
        return [merged[root] for root in order]


def _is_reference(proxy: EntityProxy, name: str) -> bool:
    prop = proxy.schema.get(name)
    return prop is not None and prop.type.name == "entity"
