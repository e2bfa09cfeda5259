"""The chain from a treaty article to a recommendation or a KPI to the data that measures it.

A link names a dataset's statistic (with its filters) or one of its releases. What a reader
sees of it follows the evidence rules: those who may read the dataset's records see the live
statistic (its page computes it, audited there) and any release of it; everyone else sees a
published release only — the linked one, or for a live statistic the newest published release
of the same statistic with the same filters — and nothing when there is none.
"""

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from palermo.core.audit import audit_created, audit_deleted
from palermo.core.models import User
from palermo.core.scope import scope_filter
from palermo.evidence import analysis, messages, permissions
from palermo.evidence.models import Dataset, Release, StatisticLink

TARGETS = ("tracking.recommendation", "tracking.indicator", "instruments.article")


def offered_statistics(dataset: Dataset) -> dict[str, str]:
    """The statistics a dataset can be linked by, name → title in the active language."""
    offered = {name: analysis.title(s) for name, s in analysis.statistics_for(dataset.kind).items()}
    if dataset.kind == "index_scores":
        offered["oc_profile"] = _("Organized Crime Index profile")
    return offered


def parameters_of(filters: Any) -> dict[str, Any]:
    """A `statistics.Filters` as links and releases store it."""
    return {
        "values": {name: list(values) for name, values in filters.values.items()},
        "year_from": filters.year_from,
        "year_to": filters.year_to,
    }


def _normal(parameters: dict[str, Any]) -> str:
    values = parameters.get("values") or {}
    return json.dumps(
        {
            "values": {k: sorted(map(str, v)) for k, v in sorted(values.items()) if v},
            "year_from": parameters.get("year_from"),
            "year_to": parameters.get("year_to"),
        },
        sort_keys=True,
    )


def _target_field(target: Any) -> str:
    label: str = target._meta.label_lower
    if label not in TARGETS:
        raise ValidationError(messages.LINK_TARGET_UNKNOWN)
    return label.split(".")[1]


@transaction.atomic
def link_create(
    *,
    actor: User | None,
    target: Any,
    dataset: Dataset,
    statistic: str = "",
    parameters: dict[str, Any] | None = None,
    release: Release | None = None,
    note: str = "",
) -> StatisticLink:
    """Link a statistic (or a release of one) to a recommendation, indicator or article."""
    field = _target_field(target)
    if actor is not None and not permissions.can_link_statistic(actor, target, dataset):
        raise PermissionDenied(messages.LINK_NOT_ALLOWED)
    if release is not None:
        if release.dataset_id != dataset.pk or (
            actor is not None and not permissions.can_view_release(actor, release)
        ):
            raise ValidationError({"release": messages.LINK_RELEASE_UNKNOWN})
        statistic, parameters = release.statistic, release.parameters
    elif statistic not in offered_statistics(dataset):
        raise ValidationError({"statistic": messages.LINK_STATISTIC_UNKNOWN})
    link = StatisticLink(
        dataset=dataset,
        statistic=statistic,
        parameters=parameters or {},
        release=release,
        note=note,
        created_by=actor,
        **{field: target},
    )
    link.full_clean()
    duplicate = StatisticLink.objects.filter(
        **{field: target}, dataset=dataset, statistic=statistic, release=release
    )
    if any(_normal(other.parameters) == _normal(link.parameters) for other in duplicate):
        raise ValidationError(messages.LINK_DUPLICATE)
    link.save()
    audit_created(actor=actor, obj=link)
    return link


@transaction.atomic
def link_delete(*, actor: User, link: StatisticLink) -> None:
    """Unlink: the statistic and its releases stay as they are."""
    if not permissions.can_link_statistic(actor, link.target, link.dataset):
        raise PermissionDenied(messages.LINK_NOT_ALLOWED)
    audit_deleted(actor=actor, obj=link)
    link.delete()


@dataclass(frozen=True)
class ShownLink:
    """A link as one reader may see it: a release, the live statistic's page, or both."""

    link: StatisticLink
    title: str
    release: Release | None
    live_url: str
    can_unlink: bool

    @property
    def target(self) -> Any:
        return self.link.target


def live_url(link: StatisticLink) -> str:
    query: list[tuple[str, Any]] = [("statistic", link.statistic)]
    values = link.parameters.get("values") or {}
    for name, chosen in values.items():
        query.extend((f"f.{name}", "" if value is None else value) for value in chosen)
    for bound in ("year_from", "year_to"):
        if link.parameters.get(bound):
            query.append((bound, link.parameters[bound]))
    if link.statistic == "oc_profile":
        return reverse("evidence:oc-profile", args=[link.dataset_id])
    page = reverse("evidence:dataset-statistics", args=[link.dataset_id])
    return f"{page}?{urlencode(query)}"


def _published_release(link: StatisticLink) -> Release | None:
    candidates = Release.objects.filter(
        dataset_id=link.dataset_id, statistic=link.statistic, status=Release.Status.PUBLISHED
    ).order_by("-published_at", "-pk")
    wanted = _normal(link.parameters)
    return next((r for r in candidates if _normal(r.parameters) == wanted), None)


