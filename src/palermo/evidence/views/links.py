"""Pages that link a statistic to a recommendation, an indicator or an article, and unlink it."""

import json

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from palermo.core.http import acting_user
from palermo.evidence import analysis, links, messages
from palermo.evidence.forms import LinkForm
from palermo.evidence.models import Dataset


def _add_errors(form: LinkForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error("source" if name in {"statistic", "release"} else None, errors)


def _initial(request: HttpRequest) -> dict[str, str]:
    """From the page that sent the reader here: its target, or its statistic and filters."""
    initial = {"target": request.GET.get("target", "")}
    if request.GET.get("release", "").isdigit():
        initial["source"] = f"release:{request.GET['release']}"
    dataset = Dataset.objects.filter(pk=request.GET.get("dataset") or 0).first()
    if dataset is not None and request.GET.get("statistic"):
        initial["source"] = f"statistic:{dataset.pk}:{request.GET['statistic']}"
        values = {
            key.removeprefix("f."): request.GET.getlist(key)
            for key in request.GET
            if key.startswith("f.")
        }
        years = [request.GET.get(bound, "") for bound in ("year_from", "year_to")]
        filters = analysis.filters_from(
            dataset.kind,
            values,
            year_from=int(years[0]) if years[0].isdigit() else None,
            year_to=int(years[1]) if years[1].isdigit() else None,
        )
        initial["parameters"] = json.dumps(links.parameters_of(filters))
    return initial


@login_required
def link_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    data = request.POST if request.method == "POST" else None
    initial = _initial(request)
    current = links.target_get(user, (data or initial).get("target", ""))
    form = LinkForm(
        data,
        initial=initial,
        targets=links.target_choices(user, current),
        sources=links.source_choices(user),
    )
    if data is not None and form.is_valid():
        source = links.source_get(user, form.cleaned_data["source"])
        try:
            parameters = json.loads(form.cleaned_data["parameters"] or "{}")
        except ValueError:
            parameters = {}
        if current is None or source is None:
            form.add_error(None, messages.LINK_TARGET_UNKNOWN)
        else:
            dataset, statistic, release = source
            try:
                links.link_create(
                    actor=user,
                    target=current,
                    dataset=dataset,
                    statistic=statistic,
                    parameters=parameters if isinstance(parameters, dict) else {},
                    release=release,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                flash.success(request, _("The statistic is linked."))
                return redirect(links.target_url(current))
    form.mark_errors()
    return render(
        request,
        "evidence/link_form.html",
        {"form": form, "target": current, "filters": initial.get("parameters", "")},
    )


@login_required
def link_delete(request: HttpRequest, link_id: int) -> HttpResponse:
    user = acting_user(request)
    link = links.link_get(user, link_id)
    target_url = links.target_url(link.target)
    if request.method == "POST":
        links.link_delete(actor=user, link=link)
        flash.success(request, _("The statistic is no longer linked."))
        return redirect(target_url)
    shown = links.link_shown(user, link)
    return render(
        request,
        "evidence/link_delete.html",
        {"link": link, "shown": shown, "target_url": target_url},
    )
