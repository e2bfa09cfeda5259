from django.utils.translation import gettext_lazy as _

PROTOCOL_NEEDS_CONVENTION = _(
    "A State must be party to the Convention before it can be party to a Protocol."
)
PROTOCOL_BEFORE_CONVENTION = _(
    "This date is earlier than the State became party to the Convention."
)
NOT_A_PARTY_WITH_DATE = _("A State with a ratification or accession date is a party.")
UNKNOWN_ARTICLES = _("These articles do not exist in this instrument: %(numbers)s.")
ARTICLE_ALREADY_MAPPED = _("This provision is already mapped to this article.")