def link_shown(user: Any, link: StatisticLink) -> ShownLink | None:
    """What this reader sees of a link; None when nothing of it may reach them."""
    dataset = link.dataset
    reads = permissions.can_read_records(user, dataset)
    if link.release is not None:
        release: Release | None = link.release
        if not reads and link.release.status != Release.Status.PUBLISHED:
            release = None
    else:
        release = _published_release(link)
    if release is None and not reads:
        return None
    if release is not None:
        title = release.title
    else:
        title = offered_statistics(dataset).get(link.statistic, link.statistic)
    return ShownLink(
        link=link,
        title=title,
        release=release,
        live_url=live_url(link) if reads else "",
        can_unlink=permissions.can_link_statistic(user, link.target, dataset),
    )


def _links() -> QuerySet[StatisticLink]:
    return StatisticLink.objects.select_related(
        "dataset", "release", "recommendation", "indicator__measure__plan", "article"
    )


def links_shown(user: Any, links: QuerySet[StatisticLink]) -> list[ShownLink]:
    shown = (link_shown(user, link) for link in links)
    return [item for item in shown if item is not None]


def links_for(user: Any, target: Any) -> list[ShownLink]:
    """The statistics linked to a recommendation or an indicator.

    For an article: those linked to it and to the recommendations on it the reader may see.
    """
    field = _target_field(target)
    query = Q(**{field: target})
    if field == "article":
        from palermo.tracking.models import Recommendation

        visible = Recommendation.objects.filter(scope_filter(user), articles=target)
        query |= Q(recommendation__in=visible)
    return links_shown(user, _links().filter(query))


def links_of_dataset(user: Any, dataset: Dataset) -> list[ShownLink]:
    """What a dataset's statistics measure: its links, for readers who may see them."""
    return links_shown(user, _links().filter(dataset=dataset))


def link_get(user: Any, link_id: int) -> StatisticLink:
    """A link the user may remove; PermissionDenied otherwise (404 when not seen at all)."""
    from django.http import Http404

    link = _links().filter(pk=link_id).first()
    if link is None or link_shown(user, link) is None:
        raise Http404
    if not permissions.can_link_statistic(user, link.target, link.dataset):
        raise PermissionDenied(messages.LINK_NOT_ALLOWED)
    return link


def target_url(target: Any) -> str:
    if target._meta.label_lower == "tracking.indicator":
        return reverse("tracking:indicator-detail", args=[target.pk])
    return str(target.get_absolute_url())


def target_get(user: Any, value: str) -> Any:
    """`"tracking.recommendation:12"` → the recommendation, if this reader sees it; else None."""
    from django.apps import apps

    label, _sep, pk = value.partition(":")
    if label not in TARGETS or not pk.isdigit():
        return None
    target = apps.get_model(label).objects.filter(pk=int(pk)).first()
    if target is None or not permissions.target_rules(user, target)[0]:
        return None
    return target


def target_choices(user: Any, current: Any = None) -> list[tuple[str, Any]]:
    """Recommendations and indicators the reader may link to (and the page's own target)."""
    from palermo.tracking.models import Indicator, Recommendation

    recommendations = Recommendation.objects.filter(scope_filter(user)).order_by("reference")
    indicators = (
        Indicator.objects.filter(scope_filter(user, "measure__plan__country"))
        .select_related("measure__plan")
        .order_by("measure__plan__title", "measure__number", "pk")
    )
    choices: list[tuple[str, Any]] = []
    if current is not None and current._meta.label_lower == "instruments.article":
        choices.append((_("Article"), [(f"instruments.article:{current.pk}", str(current))]))
    choices.append(
        (
            _("Recommendations"),
            [(f"tracking.recommendation:{r.pk}", str(r)) for r in recommendations],
        )
    )
    choices.append(
        (
            _("Action-plan indicators"),
            [
                (
                    f"tracking.indicator:{i.pk}",
                    f"{i.measure.plan.title} — {i.measure.number}. {i.name}",
                )
                for i in indicators
            ],
        )
    )
    return choices


def source_choices(user: Any) -> list[tuple[str, Any]]:
    """Per dataset the reader sees: its releases they may see, then its statistics."""
    choices: list[tuple[str, Any]] = []
    for dataset in Dataset.objects.filter(scope_filter(user)).order_by("name"):
        reads = permissions.can_read_records(user, dataset)
        options = [
            (f"release:{release.pk}", _("Release: %(title)s") % {"title": release.title})
            for release in dataset.releases.order_by("-pk")
            if reads or release.status == Release.Status.PUBLISHED
        ]
        options += [
            (f"statistic:{dataset.pk}:{name}", _("Statistic: %(title)s") % {"title": title})
            for name, title in offered_statistics(dataset).items()
        ]
        if options:
            choices.append((dataset.name, options))
    return choices


def source_get(user: Any, value: str) -> tuple[Dataset, str, Release | None] | None:
    """`"release:3"` or `"statistic:2:victims_by_sex"` → (dataset, statistic, release)."""
    kind, _sep, rest = value.partition(":")
    if kind == "release" and rest.isdigit():
        release = Release.objects.select_related("dataset").filter(pk=int(rest)).first()
        if release is None or not permissions.can_view_release(user, release):
            return None
        return release.dataset, release.statistic, release
    dataset_id, _sep, name = rest.partition(":")
    if kind == "statistic" and dataset_id.isdigit():
        dataset = Dataset.objects.filter(pk=int(dataset_id)).first()
        if dataset is None or not permissions.can_view_dataset(user, dataset):
            return None
        return dataset, name, None
    return None
