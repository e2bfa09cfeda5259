"""Indicators that take their values from a dataset."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.http import acting_user
from palermo.evidence import feeds, permissions
from palermo.evidence.forms import FeedForm
from palermo.evidence.selectors import datasets as dataset_selectors


@login_required
@require_POST
def feed_create(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_manage_dataset
    )
    form = FeedForm(request.POST, indicators=feeds.feedable_indicators(request.user))
    if not form.is_valid():
        flash.error(request, _("Choose an indicator and where its values come from."))
        return redirect(f"{dataset.get_absolute_url()}#feeds")
    try:
        feed = feeds.feed_create(
            actor=acting_user(request),
            indicator=form.cleaned_data["indicator"],
            dataset=dataset,
            statistic=form.cleaned_data["statistic"],
        )
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
    else:
        result = feed.last_result or {"recorded": 0, "held_back": 0}
        flash.success(
            request,
            _(
                "The indicator now takes its values from this dataset: %(recorded)s recorded, "
                "%(held_back)s held back below the threshold."
            )
            % result,
        )
    return redirect(f"{dataset.get_absolute_url()}#feeds")


@login_required
def feed_delete(request: HttpRequest, dataset_id: int, feed_id: int) -> HttpResponse:
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_manage_dataset
    )
    feed = get_object_or_404(dataset.feeds.select_related("indicator"), pk=feed_id)
    if request.method == "POST":
        feeds.feed_delete(actor=acting_user(request), feed=feed)
        flash.success(request, _("The indicator no longer takes its values from this dataset."))
        return redirect(f"{dataset.get_absolute_url()}#feeds")
    return render(request, "evidence/feed_delete.html", {"dataset": dataset, "feed": feed})
