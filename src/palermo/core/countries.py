"""Country names from ISO 3166 (pycountry), in the language of the page.

The ISO names come from pycountry's gettext catalogues, the closest to the names the UN uses.
Where a catalogue has no translation (pycountry's Urdu one lacks about 37 names, among them
the United States, China and the Russian Federation), the name comes from the Unicode CLDR
locale data through Babel. A name is left in English only when neither has it.
"""

import gettext
from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

# Django's language codes where pycountry's catalogues use another name.
CATALOGUE_NAMES = {"zh-hans": "zh_CN", "zh-hant": "zh_TW"}
# CLDR names whose meaning differs from the ISO (and UN) name: never used as a fallback.
# CLDR calls PS "Palestinian Territories"; the UN and ISO say "State of Palestine".
CLDR_NOT_EQUIVALENT = frozenset({"PS"})


@lru_cache(maxsize=16)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1",
        pycountry.LOCALES_DIR,
        languages=[CATALOGUE_NAMES.get(language, language)],
        fallback=True,
    )


@lru_cache(maxsize=16)
def _cldr_names(language: str) -> dict[str, str]:
    """CLDR's territory names for a Django language code; empty for an unknown one."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return {}
    return {str(code): str(name) for code, name in locale.territories.items()}


def country_name(code: str, language: str | None = None) -> str:
    """The common name of the State with this alpha-3 code, translated; empty if unknown."""
    country = pycountry.countries.get(alpha_3=code) if code else None
    if country is None:
        return ""
    name = str(getattr(country, "common_name", None) or country.name)
    language = language or get_language() or "en"
    translated = _catalogue(language).gettext(name)
    if translated != name or language.startswith("en"):
        return translated
    if country.alpha_2 in CLDR_NOT_EQUIVALENT:
        return name
    return _cldr_names(language).get(country.alpha_2, name)
