"""Reading what people write in a list's name cells: acronyms, places, job titles, people, kinds.

Pure functions of the text (and of the places the registry and the file already know), so each
rule is tested on its own; the planner decides what to do with the answers and says so per row.
"""

import re
from collections.abc import Collection
from dataclasses import dataclass

import pycountry

from palermo.engagement.importers.vocabulary import (
    CITIES,
    HONORIFICS,
    JOB_TITLES,
    PROVINCES,
)
from palermo.engagement.models import Organisation

# "(CERP)", "(HRCP)", "(Pvt) Ltd" excluded: two or more capitals, no spaces.
ACRONYM_IN_NAME = re.compile(r"\s*\(\s*([A-Za-z][A-Za-z0-9&.\-]{1,15})\s*\)\s*")
SEGMENT_SEPARATORS = re.compile(r"\s*(?:[,;()/]|\s[-–]\s)\s*")
TAIL_SEPARATORS = re.compile(r"\s*(?:,|\s[-–]\s)\s*")


@dataclass(frozen=True)
class NameParts:
    name: str
    acronym: str = ""
    city: str = ""
    region: str = ""


@dataclass(frozen=True)
class Place:
    city: str = ""
    region: str = ""
    country: str = ""  # ISO alpha-3 when a part names a country


def _key(text: str) -> str:
    return " ".join(re.sub(r"[.\u2019']", "", text).casefold().split())


def _country(text: str) -> str:
    try:
        return str(pycountry.countries.lookup(text.strip()).alpha_3)
    except LookupError:
        return ""


def _place_part(text: str, known_places: Collection[str]) -> tuple[str, str] | None:
    """('city' or 'region' or 'country', text) when a short part names a place."""
    key = _key(text)
    if key in PROVINCES:
        return "region", text
    if key in CITIES or key in known_places:
        return "city", text
    if len(key) > 3 and _country(text):
        return "country", text
    return None


def read_place(text: str, known_places: Collection[str] = ()) -> Place | None:
    """'Pakistan, Gojra' -> Place(city='Gojra', country='PAK'); None when it is not only a place.

    Every comma-separated part is short and without digits, and at least one is a place the
    lists above, the registry or the file know; an unknown short part beside it is its city.
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or len(parts) > 3:
        return None
    if any(re.search(r"\d", part) or len(part.split()) > 3 for part in parts):
        return None
    found = {"city": "", "region": "", "country": ""}
    unknown: list[str] = []
    for part in parts:
        kind = _place_part(part, known_places)
        if kind is None:
            unknown.append(part)
        elif not found[kind[0]]:
            found[kind[0]] = part
    if len(unknown) == len(parts) or len(unknown) > 1:
        return None
    if unknown:
        if found["city"]:
            return None
        found["city"] = unknown[0]
    country = _country(found["country"]) if found["country"] else ""
    return Place(city=found["city"], region=found["region"], country=country)


def split_name(text: str, known_places: Collection[str] = ()) -> NameParts:
    """'Center for Economic Research in Pakistan (CERP), Lahore' -> name, 'CERP', 'Lahore'."""
    acronym = ""
    match = ACRONYM_IN_NAME.search(text)
    if match and sum(1 for c in match.group(1) if c.isupper()) >= 2:
        acronym = match.group(1)
        text = (text[: match.start()] + " " + text[match.end() :]).strip(" ,-")
    city = region = ""
    for _round in range(2):
        pieces = TAIL_SEPARATORS.split(text)
        if len(pieces) < 2:
            break
        head, tail = pieces[:-1], pieces[-1]
        kind = _place_part(tail, known_places) if not re.search(r"\d", tail) else None
        if kind is None or kind[0] == "country":
            break
        if kind[0] == "city" and not city:
            city = tail
        elif kind[0] == "region" and not region:
            region = tail
        else:
            break
        text = text[: len(text) - len(tail)].rstrip(" ,-–")
        if not head:
            break
    return NameParts(name=" ".join(text.split()), acronym=acronym, city=city, region=region)


def is_job_title(text: str) -> bool:
    """'Lawyer', 'Economist', 'Lawyers', 'Legal Experts': a job title, not a name."""
    key = _key(re.sub(r"[^\w\s]", " ", text))
    return key in JOB_TITLES or (key.endswith("s") and key[:-1] in JOB_TITLES)


def _is_person(segment: str) -> bool:
    words = segment.split()
    return len(words) >= 2 and _key(words[0]) in HONORIFICS


def split_person(text: str) -> tuple[str, str]:
    """'Legal Aid Society (Mr. Ali Example)' -> ('Legal Aid Society', 'Mr. Ali Example').

    A part of the cell that starts with an honorific is a person's name; ('', '') when none is.
    """
    segments = [segment for segment in SEGMENT_SEPARATORS.split(text) if segment.strip()]
    people = [segment for segment in segments if _is_person(segment)]
    if len(people) != 1:
        return "", ""
    rest = [segment for segment in segments if segment is not people[0]]
    return ", ".join(rest), people[0].strip()


Kind = Organisation.Kind
# (pattern on the casefolded name or acronym, kind, reason); the first that fits wins.
KIND_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), kind, reason)
    for pattern, kind, reason in (
        (
            r"\b(unodc|iom|unhcr|unicef|undp|unfpa|unwomen|un women|ilo|ohchr|icrc|"
            r"united nations|world bank|european union|eu delegation|asian development bank|"
            r"international organi[sz]ation for migration|embassy|high commission)\b",
            Kind.INTERNATIONAL,
            "an international organisation",
        ),
        (
            r"\b(university|college|school of|faculty|academy|institute of technology)\b",
            Kind.ACADEMIA,
            "a university or college",
        ),
        (
            r"\b(bar council|bar association|chamber of commerce|press club|medical association|"
            r"union of journalists|law society)\b",
            Kind.PROFESSIONAL_BODY,
            "a professional body",
        ),
        (
            r"\b(ministry|department|directorate|government|govt|police|federal|provincial|"
            r"authority|court|senate|assembly|secretariat|national commission|fia|nacta)\b",
            Kind.GOVERNMENT,
            "a government body",
        ),
        (
            r"\b(law associates|advocates|law chambers|law firm|legal consultants|llp|"
            r"attorneys)\b",
            Kind.LAW_FIRM,
            "a law firm",
        ),
        (
            r"\b(tv|television|news|radio|times|media|journal|newspaper|magazine)\b",
            Kind.MEDIA,
            "a media house",
        ),
        (
            r"\b(ltd|limited|pvt|private|bank|traders|company|corporation|industries)\b",
            Kind.PRIVATE_SECTOR,
            "a business",
        ),
    )
)


def guess_kind(name: str, acronym: str = "") -> tuple[str, str]:
    """The kind an organisation's name suggests and why; civil society when nothing else fits."""
    text = f"{name} {acronym}".casefold()
    for pattern, kind, reason in KIND_RULES:
        if pattern.search(text):
            return kind, reason
    return Kind.CIVIL_SOCIETY, ""
