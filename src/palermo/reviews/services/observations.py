from django.core.exceptions import ValidationError
from django.db import transaction

from palermo.core.audit import audit_created, audit_record, diff, snapshot
from palermo.core.exceptions import ConflictError
from palermo.core.models import AuditEvent, User
from palermo.core.notifications import notify
from palermo.core.permissions import require
from palermo.instruments.models import Article, State
from palermo.reviews import messages, permissions
from palermo.reviews.models import Observation, ObservationReply, Phase, Review
from palermo.reviews.services.common import path


def _open_for_observations(review: Review) -> None:
    if review.phase in {Phase.OBSERVATIONS_AGREED, Phase.CONCLUDED}:
        raise ConflictError(messages.OBSERVATIONS_FROZEN)


@transaction.atomic
def observation_create(
    *, actor: User, review: Review, article: Article, kind: str, text: str, category: str = ""
) -> Observation:
    """A reviewer raises a question, a request for information or a finding on an article."""
    review = Review.objects.select_related("state").get(pk=review.pk)
    _open_for_observations(review)
    require(permissions.can_observe(actor, review))
    if not text.strip():
        raise ValidationError({"text": messages.EMPTY_TEXT})
    if not review.answers.filter(article=article).exists():
        raise ValidationError({"article": "This article is not part of the review."})
    observation = Observation(
        review=review,
        article=article,
        reviewing_state=State.objects.filter(iso3=actor.country).first(),
        author=actor,
        kind=kind,
        category=category,
        text=text.strip(),
    )
    observation.full_clean()
    observation.save()
    audit_created(actor=actor, obj=observation)
    from palermo.reviews.selectors.people import review_government_users

    notify(
        review_government_users(review),
        messages.NOTIFY_NEW_OBSERVATION,
        path("reviews:review-detail", review.pk) + "#pane-observations",
        {"article": article.code, "review": review},
    )
    return observation


@transaction.atomic
def observation_reply(*, actor: User, observation: Observation, text: str) -> ObservationReply:
    """The State replies (the observation is then answered); a reviewer may follow up."""
    observation = (
        Observation.objects.select_for_update()
        .select_related("review__state", "article__instrument")
        .get(pk=observation.pk)
    )
    review = observation.review
    _open_for_observations(review)
    require(permissions.can_reply_observation(actor, review))
    if not text.strip():
        raise ValidationError({"text": messages.EMPTY_TEXT})
    from_state = permissions.is_government(actor, review)
    reply = ObservationReply(
        observation=observation, author=actor, text=text.strip(), from_state_under_review=from_state
    )
    reply.full_clean()
    reply.save()
    audit_created(actor=actor, obj=reply)
    if from_state and observation.status == Observation.Status.OPEN:
        observation.status = Observation.Status.ANSWERED
        observation.save(update_fields=["status"])
        notify(
            [observation.author],
            messages.NOTIFY_STATE_REPLIED,
            path("reviews:review-detail", review.pk) + "#pane-observations",
            {"state": review.state.display_name, "article": observation.article.code},
        )
    elif not from_state:
        from palermo.reviews.selectors.people import review_government_users

        notify(
            review_government_users(review),
            messages.NOTIFY_FOLLOWED_UP,
            path("reviews:review-detail", review.pk) + "#pane-observations",
            {"article": observation.article.code, "review": review},
        )
    return reply


@transaction.atomic
def observation_set_status(*, actor: User, observation: Observation, status: str) -> Observation:
    """A reviewer closes an observation (or opens it again)."""
    observation = (
        Observation.objects.select_for_update().select_related("review").get(pk=observation.pk)
    )
    _open_for_observations(observation.review)
    require(permissions.can_close_observation(actor, observation.review))
    before = snapshot(observation, ["status"])
    observation.status = status
    observation.full_clean()
    observation.save(update_fields=["status"])
    changes = diff(before, snapshot(observation, ["status"]))
    if changes:
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, obj=observation, changes=changes)
    return observation
