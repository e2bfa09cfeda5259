"""Who may see a dataset, read its records, manage it and take its records away.

The catalogue (a dataset's name, source, period, versions) is read like any national record
of one's State. Records are another matter: victims' data is the most sensitive thing the
platform holds, so only analysts granted the dataset read them, and anything computed from
records before the privacy checks (statistics, charts, tables) counts as reading them. The
owning organisation's analysts manage the dataset; record-level export is theirs alone.
"""

from typing import Any

from palermo.core.permissions import has_role, is_active_user
from palermo.core.roles import Role
from palermo.core.scope import in_scope
from palermo.evidence.models import Dataset, DatasetGrant


def is_analyst(user: Any) -> bool:
    return has_role(user, Role.ANALYST)


def can_view_dataset(user: Any, dataset: Dataset) -> bool:
    return in_scope(user, dataset.country)


def can_create_dataset(user: Any) -> bool:
    """Analysts of an organisation create datasets for it (the superuser for any)."""
    if not is_active_user(user):
        return False
    return bool(user.is_superuser or (is_analyst(user) and user.organisation_id))


def can_manage_dataset(user: Any, dataset: Dataset) -> bool:
    """The owning organisation's analysts: edit, import versions, grant access."""
    if not can_view_dataset(user, dataset):
        return False
    if user.is_superuser:
        return True
    return is_analyst(user) and user.organisation_id == dataset.owner_id


def is_granted(user: Any, dataset: Dataset) -> bool:
    if not is_active_user(user):
        return False
    cache = getattr(user, "_palermo_dataset_grants", None)
    if cache is None:
        cache = set(DatasetGrant.objects.filter(user=user).values_list("dataset_id", flat=True))
        user._palermo_dataset_grants = cache
    return dataset.pk in cache


def forget_grants(user: Any) -> None:
    if hasattr(user, "_palermo_dataset_grants"):
        del user._palermo_dataset_grants


def can_read_records(user: Any, dataset: Dataset) -> bool:
    """Records, and statistics computed from them: analysts granted the dataset."""
    return can_view_dataset(user, dataset) and is_analyst(user) and is_granted(user, dataset)


def can_export_records(user: Any, dataset: Dataset) -> bool:
    """Record-level export: the dataset's owner, among those who read its records."""
    return can_manage_dataset(user, dataset) and can_read_records(user, dataset)


def may_be_granted(user: Any, dataset: Dataset) -> bool:
    """Whom access can be given to: active analysts who may see the dataset."""
    return can_view_dataset(user, dataset) and is_analyst(user)


def can_publish_release(user: Any, release: Any) -> bool:
    """The dataset's owner decides what is published (and withdrawn)."""
    return can_export_records(user, release.dataset)


def can_view_release(user: Any, release: Any) -> bool:
    """Published: anyone, signed in or not. Otherwise those who read the records."""
    if release.status == "published":
        return True
    return can_read_records(user, release.dataset)


def target_rules(user: Any, target: Any) -> tuple[bool, bool]:
    """(may see it, may edit it) for a recommendation, an indicator or an article."""
    from palermo.instruments import permissions as instruments_permissions
    from palermo.tracking import permissions as tracking_permissions

    label = target._meta.label_lower
    if label == "tracking.recommendation":
        return (
            tracking_permissions.can_view_recommendation(user, target),
            tracking_permissions.can_edit_recommendation(user, target),
        )
    if label == "tracking.indicator":
        plan = target.measure.plan
        return (
            tracking_permissions.can_view_plan(user, plan),
            tracking_permissions.can_edit_plan(user, plan),
        )
    if label == "instruments.article":
        return is_active_user(user), instruments_permissions.can_edit_reference(user)
    return False, False


def can_link_statistic(user: Any, target: Any, dataset: Dataset) -> bool:
    """Link a dataset's statistic to a recommendation, indicator or article (and unlink it).

    The dataset's managers, and those who may edit the recommendation (its coordinators), the
    indicator's plan (its owners) or the article (the secretariat); all must see both ends.
    """
    if not can_view_dataset(user, dataset):
        return False
    sees, edits = target_rules(user, target)
    return sees and (edits or can_manage_dataset(user, dataset))
