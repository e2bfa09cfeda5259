"""Pages of recommendations: list, board, counts, detail with progress, forms, extraction."""

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core import exports
from palermo.core.audit import export_record
from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context, sort_queryset
from palermo.core.models import AuditEvent, User
from palermo.core.pagecache import cached_page
from palermo.engagement.selectors.registry import organisation_list
from palermo.tracking import messages, permissions
from palermo.tracking.models import (
    Recommendation,
    RecommendationUpdate,
    SdgTarget,
    Status,
    Theme,
)
from palermo.tracking.selectors import recommendations as selectors
from palermo.tracking.services import recommendations as services
from palermo.tracking.views.recommendation_forms import (
    ExtractForm,
    ProgressForm,
    RecommendationForm,
    recommendation_initial,
)

COLUMNS = [
    Column("reference", gettext_lazy("Reference"), "reference"),
    Column("title", gettext_lazy("Recommendation"), "title"),
    Column("source", gettext_lazy("Source"), "source"),
    Column("issued_on", gettext_lazy("Date"), "issued_on"),
    Column("priority", gettext_lazy("Priority"), "priority"),
    Column("status", gettext_lazy("Status"), "status"),
    Column("bodies", gettext_lazy("Responsible bodies")),
]


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _filters(request: HttpRequest) -> dict[str, Any]:
    """The list's filters from the query string (the names users see in shared links)."""
    get = request.GET
    return {
        "search": get.get("q", "").strip(),
        "source": get.get("source", ""),
        "status": get.get("status", ""),
        "priority": get.get("priority", ""),
        "theme": get.get("theme", ""),
        "article": get.get("article", "").strip(),
        "body": _int(get.get("body")),
        "sdg": get.get("sdg", ""),
        "year": _int(get.get("year")),
        "statement_id": _int(get.get("statement")),
        "observation_id": _int(get.get("observation")),
        "action_plan_id": _int(get.get("plan")),
    }


def _filter_choices(user: User) -> dict[str, Any]:
    return {
        "sources": Recommendation.Source.choices,
        "statuses": Status.choices,
        "priorities": Recommendation.Priority.choices,
        "themes": Theme.objects.all(),
        "articles": selectors.recommendation_filter_articles(user=user),
        "bodies": selectors.recommendation_filter_bodies(
            user=user, organisations=organisation_list(user=user)
        ),
        "sdg_targets": SdgTarget.objects.all(),
        "years": selectors.recommendation_years(user=user),
    }


def _visible(user: User, recommendation_id: int) -> Recommendation:
    return get_object_or_404(selectors.visible_recommendations(user), pk=recommendation_id)


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors next to their fields, or at the top when the form lacks one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@cached_page
def recommendation_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = _filters(request)
    recommendations = selectors.recommendation_list(user=user, **filters)
    fmt = exports.requested_format(request)
    if fmt is not None:
        ordered = sort_queryset(request, recommendations, COLUMNS, "reference")[0]
        return _export(request, ordered, fmt)
    # The page shows each recommendation's themes and bodies; its articles and SDG targets
    # are for the exports.
    shown = recommendations.prefetch_related(None).prefetch_related("themes", "responsible_bodies")
    context = list_context(request, shown, COLUMNS, "reference")
    context.update(exports.export_urls(request))
    context.update(_filter_choices(user))
    context.update(
        filters=filters,
        filtered=any(filters.values()),
        query=request.GET.urlencode(),
        can_create=permissions.can_create_recommendation(user),
    )
    return render(request, "tracking/recommendation_list.html", context)


def _export(
    request: HttpRequest, recommendations: QuerySet[Recommendation], fmt: str
) -> HttpResponse:
    headers = [
        _("Reference"),
        _("Title"),
        _("Text"),
        _("Source"),
        _("Source document"),
        _("Date"),
        _("Priority"),
        _("Status"),
        _("Themes"),
        _("Articles"),
        _("Responsible bodies"),
        _("SDG targets"),
    ]
    rows = [
        [
            item.reference,
            item.title,
            item.text,
            item.get_source_display(),
            str(item.statement or item.observation or item.action_plan or item.source_title),
            item.issued_on,
            item.get_priority_display(),
            item.get_status_display(),
            "; ".join(theme.name for theme in item.themes.all()),
            "; ".join(article.code for article in item.articles.all()),
            "; ".join(body.name for body in item.responsible_bodies.all()),
            "; ".join(target.code for target in item.sdg_targets.all()),
        ]
        for item in recommendations
    ]
    return exports.table_response(
        actor=acting_user(request),
        what=exports.list_what(request, "Recommendations"),
        object_type="tracking.recommendation",
        filename=f"recommendations-{timezone.localdate().isoformat()}",
        headers=headers,
        rows=rows,
        fmt=fmt,
        sheet_title=_("Recommendations"),
    )


