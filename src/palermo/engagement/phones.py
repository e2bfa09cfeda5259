"""Phone numbers in one form (E.164), read with the organisation's country as default region."""

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


def display_phone(e164: str) -> str:
    """'+923001234567' -> '+92 300 1234567' for reading."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
