"""Likely duplicates: organisation names compared after normalisation, people by contact."""

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from palermo.engagement.models import Organisation

ORGANISATION_THRESHOLD = 85
PERSON_THRESHOLD = 90
# Share of the shorter name's words that must recur in the longer one (see _resembles).
WORDS_SHARED = 2 / 3
STOP_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "at", "to", "a"})

# Short forms that registries write both ways; expanded so "Pak Bar Council" meets its long form.
ABBREVIATIONS = {
    "pak": "pakistan",
    "govt": "government",
    "gov": "government",
    "univ": "university",
    "uni": "university",
    "assoc": "association",
    "assn": "association",
    "dept": "department",
    "intl": "international",
    "natl": "national",
    "org": "organisation",
    "organization": "organisation",
    "center": "centre",
    "ctr": "centre",
}


def normalise_name(text: str) -> str:
    """'The Pak. Bar Council & Co' -> 'pakistan bar council and co'."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    # Apostrophes and full stops join their word ("Int'l", "Govt.") rather than split it.
    text = re.sub(r"['’`.]", "", text)
    words = re.sub(r"[\W_]+", " ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def same_name_key(text: str) -> str:
    """Names that differ only in case or spacing are the same organisation, not a look-alike."""
    return " ".join(text.casefold().split())


def acronym_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


@dataclass(frozen=True)
class OrganisationCandidate:
    """An organisation a row may belong to: one in the registry, or one an earlier row creates."""

    label: str
    organisation: Organisation | None = None
    row: int | None = None


@dataclass(frozen=True)
class OrganisationMatch:
    candidate: OrganisationCandidate
    score: int
    # Identical names (bar case and spacing) are the same organisation, not a duplicate to review.
    identical: bool


@dataclass
class OrganisationIndex:
    candidates: list[OrganisationCandidate] = field(default_factory=list)
    _keys: list[str] = field(default_factory=list)
    _by_name: dict[str, OrganisationCandidate] = field(default_factory=dict)
    _by_acronym: dict[str, OrganisationCandidate] = field(default_factory=dict)

    def add(self, candidate: OrganisationCandidate, acronym: str = "") -> None:
        self.candidates.append(candidate)
        self._keys.append(utils.default_process(normalise_name(candidate.label)))
        self._by_name.setdefault(same_name_key(candidate.label), candidate)
        if acronym_key(acronym):
            self._by_acronym.setdefault(acronym_key(acronym), candidate)

    def find(self, name: str) -> OrganisationMatch | None:
        """The best match for a name at or above the threshold, identical names first."""
        identical = self._by_name.get(same_name_key(name))
        if identical is not None:
            return OrganisationMatch(identical, 100, identical=True)
        by_acronym = self._by_acronym.get(acronym_key(name))
        if by_acronym is not None:
            return OrganisationMatch(by_acronym, 100, identical=False)
        query = utils.default_process(normalise_name(name))
        if not query:
            return None
        found = process.extract(
            query,
            self._keys,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=ORGANISATION_THRESHOLD,
            limit=None,
        )
        for key, score, index in found:
            if _resembles(query, key):
                return OrganisationMatch(self.candidates[index], round(score), identical=False)
        return None


def _resembles(first: str, second: str) -> bool:
    """Same numbers, and a close spelling or the shorter name's words recur in the longer one.

    WRatio alone scores any two names sharing one word 85.5 once one is half as long again
    ("Legal Aid Society" / "Northern Legal Clinic Example"); merging those by default would
    attach people to the wrong organisation.
    """
    # "Branch 5" and "Branch 6" are one character apart and still two bodies.
    if re.findall(r"\d+", first) != re.findall(r"\d+", second):
        return False
    if fuzz.ratio(first, second) >= ORGANISATION_THRESHOLD:
        return True
    words = [set(first.split()) - STOP_WORDS, set(second.split()) - STOP_WORDS]
    shorter, longer = sorted(words, key=len)
    if not shorter:
        return False
    found = sum(
        1
        for word in shorter
        if any(fuzz.ratio(word, other) >= ORGANISATION_THRESHOLD for other in longer)
    )
    return found / len(shorter) >= WORDS_SHARED


@dataclass(frozen=True)
class PersonMatch:
    label: str
    row: int | None = None


# Which organisation a person sits in: ("existing", pk), ("row", number) or None.
OrganisationKey = tuple[str, int] | None


@dataclass
class PersonIndex:
    _by_email: dict[str, PersonMatch] = field(default_factory=dict)
    _by_phone: dict[str, PersonMatch] = field(default_factory=dict)
    _by_organisation: dict[OrganisationKey, list[tuple[str, PersonMatch]]] = field(
        default_factory=dict
    )

    def add(
        self,
        match: PersonMatch,
        *,
        name: str,
        email: str,
        phone: str,
        organisation: OrganisationKey,
    ) -> None:
        if email:
            self._by_email.setdefault(email.casefold(), match)
        if phone:
            self._by_phone.setdefault(phone, match)
        key = utils.default_process(name)
        if key:
            self._by_organisation.setdefault(organisation, []).append((key, match))

    def find(
        self, *, name: str, email: str, phone: str, organisation: OrganisationKey
    ) -> PersonMatch | None:
        """Same e-mail, same phone, or a close name in the same organisation."""
        if email and email.casefold() in self._by_email:
            return self._by_email[email.casefold()]
        if phone and phone in self._by_phone:
            return self._by_phone[phone]
        query = utils.default_process(name)
        people = self._by_organisation.get(organisation, [])
        if not query or not people:
            return None
        best = process.extractOne(
            query,
            [key for key, _match in people],
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=PERSON_THRESHOLD,
        )
        return None if best is None else people[best[2]][1]
