"""Converters for the values the public sources share: countries, sex, bands, flags, years.

Each takes one trimmed cell and answers the schema's value, None for a missing one, or raises
BadValueError with the sentence the user reads.
"""

import re
from functools import cache

import pycountry

from palermo.evidence.loaders._reading import MISSING, BadValueError
from palermo.evidence.schema import Sex

# Codes the sources use that ISO 3166 has not assigned (Kosovo, as the UN and IOM write it).
EXTRA_ALPHA3 = frozenset({"XKX"})
EXTRA_ALPHA2 = {"XK": "XKX"}

SEX_WORDS = {
    "woman": Sex.FEMALE,
    "female": Sex.FEMALE,
    "f": Sex.FEMALE,
    "girl": Sex.FEMALE,
    "man": Sex.MALE,
    "male": Sex.MALE,
    "m": Sex.MALE,
    "boy": Sex.MALE,
    "trans": Sex.TRANSGENDER,
    "transgender": Sex.TRANSGENDER,
    "nonconforming": Sex.NONCONFORMING,
    "gendernonconforming": Sex.NONCONFORMING,
    "nonbinary": Sex.NONCONFORMING,
    "unknown": Sex.UNKNOWN,
}

FLAG_TRUE = frozenset({"1", "1.0", "true", "yes", "y"})
FLAG_FALSE = frozenset({"", "0", "0.0", "-99", "false", "no", "n"})

MAJORITY = {"minor": True, "child": True, "adult": False}

_RANGE = re.compile(r"^(\d{1,4})\s*-{1,2}\s*(\d{1,4})")
_OPEN = re.compile(r"^(\d{1,4})\s*\+")
_INTEGER = re.compile(r"^-?\d+(\.0+)?$")
YEARS = range(1900, 2101)


@cache
def _alpha3() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries) | EXTRA_ALPHA3


@cache
def _alpha2() -> dict[str, str]:
    return {country.alpha_2: country.alpha_3 for country in pycountry.countries} | EXTRA_ALPHA2


def country(value: str) -> str | None:
    """An ISO 3166 alpha-3 code from an alpha-3 or alpha-2 one."""
    if value in MISSING or value.lower() == "unknown":
        return None
    code = value.upper()
    if len(code) == 3 and code in _alpha3():
        return code
    if len(code) == 2 and code in _alpha2():
        return _alpha2()[code]
    raise BadValueError(f'"{value}" is not an ISO 3166 country code.')


def _word(value: str) -> str:
    return re.sub(r"[\s_\-]", "", value).lower()


def sex(value: str) -> str | None:
    if value in MISSING:
        return None
    found = SEX_WORDS.get(_word(value))
    if found is None:
        raise BadValueError(f'"{value}" is not a known gender (Woman, Man, Female, Male ...).')
    return found.value


def sexes(value: str) -> list[str] | None:
    """A multi-valued gender cell (`Female;Male`), each value once, in the source's order."""
    parts = [part.strip() for part in value.split(";")]
    found = [sex(part) for part in parts if part not in MISSING]
    values = [item for item in found if item is not None]
    return list(dict.fromkeys(values)) or None


def age_band(value: str) -> str | None:
    """A band in one spelling: `0--8` and `0 - 8` are `0-8`; `48+` stays."""
    if value in MISSING or value.lower() == "unknown":
        return None
    closed = _RANGE.fullmatch(value)
    if closed:
        low, high = int(closed.group(1)), int(closed.group(2))
        if low <= high:
            return f"{low}-{high}"
    opened = _OPEN.fullmatch(value)
    if opened:
        return f"{int(opened.group(1))}+"
    raise BadValueError(f'"{value}" is not an age band (such as 9--17 or 48+).')


def band_is_minor(band: str | None) -> bool | None:
    """Under 18 if the whole band is; adult if the whole band is; else unknown."""
    if band is None:
        return None
    if band.endswith("+"):
        return False if int(band[:-1]) >= 18 else None
    low, high = (int(part) for part in band.split("-"))
    if high < 18:
        return True
    return False if low >= 18 else None


def majority(value: str) -> bool | None:
    """True for a minor, False for an adult; several statuses at once are unknown."""
    if value in MISSING or value.lower() == "unknown":
        return None
    statuses = {MAJORITY.get(part.strip().lower()) for part in value.split(";")}
    if None in statuses:
        raise BadValueError(f'"{value}" is not a majority status (Adult or Minor).')
    return statuses.pop() if len(statuses) == 1 else None


def flag(value: str) -> bool:
    lowered = value.lower()
    if lowered in FLAG_TRUE:
        return True
    if lowered in FLAG_FALSE:
        return False
    raise BadValueError(f'"{value}" is not a flag (1, or blank).')


def integer(value: str) -> int | None:
    if value in MISSING:
        return None
    if not _INTEGER.fullmatch(value):
        raise BadValueError(f'"{value}" is not a whole number.')
    return int(float(value))


def year(value: str) -> int | None:
    found = integer(value) if value not in MISSING else None
    if found is not None and found not in YEARS:
        raise BadValueError(f'"{value}" is not a year.')
    return found


def year_or_band(value: str) -> tuple[int | None, str | None]:
    """One year (2019, its band `2019`) or a band of years (`2005-2013`, no single year)."""
    if value in MISSING:
        return None, None
    if _INTEGER.fullmatch(value):
        single = year(value)
        return single, str(single)
    closed = _RANGE.fullmatch(value)
    if closed:
        low, high = int(closed.group(1)), int(closed.group(2))
        if low in YEARS and high in YEARS and low <= high:
            return (low, str(low)) if low == high else (None, f"{low}-{high}")
    raise BadValueError(f'"{value}" is not a year or a band of years (such as 2005-2013).')


def months(value: str) -> tuple[int | None, str | None]:
    """Months trafficked: a number, or a band such as `0--12 (0-1 yr)` kept as `0-12`."""
    if value in MISSING:
        return None, None
    if _INTEGER.fullmatch(value):
        number = int(float(value))
        if 0 <= number <= 1200:
            return number, None
    closed = _RANGE.match(value)
    if closed and int(closed.group(1)) <= int(closed.group(2)):
        return None, f"{int(closed.group(1))}-{int(closed.group(2))}"
    opened = _OPEN.match(value)
    if opened:
        return None, f"{int(opened.group(1))}+"
    raise BadValueError(f'"{value}" is not a number of months or a band of months.')


def text(value: str) -> str | None:
    return None if value in MISSING else value
