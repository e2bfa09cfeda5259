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
from palermo.core.forms import BootstrapFormMixin
from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context, sort_queryset
from palermo.core.models import User
from palermo.engagement.models import Organisation, Statement
from palermo.engagement.selectors.registry import organisation_list
from palermo.instruments.models import Article
from palermo.reviews.models import Observation
from palermo.tracking import messages, permissions
from palermo.tracking.models import (
    ActionPlan,
    Recommendation,
    RecommendationUpdate,
    SdgTarget,
    Status,
    Theme,
)
from palermo.tracking.selectors import recommendations as selectors
from palermo.tracking.services import recommendations as services

DATE_INPUT = {"type": "date"}
MULTIPLE_HELP = gettext_lazy("Hold Ctrl (⌘ on a Mac) to choose several.")
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
        "articles": Article.objects.select_related("instrument"),
        "bodies": organisation_list(user=user),
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
def recommendation_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = _filters(request)
    recommendations = selectors.recommendation_list(user=user, **filters)
    fmt = exports.requested_format(request)
    if fmt is not None:
        ordered = sort_queryset(request, recommendations, COLUMNS, "reference")[0]
        return _export(ordered, fmt)
    context = list_context(request, recommendations, COLUMNS, "reference")
    context.update(exports.export_urls(request))
    context.update(_filter_choices(user))
    context.update(
        filters=filters,
        filtered=any(filters.values()),
        query=request.GET.urlencode(),
        can_create=permissions.can_create_recommendation(user),
    )
    return render(request, "tracking/recommendation_list.html", context)


def _export(recommendations: QuerySet[Recommendation], fmt: str) -> HttpResponse:
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


class ProgressForm(BootstrapFormMixin, forms.Form):
    reported_on = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(DATE_INPUT, "%Y-%m-%d")
    )
    status = forms.ChoiceField(label=gettext_lazy("Status on that date"), choices=Status.choices)
    narrative = forms.CharField(
        label=gettext_lazy("What happened"), widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence_url = forms.URLField(
        label=gettext_lazy("Evidence (address)"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("A published law, report or decision that shows the progress."),
    )
    evidence_file = forms.FileField(
        label=gettext_lazy("Evidence (file)"),
        required=False,
        help_text=gettext_lazy("At most 20 MB."),
    )


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
    return FileResponse(handle, as_attachment=True, filename=name)


class TiesForm(BootstrapFormMixin, forms.Form):
    """Themes, articles, bodies, SDG targets and priority: what a recommendation is tied to."""

    priority = forms.ChoiceField(
        label=gettext_lazy("Priority"),
        choices=Recommendation.Priority.choices,
        initial=Recommendation.Priority.MEDIUM,
    )
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    articles = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Articles"),
        queryset=Article.objects.select_related("instrument"),
        required=False,
        help_text=MULTIPLE_HELP,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    responsible_bodies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Responsible bodies"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=MULTIPLE_HELP,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        label=gettext_lazy("SDG targets"),
        queryset=SdgTarget.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    TIES = ("priority", "themes", "articles", "responsible_bodies", "sdg_targets")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = self.fields["responsible_bodies"]
        bodies.queryset = organisation_list(user=user)  # type: ignore[attr-defined]


class RecommendationForm(TiesForm):
    reference = forms.CharField(
        label=gettext_lazy("Reference"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Its number within the source, for example TIP-3."),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Leave empty to use the first sentence of the text."),
    )
    text = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 5}))
    source = forms.ChoiceField(label=gettext_lazy("Source"), choices=Recommendation.Source.choices)
    statement = forms.ModelChoiceField(
        label=gettext_lazy("Statement"),
        queryset=Statement.objects.none(),
        required=False,
        help_text=gettext_lazy("When the source is a statement."),
    )
    observation = forms.ModelChoiceField(
        label=gettext_lazy("Review observation"),
        queryset=Observation.objects.none(),
        required=False,
        help_text=gettext_lazy("When the source is an observation of a review."),
    )
    action_plan = forms.ModelChoiceField(
        label=gettext_lazy("Action plan"),
        queryset=ActionPlan.objects.none(),
        required=False,
        help_text=gettext_lazy("When the source is an action plan."),
    )
    source_title = forms.CharField(
        label=gettext_lazy("Source document"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("When the source is a report or another document: its title."),
    )
    source_url = forms.URLField(
        label=gettext_lazy("Source address"), required=False, assume_scheme="https"
    )
    issued_on = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(DATE_INPUT, "%Y-%m-%d")
    )

    field_order = (*services.RECOMMENDATION_FIELDS, *TiesForm.TIES)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["statement"].queryset = selectors.linkable_statements(user)  # type: ignore[attr-defined]
        self.fields["observation"].queryset = selectors.linkable_observations(user)  # type: ignore[attr-defined]
        self.fields["action_plan"].queryset = selectors.linkable_plans(user)  # type: ignore[attr-defined]


def _initial(recommendation: Recommendation) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(recommendation, name) for name in services.RECOMMENDATION_FIELDS
    }
    for name in services.M2M_FIELDS:
        initial[name] = list(getattr(recommendation, name).all())
    return initial


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
    form = RecommendationForm(request.POST or None, user=user, initial=_initial(recommendation))
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


class ExtractForm(TiesForm):
    texts = forms.CharField(
        label=gettext_lazy("Recommendations"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy("One recommendation per line; numbers and bullets are removed."),
    )
    reference_prefix = forms.CharField(
        label=gettext_lazy("Reference prefix"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("References are numbered from it: TIP-1, TIP-2, …"),
    )
    field_order = ("texts", "reference_prefix")


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
