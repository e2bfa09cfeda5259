"""Messages the evidence app shows people, as constants the tests can assert."""

from django.utils.translation import gettext_lazy as _

LINK_NOT_ALLOWED = _(
    "Only the dataset's managers and those who may edit the recommendation, the indicator's "
    "plan or the article link statistics to it."
)
LINK_TARGET_UNKNOWN = _("Choose a recommendation, an indicator or an article to link.")
LINK_STATISTIC_UNKNOWN = _("Choose a statistic this dataset offers.")
LINK_RELEASE_UNKNOWN = _("Choose a release of this dataset that you may see.")
LINK_DUPLICATE = _("This statistic is already linked here.")
