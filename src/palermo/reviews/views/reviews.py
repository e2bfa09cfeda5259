from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from palermo.core.exceptions import ConflictError
from palermo.core.http import acting_user
from palermo.core.models import RoleGrant
from palermo.core.pagecache import cached_page
from palermo.instruments.models import State
from palermo.reviews import permissions
from palermo.reviews.forms import AssignForm, ReopenForm, ReviewForm
from palermo.reviews.models import Phase, Review
from palermo.reviews.selectors import answers as answer_selectors
from palermo.reviews.selectors import observations as observation_selectors
from palermo.reviews.selectors import people as people_selectors
from palermo.reviews.selectors import reviews as review_selectors
from palermo.reviews.services import answers as answer_services
from palermo.reviews.services import opening as opening_services
from palermo.reviews.services import phases as phase_services
from palermo.reviews.services.phases import NEXT_PHASE


@login_required
@cached_page
def review_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    return render(
        request,
        "reviews/review_list.html",
        {
            "reviews": review_selectors.review_list(user=user),
            "can_open": permissions.can_open_review(user, user.country),
        },
    )


@login_required
def review_open(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.can_open_review(user, user.country):
        raise PermissionDenied
    state = State.objects.get(iso3=user.country)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = opening_services.review_open(actor=user, state=state, **form.cleaned_data)
        except (ConflictError, ValidationError) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            flash.success(request, _("The review was opened with its questionnaire."))
            return redirect(review)
    form.mark_errors()
    return render(request, "reviews/review_form.html", {"form": form, "state": state})


def _assign_form(request: HttpRequest, review: Review) -> AssignForm:
    return AssignForm(
        request.POST if request.POST.get("action") == "assign" else None,
        bodies=people_selectors.assignable_bodies(review),
        people=people_selectors.assignable_people(review),
    )


@login_required
@cached_page
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    user = acting_user(request)
    review = review_selectors.review_get(user=user, review_id=review_id)
    answers = answer_selectors.answer_list(user=user, review=review, with_provisions=False)
    can_manage = permissions.can_manage_review(user, review)
    action = request.POST.get("action", "")
    assign = _assign_form(request, review)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        ids = {int(i) for i in request.POST.getlist("answers") if i.isdigit()}
        chosen = [a for a in answers if a.pk in ids]
        try:
            if not chosen:
                flash.error(request, _("Choose at least one article first."))
            elif action == "assign":
                if assign.is_valid():
                    answer_services.answer_assign(
                        actor=user,
                        answers=chosen,
                        body=assign.cleaned_data["body"],
                        assignee=assign.cleaned_data["assignee"],
                    )
                    flash.success(
                        request, _("%(count)s articles were assigned.") % {"count": len(chosen)}
                    )
                else:
                    flash.error(request, _("Choose the government body to assign the articles to."))
            elif action == "approve":
                answer_services.answer_approve(actor=user, answers=chosen)
                flash.success(
                    request, _("%(count)s answers were approved.") % {"count": len(chosen)}
                )
            elif action == "return":
                answer_services.answer_return(
                    actor=user, answers=chosen, comment=request.POST.get("comment", "")
                )
                flash.success(
                    request, _("%(count)s answers were returned.") % {"count": len(chosen)}
                )
        except ConflictError as error:
            flash.error(request, str(error))
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
        return redirect(review)
    history = review_selectors.review_history(user=user, review=review)
    context = {
        "review": review,
        "answers": answers,
        "can_manage": can_manage,
        "can_read_drafts": permissions.can_read_drafts(user, review),
        "assign": assign,
        "next_phase": NEXT_PHASE.get(Phase(review.phase)),
        "history": history,
        "reviewers": list(review.reviewers.all()),
        "observations": observation_selectors.observation_list(user=user, review=review),
        "can_read_observations": permissions.can_read_observations(user, review),
        "can_observe": permissions.can_observe(user, review),
        "can_civil_society": permissions.can_submit_parallel(user, review)
        or permissions.can_consolidate(user, review),
        "can_reply": permissions.can_reply_observation(user, review),
        "can_close": permissions.can_close_observation(user, review),
        # Read only when the page offers to raise an observation (the template calls it).
        "review_articles": lambda: [
            a.article for a in review.answers.select_related("article__instrument")
        ],
        "participants": RoleGrant.objects.filter(
            scope_type=permissions.REVIEW_SCOPE, scope_id=str(review.pk)
        ).select_related("user__organisation"),
    }
    return render(request, "reviews/review_detail.html", context)


@login_required
def review_phase(request: HttpRequest, review_id: int, action: str) -> HttpResponse:
    """Confirm, then submit, advance or reopen the review."""
    user = acting_user(request)
    review = review_selectors.review_get(user=user, review_id=review_id)
    if not permissions.can_manage_review(user, review) or action not in {
        "submit",
        "advance",
        "reopen",
    }:
        raise PermissionDenied
    form = ReopenForm(request.POST or None) if action == "reopen" else None
    if request.method == "POST":
        try:
            if action == "submit":
                phase_services.review_submit(actor=user, review=review)
                flash.success(request, _("The review was submitted to the peer reviewers."))
            elif action == "advance":
                phase_services.review_advance(actor=user, review=review)
                flash.success(request, _("The review moved to its next phase."))
            elif form is not None and form.is_valid():
                phase_services.review_reopen(
                    actor=user, review=review, reason=form.cleaned_data["reason"]
                )
                flash.success(request, _("A new version of the review is open for corrections."))
            else:
                return render(
                    request,
                    "reviews/review_phase.html",
                    {"review": review, "action": action, "form": form},
                )
        except (ConflictError, ValidationError) as error:
            flash.error(
                request,
                " ".join(error.messages) if isinstance(error, ValidationError) else str(error),
            )
        return redirect(review)
    next_phase = NEXT_PHASE.get(Phase(review.phase))
    return render(
        request,
        "reviews/review_phase.html",
        {"review": review, "action": action, "form": form, "next_phase": next_phase},
    )
