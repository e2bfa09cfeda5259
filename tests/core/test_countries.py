"""Country names come from locale data, in the language of the page."""

from django.utils import translation

from palermo.core.countries import country_name
from palermo.engagement.forms import country_choices


def test_a_country_is_named_in_english_from_iso_3166() -> None:
    assert country_name("PAK", "en") == "Pakistan"
    assert country_name("USA", "en") == "United States"


def test_a_country_is_named_in_urdu_from_pycountrys_catalogue() -> None:
    assert country_name("PAK", "ur") == "پاکستان"


def test_a_name_missing_from_pycountrys_urdu_catalogue_comes_from_cldr() -> None:
    assert country_name("USA", "ur") == "ریاست ہائے متحدہ امریکہ"
    assert country_name("RUS", "ur") == "روس"
    assert country_name("CHN", "ur") != "China"


def test_the_cldr_name_that_differs_from_the_un_name_is_not_used() -> None:
    assert country_name("PSE", "ur") == "Palestine, State of"


def test_an_unknown_code_has_no_name() -> None:
    assert country_name("XYZ", "ur") == ""
    assert country_name("", "en") == ""


def test_the_language_defaults_to_the_active_one() -> None:
    with translation.override("ur"):
        assert country_name("USA") == "ریاست ہائے متحدہ امریکہ"


def test_country_choices_are_named_and_sorted_in_the_page_language() -> None:
    with translation.override("ur"):
        choices = dict(country_choices())
        names = [name for code, name in country_choices()[1:]]
    assert choices["USA"] == "ریاست ہائے متحدہ امریکہ"
    assert choices["PAK"] == "پاکستان"
    assert names == sorted(names, key=str.casefold)
    with translation.override("en"):
        assert dict(country_choices())["GBR"] == "United Kingdom"
