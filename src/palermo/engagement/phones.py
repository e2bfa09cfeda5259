"""Phone numbers in one form (E.164), read with the organisation's country as default region.

Lists hold numbers the phone library cannot verify (a prefix newer than its data, a landline it
does not know) and cells with two numbers: an import keeps such a number as written, with a
warning, rather than refuse the file; only text that is no phone number at all is refused.
"""

import re
from dataclasses import dataclass

import phonenumbers
import pycountry
from django.core.exceptions import ValidationError

from palermo.engagement import messages


def region_for(country: str) -> str | None:
    """ISO alpha-3 'PAK' -> 'PK', the region phonenumbers expects; None when unknown."""
    found = pycountry.countries.get(alpha_3=country.upper()) if country else None
    return found.alpha_2 if found else None


def normalise_phone(raw: str, country: str = "") -> str:
    """'0300-1234567' with PAK -> '+923001234567'; raise ValidationError when not a number."""
    text = raw.strip()
    if not text:
        return ""
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region_for(country))
    except phonenumbers.NumberParseException as error:
        raise ValidationError(messages.PHONE_INVALID, params={"value": raw}) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(messages.PHONE_INVALID, params={"value": raw})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Between two numbers in one cell: " / ", ",", ";", a new line, " or ".
SEVERAL_NUMBERS = re.compile(r"\s*[,;/\n]\s*|\s+or\s+", re.IGNORECASE)
PHONE_CHARACTERS = re.compile(r"^\+?[\d\s().\-]+$")
# Between a person's other numbers as stored.
PHONE_SEPARATOR = "; "
NO_NUMBER = frozenset({"", "-", "--", "—", "n/a", "na", "none", "nil"})
FEWEST_DIGITS = 6
MOST_DIGITS = 15


@dataclass(frozen=True)
class PhoneReading:
    number: str  # E.164 when verified, else as written (spaces tidied)
    verified: bool
    written: str


def read_phone(raw: str, country: str = "") -> PhoneReading:
    """One number: E.164 when valid, as written when it only looks like one, else refused."""
    text = " ".join(raw.split())
    try:
        return PhoneReading(normalise_phone(text, country), verified=True, written=text)
    except ValidationError:
        digits = sum(1 for character in text if character.isdigit())
        if not PHONE_CHARACTERS.match(text) or not FEWEST_DIGITS <= digits <= MOST_DIGITS:
            raise
        return PhoneReading(text, verified=False, written=text)


def read_phones(raw: str, country: str = "") -> list[PhoneReading]:
    """Every number in a cell ('0300-1234567 / 051-9201234'), each read as `read_phone` does."""
    whole = " ".join(raw.split())
    if whole.casefold() in NO_NUMBER:
        return []
    try:
        return [read_phone(whole, country)]
    except ValidationError:
        parts = [part for part in SEVERAL_NUMBERS.split(raw) if part.strip()]
        if len(parts) < 2:
            raise
    try:
        return [read_phone(part, country) for part in parts]
    except ValidationError as error:
        raise ValidationError(messages.PHONE_INVALID, params={"value": whole}) from error


def display_phone(e164: str) -> str:
    """'+923001234567' -> '+92 300 1234567' for reading."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
