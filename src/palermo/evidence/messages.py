"""Sentences the evidence app says to its users, as constants tests can assert."""

from django.utils.translation import gettext_lazy as _

BUDGET_EXCEEDED = _(
    "This release would spend more privacy budget than the dataset has left "
    "(epsilon %(left)s left). Choose a smaller epsilon, or ask the dataset's owner to raise "
    "the budget."
)
UNKNOWN_FIELD = _("“%(field)s” is not a field of the victims table.")
MAPPING_NOT_AN_OBJECT = _(
    "The mapping must be a JSON object from the file's columns to fields of the victims table."
)
MAPPING_ONLY_VICTIMS = _("A column mapping reads victim records; this dataset holds another kind.")
LINK_NOT_ALLOWED = _(
    "Only the dataset's managers and those who may edit the recommendation, the indicator's "
    "plan or the article link statistics to it."
)
LINK_TARGET_UNKNOWN = _("Choose a recommendation, an indicator or an article to link.")
LINK_STATISTIC_UNKNOWN = _("Choose a statistic this dataset offers.")
LINK_RELEASE_UNKNOWN = _("Choose a release of this dataset that you may see.")
LINK_DUPLICATE = _("This statistic is already linked here.")
