"""The analyst's dashboard panel: the datasets they read and what waits for them there."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from palermo.core.dashboard import Panel, Text, register_panel
from palermo.evidence import permissions
from palermo.evidence.selectors import datasets as dataset_selectors


@register_panel
def evidence_panel(user: Any) -> Panel | None:
    if not permissions.is_analyst(user):
        return None
    datasets = dataset_selectors.dataset_list(user)
    readable = datasets.filter(grants__user=user)
    empty = [
        dataset
        for dataset in datasets.filter(versions__isnull=True)
        if permissions.can_manage_dataset(user, dataset)
    ]
    items: list[tuple[Text, str]] = []
    count = readable.count()
    items.append(
        (
            ngettext(
                "%(count)s dataset whose records you read",
                "%(count)s datasets whose records you read",
                count,
            )
            % {"count": count},
            reverse("evidence:dataset-list"),
        )
    )
    for dataset in empty[:5]:
        items.append(
            (
                _("“%(name)s” has no version yet: import it") % {"name": dataset.name},
                reverse("evidence:dataset-import", args=[dataset.pk]),
            )
        )
    can_create = permissions.can_create_dataset(user)
    return Panel(
        title=_("Evidence"),
        text=_(
            "Case data and published statistics, each import kept as a version that never "
            "changes; only analysts given access read records."
        ),
        action_label=_("New dataset") if can_create else "",
        action_url=reverse("evidence:dataset-create") if can_create else "",
        items=items,
        order=40,
    )
