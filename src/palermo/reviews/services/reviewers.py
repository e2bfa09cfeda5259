"""Drawing the peer-reviewing States by lot, by the mechanism's rule, reproducibly from a seed."""

import random
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent, RoleGrant, User
from palermo.core.permissions import require
from palermo.core.roles import Role
from palermo.core.services import users as user_services
from palermo.instruments.models import Instrument, Ratification, State
from palermo.instruments.selectors.states import was_party
from palermo.reviews import messages, permissions
from palermo.reviews.models import Review, ReviewerDraw

SAME, OTHER = ReviewerDraw.Group.SAME, ReviewerDraw.Group.OTHER


@dataclass(frozen=True)
class Drawn:
    instrument: Instrument
    state: State
    group: ReviewerDraw.Group
    is_additional: bool = False


def _parties(instrument: Instrument) -> set[int]:
    states = Ratification.objects.filter(instrument=instrument, is_party=True).values_list(
        "state_id", flat=True
    )
    return set(states)


def _candidates(
    review: Review, instrument: Instrument, group: ReviewerDraw.Group, exclude: set[int]
) -> list[State]:
    """States party to the instrument today, in (or outside) the State's group, in a fixed order."""
    parties = _parties(instrument)
    states = (
        State.objects.exclude(pk=review.state_id).exclude(pk__in=exclude).exclude(regional_group="")
    )
    states = states.filter(pk__in=parties).order_by("iso3")
    if group == SAME:
        states = states.filter(regional_group=review.state.regional_group)
    else:
        states = states.exclude(regional_group=review.state.regional_group)
    return [s for s in states if was_party(s, instrument)]


def _pick(
    rng: random.Random,
    review: Review,
    instrument: Instrument,
    group: ReviewerDraw.Group,
    exclude: set[int],
) -> State:
    candidates = _candidates(review, instrument, group, exclude)
    if not candidates:
        where = messages.SAME_GROUP if group == SAME else messages.OTHER_GROUP
        raise ValidationError(
            messages.NO_CANDIDATE % {"instrument": instrument.short_title, "where": where}
        )
    return rng.choice(candidates)


def draw_reviewers(review: Review, seed: str) -> list[Drawn]:
    """The draw for this review and seed; the same seed always gives the same States.

    For the Convention, one State party from the regional group of the State under review and
    one from another group. For each Protocol under review, each of the two reviews it too if it
    is party to it; if not, an additional draw picks, for that Protocol only, another State
    party from the same side (same or other group).
    """
    if not review.state.regional_group:
        raise ValidationError(messages.NO_REGIONAL_GROUP)
    rng = random.Random(f"{review.pk}:{seed}")  # noqa: S311 - a reproducible lot, not a secret
    instruments = list(review.instruments.order_by("position"))
    convention = next(i for i in instruments if i.parent_id is None)
    pair = {}
    for group in (SAME, OTHER):
        pair[group] = _pick(rng, review, convention, group, exclude=set())
    drawn = [Drawn(convention, pair[SAME], SAME), Drawn(convention, pair[OTHER], OTHER)]
    for protocol in (i for i in instruments if i.parent_id is not None):
        for group in (SAME, OTHER):
            if was_party(pair[group], protocol):
                drawn.append(Drawn(protocol, pair[group], group))
            else:
                taken = {pair[SAME].pk, pair[OTHER].pk}
                drawn.append(
                    Drawn(
                        protocol,
                        _pick(rng, review, protocol, group, taken),
                        group,
                        is_additional=True,
                    )
                )
    return drawn


def _describe(drawn: list[Drawn] | list[ReviewerDraw]) -> list[str]:
    return [f"{d.instrument.code}: {d.state.iso3} ({d.group})" for d in drawn]


@transaction.atomic
def reviewers_draw(
    *, actor: User | None, review: Review, seed: str | None = None
) -> list[ReviewerDraw]:
    """Draw by lot and record the result with its seed (in the review and the audit log)."""
    if actor is not None:
        require(permissions.can_manage_review(actor, review))
    seed = seed or secrets.token_hex(8)
    drawn = draw_reviewers(review, seed)
    before = _describe(list(review.reviewers.select_related("instrument", "state")))
    review.reviewers.all().delete()
    records = ReviewerDraw.objects.bulk_create(
        [
            ReviewerDraw(
                review=review,
                instrument=d.instrument,
                state=d.state,
                group=d.group,
                by_lot=True,
                is_additional=d.is_additional,
            )
            for d in drawn
        ]
    )
    review.draw_seed, review.drawn_at = seed, timezone.now()
    review.save(update_fields=["draw_seed", "drawn_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=review,
        changes={"reviewers": [before, _describe(drawn)], "draw_seed": [None, seed]},
    )
    return records


@transaction.atomic
def reviewers_set(
    *, actor: User | None, review: Review, choices: list[tuple[Instrument, State, str]]
) -> list[ReviewerDraw]:
    """Set the reviewing States by hand (instrument, State, "same"/"other" group)."""
    if actor is not None:
        require(permissions.can_manage_review(actor, review))
    for instrument, state, _group in choices:
        if state.pk == review.state_id:
            raise ValidationError(messages.REVIEWER_IS_STATE)
        if not was_party(state, instrument):
            raise ValidationError(messages.REVIEWER_NOT_PARTY)
    before = _describe(list(review.reviewers.select_related("instrument", "state")))
    review.reviewers.all().delete()
    records = ReviewerDraw.objects.bulk_create(
        [
            ReviewerDraw(review=review, instrument=i, state=s, group=g, by_lot=False)
            for i, s, g in choices
        ]
    )
    review.draw_seed, review.drawn_at = "", None
    review.save(update_fields=["draw_seed", "drawn_at"])
    after = [f"{i.code}: {s.iso3} ({g})" for i, s, g in choices]
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=review,
        changes={"reviewers": [before, after]},
    )
    return records


@transaction.atomic
def participant_add(*, actor: User | None, review: Review, user: User, role: Role) -> RoleGrant:
    """Attach a reviewing State's expert or a read-only observer to this review."""
    if actor is not None:
        require(permissions.can_manage_review(actor, review))
    if role not in {Role.PEER_REVIEWER, Role.OBSERVER}:
        raise ValidationError({"role": "Only reviewers and observers are attached to a review."})
    return user_services.role_grant(
        actor=actor,
        user=user,
        role=role,
        scope_type=permissions.REVIEW_SCOPE,
        scope_id=str(review.pk),
    )
