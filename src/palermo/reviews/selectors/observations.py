"""The peer reviewers' observations the user may read."""

from typing import Any

from django.http import Http404

from palermo.reviews import permissions
from palermo.reviews.models import (
    Observation,
    Review,
)


def observation_list(*, user: Any, review: Review) -> list[Observation]:
    if not permissions.can_read_observations(user, review):
        return []
    return list(
        review.observations.select_related(
            "article__instrument", "author", "reviewing_state"
        ).prefetch_related("replies__author")
    )


def observation_get(*, user: Any, review: Review, observation_id: int) -> Observation:
    """One of the review's observations the user reads; 404 otherwise, on pages and API alike."""
    for observation in observation_list(user=user, review=review):
        if observation.pk == observation_id:
            return observation
    raise Http404("No such observation.")
