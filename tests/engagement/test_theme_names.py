"""Reference themes are stored in English and shown in the reader's language."""

import html

import pytest
from django.test import Client
from django.utils import translation

from palermo.engagement.models import Theme
from palermo.engagement.services.registry import themes_get_or_create
from palermo.tracking.models import Theme as TrackingTheme
from tests.factories import make_organisation
from tests.isolates import without_isolates

pytestmark = pytest.mark.django_db


def test_a_curated_theme_is_named_in_urdu_and_stored_in_english() -> None:
    (theme,) = themes_get_or_create(["Firearms"])

    assert theme.name == "Firearms"
    with translation.override("ur"):
        assert theme.display_name == "آتشیں اسلحہ"
        assert str(theme) == "آتشیں اسلحہ"
    with translation.override("en"):
        assert theme.display_name == "Firearms"


def test_a_theme_people_added_is_shown_as_written() -> None:
    theme = Theme(name="Firearms trafficking hotlines", curated=False)

    with translation.override("ur"):
        assert theme.display_name == "Firearms trafficking hotlines"


def test_a_recommendation_theme_is_named_in_urdu() -> None:
    theme = TrackingTheme.objects.get(code="firearms")

    with translation.override("ur"):
        assert theme.display_name == "آتشیں اسلحہ"


def test_the_organisation_page_shows_its_themes_in_urdu(secretariat_client: Client) -> None:
    organisation = make_organisation("Arms Control Forum", country="PAK")
    organisation.themes.set(themes_get_or_create(["Firearms"]))

    page = html.unescape(
        without_isolates(
            secretariat_client.get("/ur" + organisation.get_absolute_url()[3:]).content.decode()
        )
    )

    assert '?theme=Firearms">آتشیں اسلحہ</a>' in page
