"""The reviewers tab (draw, set by hand, attach experts) and the observations tab."""

import datetime

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.exceptions import ConflictError
from palermo.core.http import acting_user
from palermo.core.models import User
from palermo.core.roles import Role
from palermo.instruments.models import State
from palermo.instruments.selectors.instruments import article_get
from palermo.reviews import permissions
from palermo.reviews.selectors import observations as observation_selectors
from palermo.reviews.selectors import reviews as review_selectors
from palermo.reviews.services import observations as observation_services
from palermo.reviews.services import phases as phase_services
from palermo.reviews.services import reviewers as reviewer_services


def _flash_error(request: HttpRequest, error: Exception) -> None:
    flash.error(
        request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    )


@login_required
@require_POST
def reviewers(request: HttpRequest, review_id: int) -> HttpResponse:
    user = acting_user(request)
    review = review_selectors.review_get(user=user, review_id=review_id)
    if not permissions.can_manage_review(user, review):
        raise PermissionDenied
    action = request.POST.get("action")
    try:
        if action == "draw":
            reviewer_services.reviewers_draw(
                actor=user, review=review, seed=request.POST.get("seed") or None
            )
            review.refresh_from_db()
            flash.success(
                request,
                _("The reviewing States were drawn by lot (seed %(seed)s).")
                % {"seed": review.draw_seed},
            )
        elif action == "set":
            choices = []
            for instrument in review.instruments.all():
                for group in ("same", "other"):
                    iso3 = request.POST.get(f"{instrument.code}-{group}", "").upper()
                    if iso3:
                        choices.append((instrument, get_object_or_404(State, iso3=iso3), group))
            reviewer_services.reviewers_set(actor=user, review=review, choices=choices)
            flash.success(request, _("The reviewing States were set."))
        elif action == "attach":
            person = get_object_or_404(User, username=request.POST.get("username", "").strip())
            role = Role(request.POST.get("role", Role.PEER_REVIEWER))
            reviewer_services.participant_add(actor=user, review=review, user=person, role=role)
            flash.success(request, _("%(user)s was attached to the review.") % {"user": person})
    except (ConflictError, ValidationError, ValueError) as error:
        _flash_error(request, error)
    return redirect(review.get_absolute_url() + "#pane-reviewers")


@login_required
@require_POST
def milestone(request: HttpRequest, review_id: int) -> HttpResponse:
    user = acting_user(request)
    review = review_selectors.review_get(user=user, review_id=review_id)
    found = get_object_or_404(review.milestones, kind=request.POST.get("kind", ""))
    try:
        due = datetime.date.fromisoformat(request.POST["due"]) if request.POST.get("due") else None
    except ValueError:
        flash.error(request, _("Give the date as YYYY-MM-DD."))
    else:
        phase_services.milestone_set(actor=user, milestone=found, due=due)
        flash.success(request, _("The deadline was saved."))
    return redirect(review.get_absolute_url() + "#pane-deadlines")


@login_required
@require_POST
def observations(request: HttpRequest, review_id: int) -> HttpResponse:
    user = acting_user(request)
    review = review_selectors.review_get(user=user, review_id=review_id)
    action = request.POST.get("action")
    text = request.POST.get("text", "")
    try:
        if action == "observe":
            observation_services.observation_create(
                actor=user,
                review=review,
                article=article_get(request.POST.get("article", "")),
                kind=request.POST.get("kind", "question"),
                category=request.POST.get("category", ""),
                text=text,
            )
            flash.success(request, _("Your observation was posted."))
        elif action in {"reply", "close", "reopen"}:
            observation = observation_selectors.observation_get(
                user=user,
                review=review,
                observation_id=int(request.POST.get("observation", "0") or 0),
            )
            if action == "reply":
                observation_services.observation_reply(
                    actor=user, observation=observation, text=text
                )
                flash.success(request, _("Your reply was posted."))
            else:
                status = "closed" if action == "close" else "open"
                observation_services.observation_set_status(
                    actor=user, observation=observation, status=status
                )
                flash.success(request, _("The observation was updated."))
    except (ConflictError, ValidationError) as error:
        _flash_error(request, error)
    return redirect(review.get_absolute_url() + "#pane-observations")
