"""Pages of entity resolution: possible duplicates side by side, decisions and their undoing."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from palermo.core.http import acting_user
from palermo.networks import permissions
from palermo.networks.models import Judgement
from palermo.networks.selectors import collections as collection_selectors
from palermo.networks.selectors import resolution as selectors
from palermo.networks.services import resolution as services

PAIRS_PER_PAGE = 10
DONE: dict[str, str | Promise] = {
    Judgement.Verdict.POSITIVE.value: gettext_lazy("Merged: the two are now shown as one."),
    Judgement.Verdict.NEGATIVE.value: gettext_lazy(
        "Kept apart: the pair will not be proposed again."
    ),
    Judgement.Verdict.UNSURE.value: gettext_lazy(
        "Noted as unsure: the pair will not be proposed again."
    ),
}


@login_required
def duplicates(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )
    pairs = selectors.candidate_pairs(request.user, collection, where="page")
    page = Paginator(pairs, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "networks/resolution_duplicates.html",
        {
            "collection": collection,
            "page": page,
            "count": len(pairs),
            "can_resolve": permissions.can_resolve(request.user, collection),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_resolve
    )
    verdict = request.POST.get("verdict", "")
    try:
        score = float(request.POST.get("score", ""))
    except ValueError:
        score = None
    try:
        services.judgement_decide(
            actor=acting_user(request),
            collection=collection,
            left_id=request.POST.get("left", ""),
            right_id=request.POST.get("right", ""),
            verdict=verdict,
            score=score,
            reasons=request.POST.getlist("reason"),
        )
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
    else:
        flash.success(request, str(DONE.get(verdict, "")))
    return redirect(
        f"{collection.get_absolute_url()}duplicates/?page={request.POST.get('page', '1')}"
    )


@login_required
def decisions(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_read_entities
    )
    page = Paginator(selectors.judgements(collection), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "networks/resolution_decisions.html",
        {
            "collection": collection,
            "page": page,
            "rows": selectors.decision_rows(request.user, collection, page, where="page"),
            "can_resolve": permissions.can_resolve(request.user, collection),
        },
    )


@login_required
def undo(request: HttpRequest, collection_id: int, judgement_id: int) -> HttpResponse:
    collection = collection_selectors.collection_allowed(
        request.user, collection_id, permissions.can_resolve
    )
    judgement = get_object_or_404(collection.judgements, pk=judgement_id, undone_at__isnull=True)
    if request.method == "POST":
        try:
            services.judgement_undo(actor=acting_user(request), judgement=judgement)
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
        else:
            flash.success(request, _("The decision was undone."))
        return redirect("networks:resolution-decisions", collection.pk)
    (row,) = selectors.decision_rows(request.user, collection, [judgement], where="page")
    return render(
        request,
        "networks/resolution_undo.html",
        {"collection": collection, "judgement": judgement, "row": row},
    )
