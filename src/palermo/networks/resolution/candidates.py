"""Candidate duplicates among a collection's entities: found by blocking, weighed by evidence.

Blocking: every entity is filed under the skeleton of each word of each of its names (see
`names`), and under each normalised identifier. Two entities are compared only if they share
a key, and a key shared by more than `MAX_BLOCK` entities (a common first name) is not used
alone, so the work grows with the number of entities, not its square.

The score (0 to 1) starts from the names: the share of skeleton tokens the best pair of
names has in common, raised when both are in Latin script and spelled alike. Evidence moves
it: the same identifier (passport, ID, registration, tax number) raises it strongly and a
different one lowers it; the same birth or incorporation date raises it, a different one
lowers it; a shared nationality, jurisdiction or address raises it slightly. Each move is
given as a reason in a sentence.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from django.utils.translation import gettext as _
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from rapidfuzz import fuzz

from palermo.networks.resolution import names

MAX_BLOCK = 50
THRESHOLD = 0.5
IDENTIFIERS = (
    "idNumber",
    "passportNumber",
    "registrationNumber",
    "taxNumber",
    "nationalId",
    "socialSecurityNumber",
    "leiCode",
    "innCode",
    "ogrnCode",
    "vatCode",
    "imoNumber",
)
DATES = ("birthDate", "incorporationDate", "buildDate")
PLACES = ("nationality", "citizenship", "jurisdiction", "country", "addressEntity")


@dataclass(frozen=True)
class Candidate:
    left: str
    right: str
    score: float
    reasons: tuple[str, ...] = field(default=())


def _identifier(value: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", value.upper())


def _values(proxy: EntityProxy, props: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for prop in props:
        if proxy.schema.get(prop) is not None:
            found.update(proxy.get(prop, quiet=True))
    return found


def _names(proxy: EntityProxy) -> list[str]:
    found = list(proxy.get_type_values(registry.name))
    return found or ([proxy.caption] if proxy.caption else [])


def compatible(left: EntityProxy, right: EntityProxy) -> bool:
    """Two schemata that one entity could have (a Person and a LegalEntity, not a Company)."""
    return left.schema.can_match(right.schema) or right.schema.can_match(left.schema)


def _name_score(left: list[str], right: list[str]) -> tuple[float, str]:
    best, reason = 0.0, ""
    for one in left:
        for other in right:
            a, b = names.tokens(one), names.tokens(other)
            if not a or not b:
                continue
            common = sum(min(a.count(t), b.count(t)) for t in set(a))
            share = 2 * common / (len(a) + len(b))
            if names.is_latin(one) and names.is_latin(other):
                spelled = fuzz.token_sort_ratio(names.latin(one), names.latin(other)) / 100
                share = 0.5 * share + 0.5 * spelled
            else:
                share *= 0.9  # across scripts, sounds agree but spelling cannot be checked
            if share > best:
                best = share
                reason = _("The names “%(left)s” and “%(right)s” sound alike.") % {
                    "left": one,
                    "right": other,
                }
    return best, reason


def score(left: EntityProxy, right: EntityProxy) -> Candidate:
    value, reason = _name_score(_names(left), _names(right))
    reasons = [reason] if reason else []
    ids_left = {_identifier(v) for v in _values(left, IDENTIFIERS)} - {""}
    ids_right = {_identifier(v) for v in _values(right, IDENTIFIERS)} - {""}
    if ids_left & ids_right:
        value += 0.4
        reasons.append(_("They share an identifier."))
    elif ids_left and ids_right:
        value -= 0.3
        reasons.append(_("Their identifiers differ."))
    dates_left, dates_right = _values(left, DATES), _values(right, DATES)
    if dates_left & dates_right:
        value += 0.15
        reasons.append(_("They have the same date of birth or incorporation."))
    elif dates_left and dates_right and not _prefix_agrees(dates_left, dates_right):
        value -= 0.25
        reasons.append(_("Their dates of birth or incorporation differ."))
    if _values(left, PLACES) & _values(right, PLACES):
        value += 0.05
        reasons.append(_("They share a country or an address."))
    first, second = sorted((str(left.id), str(right.id)))
    return Candidate(first, second, round(min(max(value, 0.0), 1.0), 3), tuple(reasons))


def _prefix_agrees(left: set[str], right: set[str]) -> bool:
    """A year and a full date of that year agree (FtM dates may be partial)."""
    return any(a.startswith(b) or b.startswith(a) for a in left for b in right)


def _keys(proxy: EntityProxy) -> set[str]:
    keys = {f"n:{token}" for name in _names(proxy) for token in names.tokens(name)}
    keys |= {f"i:{_identifier(v)}" for v in _values(proxy, IDENTIFIERS) if _identifier(v)}
    return keys


def find(
    proxies: Iterable[EntityProxy],
    *,
    threshold: float = THRESHOLD,
    decided: set[tuple[str, str]] | None = None,
) -> list[Candidate]:
    """Pairs scoring at least `threshold`, best first; pairs in `decided` are left out."""
    nodes = [proxy for proxy in proxies if not proxy.schema.edge and proxy.schema.matchable]
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, proxy in enumerate(nodes):
        for key in _keys(proxy):
            blocks[key].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for key, members in blocks.items():
        if len(members) > MAX_BLOCK and not key.startswith("i:"):
            continue
        for pair in combinations(members, 2):
            shared[pair] += 1
    decided = decided or set()
    found = []
    for (i, j), _count in shared.items():
        left, right = nodes[i], nodes[j]
        if not compatible(left, right):
            continue
        if tuple(sorted((str(left.id), str(right.id)))) in decided:
            continue
        candidate = score(left, right)
        if candidate.score >= threshold:
            found.append(candidate)
    return sorted(found, key=lambda c: (-c.score, c.left, c.right))
