"""Which organisation a name in a list is: the same one, possibly the same one, or a new one.

Rules, in order:
1. The same name (bar case and spacing), or the same once abbreviations are expanded
   ("Pak Bar Council" / "Pakistan Bar Council"), or a name that is another's acronym ("FIA"),
   is the same organisation: merged, which the user may undo. A full name given with another's
   acronym is merged only when the names also agree (rule 2); otherwise it is a possible match.
2. Otherwise names are compared word by word, each word weighted by how rare it is among all
   the names known (the registry's and the file's) and generic words ("Centre", "Human
   Rights", "Pakistan", "Society") weighted down further, so that only the words that tell
   organisations apart carry the score. Close spellings of a word count ("Exmaple").
3. Two names whose acronyms differ, or that share no distinctive word while a distinctive
   word tells them apart ("Legal Aid Society" / "Asma Jahangir Legal Aid Society"), are never
   proposed; names that differ by generic words only may be.
4. A score of AUTOMATIC or more with every word matched merges (an obvious typo); SUGGESTED
   or more is shown as a possible match for the user to confirm, and stays a new organisation
   until they do.
"""

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from palermo.engagement.importers.matching import (
    STOP_WORDS,
    acronym_key,
    normalise_name,
    same_name_key,
)
from palermo.engagement.importers.vocabulary import GENERIC_WORDS
from palermo.engagement.models import Organisation

AUTOMATIC = 95
SUGGESTED = 70
WORD_SIMILARITY = 85  # two spellings of one word ("Organisation" / "Organsation")
GENERIC_WEIGHT = 0.15


def words(name: str) -> list[str]:
    return [word for word in normalise_name(name).split() if word not in STOP_WORDS]


def initials(name: str) -> str:
    """'Center for Economic Research in Pakistan' -> 'cerp'."""
    return "".join(word[0] for word in words(name) if not word.isdigit())


def _telling(shared: list[str], unmatched: tuple[list[str], list[str]]) -> bool:
    """Whether the shared words say the names may be one body (rule 3 above)."""
    if any(word not in GENERIC_WORDS for word in shared):
        return True
    if all(unmatched):  # each has words the other lacks: "Legal Aid Society" / "Legal Aid Centre"
        return False
    return all(word in GENERIC_WORDS for side in unmatched for word in side)


@dataclass(frozen=True)
class OrganisationCandidate:
    """An organisation a row may belong to: one in the registry, or one an earlier row creates."""

    label: str
    organisation: Organisation | None = None
    row: int | None = None
    acronym: str = ""


@dataclass(frozen=True)
class OrganisationMatch:
    candidate: OrganisationCandidate
    score: int
    # Identical names (bar case and spacing) are the same organisation, not a duplicate to review.
    identical: bool
    # Merged unless the user keeps it apart; otherwise a suggestion the user may confirm.
    automatic: bool
    reason: str


