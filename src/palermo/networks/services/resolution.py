"""Decisions on possible duplicates: the same, not the same, unsure; and undoing them.

A decision never changes an entity: it is a `Judgement`, and the merged view is computed from
those in force (`resolution.resolver`). Undoing marks the judgement undone; the log keeps it.
Each decision and each undo raises the collection's version, since every graph computed
before it counted the entities differently.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.audit import audit_created, audit_record
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.networks import permissions
from palermo.networks.models import Collection, Judgement
from palermo.networks.resolution.resolver import Decision, Resolver
from palermo.networks.services.collections import version_raise

SAME_ENTITY = _("An entity cannot be compared with itself.")


def resolver_for(collection: Collection) -> Resolver:
    """The judgements in force, ready to give the merged view."""
    return Resolver(
        Decision(left, right, verdict)
        for left, right, verdict in collection.judgements.filter(undone_at__isnull=True)
        .order_by("decided_at", "pk")
        .values_list("left_id", "right_id", "verdict")
    )


@transaction.atomic
def judgement_decide(
    *,
    actor: User,
    collection: Collection,
    left_id: str,
    right_id: str,
    verdict: str,
    score: float | None = None,
    reasons: list[str] | None = None,
) -> Judgement:
    require(permissions.can_resolve(actor, collection))
    if verdict not in Judgement.Verdict.values:
        raise ValidationError({"verdict": _("Say whether they are the same, not, or unsure.")})
    if left_id == right_id:
        raise ValidationError(SAME_ENTITY)
    left_id, right_id = sorted((left_id, right_id))
    held = set(
        collection.entities.filter(entity_id__in=[left_id, right_id]).values_list(
            "entity_id", flat=True
        )
    )
    if held != {left_id, right_id}:
        raise ValidationError(_("Both entities must be in the collection."))
    version_raise(collection)  # also orders concurrent decisions on one collection
    if collection.judgements.filter(
        left_id=left_id, right_id=right_id, undone_at__isnull=True
    ).exists():
        raise ValidationError(_("This pair has already been decided; undo that decision first."))
    if verdict == Judgement.Verdict.POSITIVE:
        resolver = resolver_for(collection)
        ids = collection.entities.values_list("entity_id", flat=True)
        if resolver.kept_apart(left_id, right_id, list(ids)):
            raise ValidationError(
                _(
                    "These entities, or others already merged with them, were judged not to "
                    "be the same; undo that decision first."
                )
            )
    judgement = Judgement(
        collection=collection,
        left_id=left_id,
        right_id=right_id,
        verdict=verdict,
        score=score,
        reasons=list(reasons or []),
        decided_by=actor,
    )
    judgement.full_clean()
    judgement.save()
    audit_created(actor=actor, obj=judgement)
    return judgement


@transaction.atomic
def judgement_undo(*, actor: User, judgement: Judgement) -> Judgement:
    require(permissions.can_resolve(actor, judgement.collection))
    if judgement.undone_at is not None:
        raise ValidationError(_("This decision was already undone."))
    version_raise(judgement.collection)
    judgement.undone_at = timezone.now()
    judgement.undone_by = actor
    judgement.save(update_fields=["undone_at", "undone_by"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=judgement,
        object_repr=f"Undone: {judgement}",
    )
    return judgement
