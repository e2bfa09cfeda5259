from http import HTTPStatus

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from palermo.core.exceptions import ConflictError
from palermo.core.http import acting_user
from palermo.core.pagecache import cached_page
from palermo.instruments.models import Provision
from palermo.reviews import messages, permissions
from palermo.reviews.forms import AnswerForm
from palermo.reviews.models import Question
from palermo.reviews.selectors import answers as answer_selectors
from palermo.reviews.selectors import reviews as review_selectors
from palermo.reviews.services import answers as answer_services


@login_required
@cached_page
def answer_detail(request: HttpRequest, review_id: int, answer_id: int) -> HttpResponse:
    user = acting_user(request)
    review = review_selectors.review_get(user=user, review_id=review_id)
    answer = answer_selectors.answer_get(user=user, review=review, answer_id=answer_id)
    questions = list(
        Question.objects.filter(review=review, article=answer.article).order_by("position")
    )
    provisions = (
        Provision.objects.filter(law__state=review.state)
        .select_related("law")
        .order_by("law__title", "position")
    )
    can_edit = permissions.can_change_answer(user, answer)
    initial = {
        "version": answer.version,
        "compliance": answer.compliance,
        "provisions": list(answer.provisions.all()),
        **{f"q_{key}": value for key, value in answer.responses.items()},
    }
    action = request.POST.get("action", "")
    status = HTTPStatus.OK
    form = AnswerForm(
        request.POST if action in {"save", "send"} else None,
        initial=initial,
        questions=questions,
        provisions=provisions,
    )
    if request.method == "POST":
        try:
            if action in {"save", "send"}:
                # The service refuses what this user may not save: 403, or 409 if approved.
                if form.is_valid():
                    answer = answer_services.answer_save(
                        actor=user,
                        answer=answer,
                        expected_version=form.cleaned_data["version"],
                        compliance=form.cleaned_data["compliance"],
                        responses=form.responses(),
                        provisions=form.cleaned_data["provisions"],
                        send=action == "send",
                    )
                    if action == "send":
                        flash.success(
                            request,
                            _("The answer was saved and sent to the secretariat for approval."),
                        )
                    else:
                        flash.success(request, _("The draft was saved."))
                    return redirect("reviews:answer-detail", review.pk, answer.pk)
            elif action == "approve":
                answer_services.answer_approve(actor=user, answers=[answer])
                flash.success(request, _("The answer was approved."))
                return redirect("reviews:answer-detail", review.pk, answer.pk)
            elif action == "return":
                answer_services.answer_return(
                    actor=user, answers=[answer], comment=request.POST.get("comment", "")
                )
                flash.success(request, _("The answer was returned to its drafters."))
                return redirect("reviews:answer-detail", review.pk, answer.pk)
            elif action in {"share", "unshare"}:
                answer_services.answer_share(actor=user, answer=answer, shared=action == "share")
                flash.success(request, _("Sharing with civil society was updated."))
                return redirect("reviews:answer-detail", review.pk, answer.pk)
            elif action == "comment":
                answer_services.answer_comment(
                    actor=user, answer=answer, text=request.POST.get("text", "")
                )
                flash.success(request, _("Your comment was added."))
                return redirect("reviews:answer-detail", review.pk, answer.pk)
        except ConflictError as error:
            flash.error(request, str(error))
            status = HTTPStatus.CONFLICT
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
    form.mark_errors()
    context = {
        "review": review,
        "answer": answer,
        "questions": questions,
        "form": form,
        "can_edit": can_edit,
        "lock_reason": permissions.answer_lock(user, answer)
        if permissions.can_edit_answer(user, answer)
        else "",
        "review_locked": messages.REVIEW_LOCKED,
        "can_approve": permissions.can_approve_answer(user, answer),
        "can_manage": permissions.can_manage_review(user, review),
        "can_comment": permissions.can_comment_answer(user, answer),
        "show_comments": permissions.can_read_drafts(user, review)
        or permissions.can_comment_answer(user, answer),
        "history": answer_selectors.answer_history(user=user, answer=answer)
        if permissions.can_read_drafts(user, review)
        else [],
        "question_texts": {q.key: q.text_in_language for q in questions},
    }
    return render(request, "reviews/answer_detail.html", context, status=status)