@dataclass
class OrganisationIndex:
    candidates: list[OrganisationCandidate] = field(default_factory=list)
    _words: list[list[str]] = field(default_factory=list)
    _by_name: dict[str, int] = field(default_factory=dict)
    _by_normalised: dict[str, int] = field(default_factory=dict)
    _by_acronym: dict[str, int] = field(default_factory=dict)
    _by_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    _document_frequency: Counter[str] = field(default_factory=Counter)
    _names_seen: set[str] = field(default_factory=set)

    def learn(self, name: str) -> None:
        """Count a name's words towards their rarity (every name of the registry and the file)."""
        key = same_name_key(name)
        if not key or key in self._names_seen:
            return
        self._names_seen.add(key)
        self._document_frequency.update(set(words(name)))

    def add(self, candidate: OrganisationCandidate) -> None:
        position = len(self.candidates)
        self.candidates.append(candidate)
        self.learn(candidate.label)
        candidate_words = words(candidate.label)
        self._words.append(candidate_words)
        self._by_name.setdefault(same_name_key(candidate.label), position)
        self._by_normalised.setdefault(normalise_name(candidate.label), position)
        if acronym_key(candidate.acronym):
            self._by_acronym.setdefault(acronym_key(candidate.acronym), position)
        if candidate.label.isupper() and acronym_key(candidate.label):
            self._by_acronym.setdefault(acronym_key(candidate.label), position)
        for word in candidate_words:
            self._by_word[word].add(position)

    def weight(self, word: str) -> float:
        total = max(len(self._names_seen), 1)
        rarity = math.log(1 + total / max(self._document_frequency[word], 1))
        return rarity * (GENERIC_WEIGHT if word in GENERIC_WORDS else 1.0)

    def find(self, name: str, acronym: str = "") -> OrganisationMatch | None:
        """The organisation this name most likely is, or None when no name comes close."""
        exact = self._exact(name, acronym)
        if exact is not None:
            return exact
        query = words(name)
        best: OrganisationMatch | None = None
        for position in self._neighbours(query):
            candidate = self.candidates[position]
            if (
                acronym
                and candidate.acronym
                and acronym_key(acronym) != acronym_key(candidate.acronym)
            ):
                continue
            if re.findall(r"\d+", normalise_name(name)) != re.findall(
                r"\d+", normalise_name(candidate.label)
            ):
                continue  # "Branch 5" and "Branch 6" are one character apart and still two
            score, shared, unmatched = self._score(query, self._words[position])
            if score < SUGGESTED or not _telling(shared, unmatched):
                continue
            if score >= AUTOMATIC and any(unmatched):
                score = AUTOMATIC - 1  # a word more or less is for the user to judge
            if best is None or score > best.score:
                best = OrganisationMatch(
                    candidate,
                    score,
                    identical=False,
                    automatic=score >= AUTOMATIC,
                    reason=_("shares the words %(words)s")
                    % {"words": ", ".join(f"“{word}”" for word in shared)},
                )
        if best is None and acronym_key(name) and len(query) == 1:
            return self._by_initials(acronym_key(name))
        return best

    def _exact(self, name: str, acronym: str) -> OrganisationMatch | None:
        position = self._by_name.get(same_name_key(name))
        if position is not None:
            return OrganisationMatch(
                self.candidates[position], 100, identical=True, automatic=True, reason=""
            )
        position = self._by_normalised.get(normalise_name(name))
        if position is not None and normalise_name(name):
            return OrganisationMatch(
                self.candidates[position],
                100,
                identical=False,
                automatic=True,
                reason=_("the same name with abbreviations written out"),
            )
        for key in (acronym_key(name) if name.isupper() else "", acronym_key(acronym)):
            position = self._by_acronym.get(key) if key else None
            if position is None:
                continue
            reason = _("the same acronym “%(acronym)s”") % {"acronym": key.upper()}
            if name.isupper():
                return OrganisationMatch(
                    self.candidates[position], 100, identical=False, automatic=True, reason=reason
                )
            # A full name with the same acronym: "PBC" is also Pakistan Broadcasting Corporation.
            score, _shared, _missing = self._score(words(name), self._words[position])
            return OrganisationMatch(
                self.candidates[position],
                score,
                identical=False,
                automatic=score >= SUGGESTED,
                reason=reason,
            )
        return None

    def _by_initials(self, key: str) -> OrganisationMatch | None:
        for position, candidate_words in enumerate(self._words):
            if len(candidate_words) > 1 and initials(self.candidates[position].label) == key:
                return OrganisationMatch(
                    self.candidates[position],
                    SUGGESTED,
                    identical=False,
                    automatic=False,
                    reason=_("“%(acronym)s” are its initials") % {"acronym": key.upper()},
                )
        return None

    def _neighbours(self, query: list[str]) -> set[int]:
        """Candidates sharing a distinctive word (any word if none is), or a close spelling."""
        found: set[int] = set()
        vocabulary = list(self._by_word)
        distinctive = [word for word in query if word not in GENERIC_WORDS] or query
        for word in distinctive:
            found |= self._by_word.get(word, set())
            if len(word) < 4:
                continue
            for other, _score, _index in process.extract(
                word, vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_SIMILARITY, limit=None
            ):
                found |= self._by_word[other]
        return found

    def _score(
        self, first: list[str], second: list[str]
    ) -> tuple[int, list[str], tuple[list[str], list[str]]]:
        """The score (0-100), the shared words, each name's words missing from the other.

        The score is the weighted share of both names' words found in the other.
        """
        shared: list[str] = []
        unmatched: tuple[list[str], list[str]] = ([], [])
        matched = 0.0
        for side, (these, those) in enumerate(((first, second), (second, first))):
            for word in these:
                similarity = max((fuzz.ratio(word, other) for other in those), default=0.0)
                if similarity >= WORD_SIMILARITY:
                    matched += self.weight(word) * similarity / 100
                    if these is first:
                        shared.append(word)
                else:
                    unmatched[side].append(word)
        total = sum(self.weight(word) for word in first) + sum(self.weight(w) for w in second)
        return (round(100 * matched / total) if total else 0), shared, unmatched
