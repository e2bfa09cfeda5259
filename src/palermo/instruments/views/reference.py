from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from palermo.core.http import acting_user
from palermo.instruments import permissions
from palermo.instruments.forms import ArticleForm, ClusterForm, CompositionForm
from palermo.instruments.models import Instrument
from palermo.instruments.selectors import instruments as instrument_selectors
from palermo.instruments.selectors import legislation as legislation_selectors
from palermo.instruments.selectors import states as state_selectors
from palermo.instruments.services import instruments as instrument_services
from palermo.instruments.views.common import user_state


def instrument_list(request: HttpRequest) -> HttpResponse:
    state = user_state(request)
    instruments = [
        (instrument, state_selectors.party_status(state, instrument) if state else None)
        for instrument in instrument_selectors.instrument_list()
    ]
    return render(
        request, "instruments/instrument_list.html", {"instruments": instruments, "state": state}
    )


def instrument_detail(request: HttpRequest, code: str) -> HttpResponse:
    instrument = instrument_selectors.instrument_get(code)
    articles = instrument_selectors.article_list(instrument=instrument)
    return render(
        request,
        "instruments/instrument_detail.html",
        {"instrument": instrument, "articles": articles},
    )


def article_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    article = instrument_selectors.article_get(f"{code}:{number}")
    state = user_state(request)
    can_edit = permissions.can_edit_reference(request.user)
    form = ArticleForm(
        request.POST or None,
        initial={"summary": article.summary, "obligation": article.obligation},
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            instrument_services.article_update(
                actor=acting_user(request), **form.cleaned_data, article=article
            )
            flash.success(request, _("The article was updated."))
            return redirect(article)
    form.mark_errors()
    context = {
        "article": article,
        "state": state,
        "mappings": legislation_selectors.mappings_for_article(article, state) if state else [],
        "form": form if can_edit else None,
    }
    return render(request, "instruments/article_detail.html", context)


def cluster_list(request: HttpRequest) -> HttpResponse:
    clusters = [
        (cluster, instrument_selectors.cluster_is_complete(cluster))
        for cluster in instrument_selectors.cluster_list()
    ]
    return render(request, "instruments/cluster_list.html", {"clusters": clusters})


def cluster_detail(request: HttpRequest, number: int) -> HttpResponse:
    cluster = instrument_selectors.cluster_list().filter(number=number).first()
    if cluster is None:
        return render(request, "errors/404.html", status=404)
    can_edit = permissions.can_edit_reference(request.user)
    compositions = {c.instrument_id: c for c in cluster.compositions.all()}
    title_form = ClusterForm(
        request.POST if request.POST.get("form") == "title" else None,
        initial={"title": cluster.title, "title_confirmed": cluster.title_confirmed},
    )
    forms = []
    for instrument in Instrument.objects.all():
        composition = compositions.get(instrument.pk)
        bound = request.POST if request.POST.get("form") == instrument.code else None
        form = CompositionForm(
            bound,
            instrument=instrument,
            prefix=instrument.code,
            initial={
                "numbers": [
                    a.number for a in cluster.articles.all() if a.instrument_id == instrument.pk
                ],
                "is_confirmed": composition.is_confirmed if composition else False,
                "note": composition.note if composition else "",
            },
        )
        forms.append((instrument, composition, form))
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        actor = acting_user(request)
        if title_form.is_bound and title_form.is_valid():
            instrument_services.cluster_update(
                actor=actor, cluster=cluster, **title_form.cleaned_data
            )
            flash.success(request, _("The cluster was updated."))
            return redirect(cluster)
        for instrument, _composition, form in forms:
            if form.is_bound and form.is_valid():
                try:
                    instrument_services.cluster_composition_set(
                        actor=actor, cluster=cluster, instrument=instrument, **form.cleaned_data
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    flash.success(
                        request,
                        _("The articles of %(instrument)s were saved.")
                        % {"instrument": instrument},
                    )
                    return redirect(cluster)
    return render(
        request,
        "instruments/cluster_detail.html",
        {
            "cluster": cluster,
            "complete": instrument_selectors.cluster_is_complete(cluster),
            "forms": forms,
            "title_form": title_form,
            "can_edit": can_edit,
        },
    )
