"""Pasted names matched to people in the registry, for a person to confirm."""

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from palermo.engagement.importers.matching import normalise_name
from palermo.engagement.models import Person
from palermo.engagement.selectors.registry import person_list

# At or above this score the best candidate is chosen for the user; below, offered only.
SURE_SCORE = 90
CANDIDATE_SCORE = 60
CANDIDATES = 3
# "1. ", "- ", "• ", "3) " in front of a name pasted from a list.
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s*")


@dataclass(frozen=True)
class Candidate:
    person: Person
    score: int


@dataclass(frozen=True)
class NameMatch:
    name: str
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def sure(self) -> Candidate | None:
        """The candidate to tick for the user: a close match clearly ahead of the next."""
        if not self.candidates or self.candidates[0].score < SURE_SCORE:
            return None
        if len(self.candidates) > 1 and self.candidates[1].score == self.candidates[0].score:
            return None
        return self.candidates[0]


def split_pasted_names(text: str) -> list[str]:
    """One name a line (or between semicolons), bullets and numbers dropped, repeats once."""
    names: list[str] = []
    seen: set[str] = set()
    for line in re.split(r"[\n;]", text):
        name = " ".join(_BULLET.sub("", line).split())
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            names.append(name)
    return names


def people_match_names(*, user: Any, names: list[str]) -> list[NameMatch]:
    """For each name, the closest people the user may see, best first."""
    people = {person.pk: person for person in person_list(user=user)}
    keys = {pk: normalise_name(person.name) for pk, person in people.items()}
    matches = []
    for name in names:
        found = process.extract(
            normalise_name(name),
            keys,
            scorer=fuzz.token_sort_ratio,
            limit=CANDIDATES,
            score_cutoff=CANDIDATE_SCORE,
        )
        matches.append(
            NameMatch(
                name=name,
                candidates=[
                    Candidate(person=people[pk], score=round(score)) for _key, score, pk in found
                ],
            )
        )
    return matches