@login_required
def recommendation_board(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = _filters(request)
    context = {
        "columns": selectors.recommendation_board(user=user, **filters),
        "filters": filters,
        "query": request.GET.urlencode(),
        "can_create": permissions.can_create_recommendation(user),
        **_filter_choices(user),
    }
    return render(request, "tracking/recommendation_board.html", context)


@login_required
def recommendation_counts(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = _filters(request)
    context = {
        "statuses": Status.choices,
        "by_theme": selectors.counts_by_theme(user=user, **filters),
        "by_body": selectors.counts_by_body(user=user, **filters),
        "totals": selectors.status_totals(user=user, **filters),
        "filters": filters,
        "query": request.GET.urlencode(),
        **_filter_choices(user),
    }
    return render(request, "tracking/recommendation_counts.html", context)


def _detail(
    request: HttpRequest,
    user: User,
    recommendation: Recommendation,
    progress_form: ProgressForm | None = None,
) -> HttpResponse:
    can_update = permissions.can_update_progress(user, recommendation)
    if progress_form is None and can_update:
        progress_form = ProgressForm(
            initial={"reported_on": timezone.localdate(), "status": recommendation.status}
        )
    context = {
        "recommendation": recommendation,
        "updates": selectors.recommendation_updates(recommendation),
        "measures": recommendation.measures.select_related("plan", "lead"),
        "history": selectors.recommendation_history(recommendation)[:100],
        "progress_form": progress_form,
        "active_tab": "progress" if progress_form is not None and progress_form.errors else "",
        "can_edit": permissions.can_edit_recommendation(user, recommendation),
        "can_update": can_update,
    }
    return render(request, "tracking/recommendation_detail.html", context)


@login_required
@cached_page
def recommendation_detail(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    user = acting_user(request)
    return _detail(request, user, _visible(user, recommendation_id))


@login_required
def recommendation_progress(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    user = acting_user(request)
    recommendation = _visible(user, recommendation_id)
    if not permissions.can_update_progress(user, recommendation):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(recommendation.get_absolute_url() + "#pane-progress")
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.recommendation_update_add(
                actor=user, recommendation=recommendation, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            flash.success(request, _("The progress update was added."))
            return redirect(recommendation.get_absolute_url() + "#pane-progress")
    form.mark_errors()
    return _detail(request, user, recommendation, form)


@login_required
def recommendation_evidence(request: HttpRequest, update_id: int) -> FileResponse:
    """An update's evidence file, for those who may see the recommendation."""
    user = acting_user(request)
    update = get_object_or_404(
        RecommendationUpdate.objects.filter(
            recommendation__in=selectors.visible_recommendations(user)
        ),
        pk=update_id,
    )
    if not update.evidence_file:
        raise Http404
    try:
        handle = update.evidence_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    name = update.evidence_file.name.rsplit("/", 1)[-1]
    export_record(
        actor=user,
        what=f"Evidence of {update.recommendation} ({name})",
        fmt=name.rsplit(".", 1)[-1].lower(),
        obj=update,
        action=AuditEvent.Action.DOWNLOAD,
    )
    return FileResponse(handle, as_attachment=True, filename=name)


@login_required
def recommendation_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.can_create_recommendation(user):
        raise PermissionDenied
    initial: dict[str, Any] = {
        "issued_on": timezone.localdate(),
        "source": Recommendation.Source.REPORT,
    }
    observation_id = _int(request.GET.get("observation"))
    if observation_id is not None:
        observation = get_object_or_404(selectors.linkable_observations(user), pk=observation_id)
        initial.update(
            source=Recommendation.Source.OBSERVATION,
            observation=observation,
            text=observation.text,
            articles=[observation.article],
            reference=observation.article.code,
        )
    form = RecommendationForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = services.recommendation_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            flash.success(request, _("The recommendation was added."))
            return redirect(recommendation)
    form.mark_errors()
    return render(request, "tracking/recommendation_form.html", {"form": form})


@login_required
def recommendation_edit(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    user = acting_user(request)
    recommendation = _visible(user, recommendation_id)
    if not permissions.can_edit_recommendation(user, recommendation):
        raise PermissionDenied
    form = RecommendationForm(
        request.POST or None, user=user, initial=recommendation_initial(recommendation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_update(
                actor=user, recommendation=recommendation, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            flash.success(request, _("The changes were saved."))
            return redirect(recommendation)
    form.mark_errors()
    context = {"form": form, "recommendation": recommendation}
    return render(request, "tracking/recommendation_form.html", context)


@login_required
def recommendation_delete(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    user = acting_user(request)
    recommendation = _visible(user, recommendation_id)
    if not permissions.can_edit_recommendation(user, recommendation):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.recommendation_delete(actor=user, recommendation=recommendation)
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
            return redirect(recommendation)
        flash.success(request, _("The recommendation was deleted."))
        return redirect("tracking:recommendation-list")
    context = {"recommendation": recommendation, "measures": recommendation.measures.count()}
    return render(request, "tracking/recommendation_delete.html", context)


@login_required
def recommendation_extract(request: HttpRequest) -> HttpResponse:
    """Turn a statement's points into recommendations: write them, preview, then create."""
    user = acting_user(request)
    if not permissions.can_create_recommendation(user):
        raise PermissionDenied
    statement_id = _int(request.GET.get("statement"))
    if statement_id is None:
        raise Http404
    statement = get_object_or_404(selectors.linkable_statements(user), pk=statement_id)
    form = ExtractForm(
        request.POST or None,
        user=user,
        initial={"reference_prefix": services.statement_reference_prefix(statement)},
    )
    preview: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        texts = services.split_recommendations(data.pop("texts"))
        if not texts:
            form.add_error("texts", messages.EXTRACT_NOTHING)
        elif request.POST.get("action") == "create":
            try:
                created = services.recommendations_from_statement(
                    actor=user, statement=statement, texts=texts, **data
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                flash.success(
                    request,
                    _("%(count)s recommendations were created.") % {"count": len(created)},
                )
                return redirect(
                    reverse("tracking:recommendation-list") + f"?statement={statement.pk}"
                )
        else:
            prefix = data["reference_prefix"] or services.statement_reference_prefix(statement)
            first = Recommendation.objects.filter(statement=statement).count() + 1
            preview = [
                (f"{prefix}-{number}", text) for number, text in enumerate(texts, start=first)
            ]
    form.mark_errors()
    context = {
        "form": form,
        "statement": statement,
        "preview": preview,
        "existing": Recommendation.objects.filter(statement=statement).count(),
    }
    return render(request, "tracking/recommendation_extract.html", context)
