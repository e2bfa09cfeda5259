"""Names in one form for comparing, and likely duplicate people (by contact or close name)."""

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

PERSON_THRESHOLD = 90
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


@dataclass
class PersonMatch:
    label: str
    row: int | None = None
    person_id: int | None = None
    # The numbers a registry person holds, and those the import adds to them.
    phones: list[str] = field(default_factory=list)


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
        phones: list[str],
        organisation: OrganisationKey,
    ) -> None:
        if email:
            self._by_email.setdefault(email.casefold(), match)
        for phone in phones:
            self.add_phone(match, phone)
        key = utils.default_process(name)
        if key:
            self._by_organisation.setdefault(organisation, []).append((key, match))

    def add_phone(self, match: PersonMatch, phone: str) -> None:
        if phone:
            self._by_phone.setdefault(phone, match)

    def find(
        self, *, name: str, email: str, phones: list[str], organisation: OrganisationKey
    ) -> PersonMatch | None:
        """Same e-mail, one of the same phones, or a close name in the same organisation."""
        if email and email.casefold() in self._by_email:
            return self._by_email[email.casefold()]
        for phone in phones:
            if phone in self._by_phone:
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
