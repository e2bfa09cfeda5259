"""Country names from ISO 3166 (pycountry), in the language of the page."""

import gettext
from functools import lru_cache

import pycountry
from django.utils.translation import get_language

# Django's language codes where pycountry's catalogues use another name.
CATALOGUE_NAMES = {"zh-hans": "zh_CN", "zh-hant": "zh_TW"}


@lru_cache(maxsize=16)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1",
        pycountry.LOCALES_DIR,
        languages=[CATALOGUE_NAMES.get(language, language)],
        fallback=True,
    )


def country_name(code: str, language: str | None = None) -> str:
    """The common name of the State with this alpha-3 code, translated; empty if unknown."""
    country = pycountry.countries.get(alpha_3=code) if code else None
    if country is None:
        return ""
    name = str(getattr(country, "common_name", None) or country.name)
    return _catalogue(language or get_language() or "en").gettext(name)
