"""Civil society's page of a review (questionnaire, consolidation) and the side-by-side page."""

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
from palermo.core.permissions import require
from palermo.reviews import permissions
from palermo.reviews.models import Assessment, ParallelSubmission
from palermo.reviews.selectors import answers as answer_selectors
from palermo.reviews.selectors import parallel as parallel_selectors
from palermo.reviews.selectors import reviews as review_selectors
from palermo.reviews.services import parallel as parallel_services


@login_required
@cached_page
def civil_society(request: HttpRequest, review_id: int) -> HttpResponse:
    user = acting_user(request)
    review = review_selectors.review_get(user=user, review_id=review_id)
    require(permissions.can_open_civil_society(user, review))
    can_submit = permissions.can_submit_parallel(user, review)
    can_consolidate = permissions.can_consolidate(user, review)
    articles = [a.article for a in review.answers.select_related("article__instrument")]
    submission = parallel_selectors.own_submission(user=user, review=review)
    status = HTTPStatus.OK
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in {"save", "submit"}:
                values = {
                    article: {
                        field: request.POST.get(f"{article.pk}-{field}", "")
                        for field in ("assessment", "evidence", "sources", "recommendations")
                    }
                    for article in articles
                }
                submission = parallel_services.parallel_save(
                    actor=user, review=review, assessments=values
                )
                if action == "submit":
                    parallel_services.parallel_submit(actor=user, submission=submission)
                    flash.success(
                        request, _("Your organisation's assessment was sent to the coordinator.")
                    )
                else:
                    flash.success(request, _("Your draft was saved."))
            elif action == "consolidate":
                article = next(a for a in articles if str(a.pk) == request.POST.get("article"))
                parallel_services.consolidation_save(
                    actor=user,
                    review=review,
                    article=article,
                    **{
                        f: request.POST.get(f, "")
                        for f in ("assessment", "summary", "evidence", "recommendations")
                    },
                )
                flash.success(
                    request,
                    _("The consolidated assessment of %(article)s was saved.")
                    % {"article": article.code},
                )
                return redirect(request.path + f"#consolidate-{article.pk}")
        except ConflictError as error:
            # Said on the page it was refused on, with the status the API gives (409).
            flash.error(request, str(error))
            status = HTTPStatus.CONFLICT
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
        if status != HTTPStatus.CONFLICT:
            return redirect(request.path)
    mine = {a.article_id: a for a in submission.assessments.all()} if submission else {}
    context = {
        "review": review,
        "submission": submission,
        "editable": can_submit
        and (submission is None or submission.status == ParallelSubmission.Status.DRAFT),
        "rows": [(article, mine.get(article.pk)) for article in articles],
        "assessments": Assessment.choices,
        "can_consolidate": can_consolidate,
        "submissions": parallel_selectors.submissions_visible(user=user, review=review)
        if can_consolidate
        else [],
        "consolidation": parallel_selectors.consolidation_rows(review) if can_consolidate else [],
        "shared_answers": [
            a
            for a in answer_selectors.answer_list(user=user, review=review)
            if a.shared_with_civil_society
        ],
    }
    return render(request, "reviews/civil_society.html", context, status=status)


@login_required
@cached_page
def side_by_side(request: HttpRequest, review_id: int) -> HttpResponse:
    user = acting_user(request)
    review = review_selectors.review_get(user=user, review_id=review_id)
    rows = parallel_selectors.side_by_side(user=user, review=review)
    summary = {
        "agree": sum(1 for r in rows if r.agreement == "agree"),
        "disagree": sum(1 for r in rows if r.agreement == "disagree"),
        "open": sum(r.open_observations for r in rows),
    }
    return render(
        request, "reviews/side_by_side.html", {"review": review, "rows": rows, "summary": summary}
    )
