"""The curated themes: stored in English, shown in the reader's language."""

from django.utils.translation import gettext, gettext_noop

# Offered first wherever themes are chosen; users may add their own.
CURATED_THEMES = (
    gettext_noop("Human rights"),
    gettext_noop("Legal aid"),
    gettext_noop("Trafficking in persons"),
    gettext_noop("Smuggling of migrants"),
    gettext_noop("Firearms"),
    gettext_noop("Narcotics"),
    gettext_noop("Money laundering"),
    gettext_noop("Corruption"),
    gettext_noop("Cybercrime"),
    gettext_noop("Women's rights"),
    gettext_noop("Children's rights"),
    gettext_noop("Youth"),
    gettext_noop("Law enforcement"),
    gettext_noop("Academia"),
    gettext_noop("Media"),
    gettext_noop("Victim support"),
    gettext_noop("Migration"),
    gettext_noop("Labour rights"),
)
_CURATED = frozenset(CURATED_THEMES)


def theme_display_name(name: str) -> str:
    """A curated theme's name translated; a theme people added, as they wrote it."""
    return gettext(name) if name in _CURATED else name
