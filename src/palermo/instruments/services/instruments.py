"""Writes to the instruments' articles and the clusters."""

from django.core.exceptions import ValidationError
from django.db import transaction

from palermo.core.audit import (
    audit_record,
    audited_update,
    diff,
    snapshot,
)
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.instruments import messages, permissions, search
from palermo.instruments.models import (
    Article,
    Cluster,
    ClusterComposition,
    Instrument,
)


@transaction.atomic
def article_update(
    *, actor: User | None, article: Article, summary: str, obligation: str
) -> Article:
    if actor is not None:
        require(permissions.can_edit_reference(actor))
    audited_update(
        actor=actor, obj=article, fields={"summary": summary.strip(), "obligation": obligation}
    )
    search.index_article(article)
    return article


@transaction.atomic
def cluster_update(
    *, actor: User | None, cluster: Cluster, title: str, title_confirmed: bool
) -> Cluster:
    if actor is not None:
        require(permissions.can_edit_reference(actor))
    audited_update(
        actor=actor,
        obj=cluster,
        fields={"title": title.strip(), "title_confirmed": title_confirmed},
    )
    return cluster


@transaction.atomic
def cluster_composition_set(
    *,
    actor: User | None,
    cluster: Cluster,
    instrument: Instrument,
    numbers: list[int],
    is_confirmed: bool,
    note: str = "",
) -> ClusterComposition:
    """Set which articles of one instrument a cluster reviews, and whether that is confirmed."""
    if actor is not None:
        require(permissions.can_edit_reference(actor))
    articles = list(Article.objects.filter(instrument=instrument, number__in=numbers))
    unknown = sorted(set(numbers) - {a.number for a in articles})
    if unknown:
        raise ValidationError(
            {"numbers": messages.UNKNOWN_ARTICLES % {"numbers": ", ".join(map(str, unknown))}}
        )
    composition, _created = ClusterComposition.objects.get_or_create(
        cluster=cluster, instrument=instrument
    )
    before_numbers = sorted(
        cluster.articles.filter(instrument=instrument).values_list("number", flat=True)
    )
    cluster.articles.remove(*cluster.articles.filter(instrument=instrument))
    cluster.articles.add(*articles)
    before = snapshot(composition, ["is_confirmed", "note"])
    composition.is_confirmed = is_confirmed
    composition.note = note
    composition.full_clean()
    composition.save()
    changes = diff(before, snapshot(composition, ["is_confirmed", "note"]))
    after_numbers = sorted(numbers)
    if before_numbers != after_numbers:
        changes[f"{instrument.code} articles"] = [before_numbers, after_numbers]
    if changes:
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, obj=composition, changes=changes)
    return composition
