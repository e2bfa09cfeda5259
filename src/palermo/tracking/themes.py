"""The reference themes (migration 0002): stored in English, shown in the reader's language."""

from django.utils.translation import gettext, gettext_noop

REFERENCE_THEMES = frozenset(
    {
        gettext_noop("Trafficking in persons"),
        gettext_noop("Smuggling of migrants"),
        gettext_noop("Firearms"),
        gettext_noop("Corruption"),
        gettext_noop("Money laundering"),
        gettext_noop("Cybercrime"),
        gettext_noop("Victims and witnesses"),
        gettext_noop("Data and research"),
        gettext_noop("International cooperation"),
        gettext_noop("Prevention and awareness"),
        gettext_noop("Border control"),
        gettext_noop("Legislation"),
        gettext_noop("Capacity building"),
        gettext_noop("Civil-society participation"),
    }
)


def theme_display_name(name: str) -> str:
    """A reference theme's name translated; a theme added later, as it was written."""
    return gettext(name) if name in REFERENCE_THEMES else name
