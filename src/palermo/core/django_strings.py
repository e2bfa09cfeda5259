"""Django's own strings that its Urdu catalogue leaves untranslated, kept in ours.

Django 5.2's Urdu catalogue for `django.contrib.auth` translates few of its strings, and
some of those translations are for older wordings (a straight apostrophe where the code now
has a curly one), so they never match. Our catalogue takes precedence over Django's
(`LOCALE_PATHS`), so a translation given here is the one shown. Listing the strings in code
keeps them in our catalogue when it is regenerated (`make messages`); each must be
character for character Django's own, which `tests/core/test_django_strings.py` checks.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

PASSWORD_VALIDATORS = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
)

AUTH_FORMS = (
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Password confirmation"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive."
    ),
    gettext_noop("This account is inactive."),
    gettext_noop("Email"),
    gettext_noop("New password confirmation"),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
)

# The user's fields, as the audit log and the user pages name them.
USER_FIELDS = (
    gettext_noop("username"),
    gettext_noop("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
    gettext_noop("A user with that username already exists."),
    gettext_noop("first name"),
    gettext_noop("last name"),
    gettext_noop("email address"),
    gettext_noop("password"),
    gettext_noop("last login"),
    gettext_noop("active"),
    gettext_noop("date joined"),
)
