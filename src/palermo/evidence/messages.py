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
