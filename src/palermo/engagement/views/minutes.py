"""Pages of minutes: the numbered decisions of a meeting and the action items they call for."""

from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core import exports
from palermo.core.forms import BootstrapFormMixin
from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context, sort_queryset
from palermo.core.pagecache import cached_page
from palermo.core.widgets import PickerSelect
from palermo.engagement import messages, permissions
from palermo.engagement.models import ActionItem, Decision, Event, Organisation, Person
from palermo.engagement.selectors import minutes as minutes_selectors
from palermo.engagement.services import minutes as minutes_services

COLUMNS = [
    Column("action", gettext_lazy("Action"), ""),
    Column("meeting", gettext_lazy("Meeting"), "decision__minutes__event__starts_on"),
    Column("owner", gettext_lazy("Owner"), "owner_name"),
    Column("due", gettext_lazy("Due on"), "due_on"),
    Column("status", gettext_lazy("Status"), "status_rank"),
]
STATUS_FILTERS = [
    ("active", gettext_lazy("Open or in progress")),
    *ActionItem.Status.choices,
]


class MinutesForm(BootstrapFormMixin, forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=gettext_lazy("What the meeting discussed, in a few paragraphs."),
    )


class DecisionForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=gettext_lazy("Decision"), widget=forms.Textarea({"rows": 3}))
    number = forms.IntegerField(
        label=gettext_lazy("Number"),
        required=False,
        min_value=1,
        max_value=32767,
        help_text=gettext_lazy("Leave empty to number it after the last decision."),
    )


class ActionItemForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=gettext_lazy("Action"), widget=forms.Textarea({"rows": 3}))
    owner_person = forms.ModelChoiceField(
        label=gettext_lazy("Owner (person)"),
        queryset=Person.objects.none(),
        required=False,
        widget=PickerSelect(),
    )
    owner_organisation = forms.ModelChoiceField(
        label=gettext_lazy("Owner (organisation)"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("Name a person, an organisation, or both."),
        widget=PickerSelect(),
    )
    due_on = forms.DateField(
        label=gettext_lazy("Due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(
        self,
        *args: Any,
        people: QuerySet[Person],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_person"].queryset = people  # type: ignore[attr-defined]
        self.fields["owner_organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("owner_person") and not cleaned.get("owner_organisation"):
            raise ValidationError(messages.ACTION_ITEM_NEEDS_OWNER)
        return cleaned


class StatusForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ActionItem.Status.choices)
    note = forms.CharField(
        label=gettext_lazy("Follow-up note"),
        widget=forms.Textarea({"rows": 3}),
        required=False,
        help_text=gettext_lazy("What was done, what stands in the way, what comes next."),
    )


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors next to the form's fields, the others at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _owner_form(
    request: HttpRequest, user: Any, event: Event, item: ActionItem | None = None
) -> ActionItemForm:
    initial = {}
    if item is not None:
        initial = {
            "text": item.text,
            "owner_person": item.owner_person_id,
            "owner_organisation": item.owner_organisation_id,
            "due_on": item.due_on,
        }
    return ActionItemForm(
        request.POST or None,
        initial=initial,
        people=minutes_selectors.owner_people(user=user, event=event),
        organisations=minutes_selectors.owner_organisations(user=user, event=event),
    )


@login_required
def minutes_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    """The minutes of one meeting; coordinators record them, add and edit decisions here."""
    user = acting_user(request)
    event = minutes_selectors.event_get(user=user, event_id=event_id)
    minutes = minutes_selectors.minutes_get(event=event)
    can_record = permissions.can_record_minutes(user, event)
    minutes_form = MinutesForm(initial={"summary": minutes.summary if minutes else ""})
    decision_form = DecisionForm(prefix="decision")
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "decision" and minutes is None:
            raise Http404("Record the minutes before their decisions.")
        try:
            if action == "decision" and minutes is not None:
                decision_form = DecisionForm(request.POST, prefix="decision")
                if decision_form.is_valid():
                    decision = minutes_services.decision_add(
                        actor=user, minutes=minutes, **decision_form.cleaned_data
                    )
                    flash.success(
                        request, _("Decision %(number)s was added.") % {"number": decision.number}
                    )
                    return redirect(minutes.get_absolute_url() + "#decisions")
            else:
                minutes_form = MinutesForm(request.POST)
                if minutes_form.is_valid():
                    summary = minutes_form.cleaned_data["summary"]
                    if minutes is None:
                        minutes_services.minutes_record(actor=user, event=event, summary=summary)
                        flash.success(request, _("The minutes were recorded."))
                    else:
                        minutes_services.minutes_update(
                            actor=user, minutes=minutes, summary=summary
                        )
                        flash.success(request, _("The summary was saved."))
                    return redirect("engagement:minutes-detail", event.pk)
        except ValidationError as error:
            add_errors(decision_form if action == "decision" else minutes_form, error)
        minutes_form.mark_errors()
        decision_form.mark_errors()
    return render(
        request,
        "engagement/minutes_detail.html",
        {
            "event": event,
            "minutes": minutes,
            "decisions": list(minutes.decisions.all()) if minutes else [],
            "can_record": can_record,
            "minutes_form": minutes_form,
            "decision_form": decision_form,
        },
    )


def _decision(request: HttpRequest, decision_id: int) -> tuple[Any, Decision]:
    user = acting_user(request)
    decision = minutes_selectors.decision_get(user=user, decision_id=decision_id)
    if not permissions.can_record_minutes(user, decision.minutes.event):
        raise PermissionDenied
    return user, decision


@login_required
def decision_edit(request: HttpRequest, decision_id: int) -> HttpResponse:
    user, decision = _decision(request, decision_id)
    form = DecisionForm(
        request.POST or None, initial={"text": decision.text, "number": decision.number}
    )
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        if fields["number"] is None:
            fields["number"] = decision.number
        try:
            minutes_services.decision_update(actor=user, decision=decision, **fields)
        except ValidationError as error:
            add_errors(form, error)
        else:
            flash.success(request, _("The decision was saved."))
            return redirect(decision.minutes.get_absolute_url() + "#decisions")
    form.mark_errors()
    return render(request, "engagement/decision_form.html", {"decision": decision, "form": form})


@login_required
def decision_delete(request: HttpRequest, decision_id: int) -> HttpResponse:
    user, decision = _decision(request, decision_id)
    if request.method == "POST":
        minutes_services.decision_delete(actor=user, decision=decision)
        flash.success(request, _("The decision was deleted."))
        return redirect(decision.minutes.get_absolute_url() + "#decisions")
    return render(
        request,
        "engagement/decision_confirm_delete.html",
        {"decision": decision, "action_items": decision.action_items.count()},
    )


@login_required
def action_item_create(request: HttpRequest, decision_id: int) -> HttpResponse:
    user, decision = _decision(request, decision_id)
    form = _owner_form(request, user, decision.minutes.event)
    if request.method == "POST" and form.is_valid():
        try:
            minutes_services.action_item_create(actor=user, decision=decision, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            flash.success(request, _("The action item was added."))
            return redirect(decision.minutes.get_absolute_url() + "#decisions")
    form.mark_errors()
    return render(request, "engagement/action_item_form.html", {"decision": decision, "form": form})


@login_required
def action_item_edit(request: HttpRequest, action_item_id: int) -> HttpResponse:
    user = acting_user(request)
    item = minutes_selectors.action_item_get(user=user, action_item_id=action_item_id)
    event = item.decision.minutes.event
    if not permissions.can_record_minutes(user, event):
        raise PermissionDenied
    form = _owner_form(request, user, event, item)
    if request.method == "POST" and form.is_valid():
        try:
            minutes_services.action_item_update(actor=user, item=item, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            flash.success(request, _("The action item was saved."))
            return redirect(item.get_absolute_url())
    form.mark_errors()
    return render(
        request,
        "engagement/action_item_form.html",
        {"decision": item.decision, "item": item, "form": form},
    )


@login_required
def action_item_detail(request: HttpRequest, action_item_id: int) -> HttpResponse:
    """One action item: its status, who owns it, and the follow-up notes; owners report here."""
    user = acting_user(request)
    item = minutes_selectors.action_item_get(user=user, action_item_id=action_item_id)
    can_update = permissions.can_update_action_item(user, item)
    form = StatusForm(request.POST or None, initial={"status": item.status})
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        if form.is_valid():
            try:
                minutes_services.action_item_set_status(actor=user, item=item, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                flash.success(request, _("The action item was updated."))
                return redirect(item.get_absolute_url())
        form.mark_errors()
    return render(
        request,
        "engagement/action_item_detail.html",
        {
            "item": item,
            "event": item.decision.minutes.event,
            "notes": minutes_selectors.action_item_notes(item=item),
            "form": form,
            "can_update": can_update,
            "read_only_reason": "" if can_update else messages.ACTION_ITEM_READ_ONLY,
            "can_edit": permissions.can_record_minutes(user, item.decision.minutes.event),
        },
    )


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _action_items(request: HttpRequest, *, mine_default: bool) -> HttpResponse:
    user = acting_user(request)
    status = request.GET.get("status", "")
    if status not in {value for value, _label in STATUS_FILTERS}:
        status = ""
    overdue = request.GET.get("overdue") == "1"
    mine = mine_default or request.GET.get("mine") == "1"
    organisation_id = _int_or_none(request.GET.get("organisation"))
    event_id = _int_or_none(request.GET.get("event"))
    items = minutes_selectors.action_item_list(
        user=user,
        status=status,
        owner_organisation_id=organisation_id,
        overdue=overdue,
        mine=mine,
        event_id=event_id,
    )
    fmt = exports.requested_format(request)
    if fmt is not None:
        return _action_items_export(request, sort_queryset(request, items, COLUMNS, "due")[0], fmt)
    context = list_context(request, items, COLUMNS, "due")
    context.update(
        exports.export_urls(request),
        mine_page=mine_default,
        status=status,
        statuses=STATUS_FILTERS,
        overdue=overdue,
        mine=mine,
        organisation_id=organisation_id,
        organisations=minutes_selectors.organisations_with_action_items(user=user),
        event_id=event_id,
        filtered=bool(
            status or overdue or organisation_id or event_id or (mine and not mine_default)
        ),
    )
    return render(request, "engagement/action_item_list.html", context)


def _action_items_export(
    request: HttpRequest, items: QuerySet[ActionItem], fmt: str
) -> HttpResponse:
    """The filtered action items, all of them, as a spreadsheet: one row per item."""
    headers = [
        _("Action"),
        _("Meeting"),
        _("Meeting date"),
        _("Decision"),
        _("Owner (person)"),
        _("Owner (organisation)"),
        _("Due on"),
        _("Status"),
        _("Overdue"),
        _("Completed on"),
        _("Link"),
    ]
    rows = (
        [
            item.text,
            item.decision.minutes.event.title,
            item.decision.minutes.event.starts_on,
            item.decision.number,
            item.owner_person.name if item.owner_person else "",
            item.owner_organisation.name if item.owner_organisation else "",
            item.due_on,
            item.get_status_display(),
            _("yes") if item.overdue else _("no"),
            item.completed_on,
            request.build_absolute_uri(item.get_absolute_url()),
        ]
        for item in items
    )
    return exports.table_response(
        actor=acting_user(request),
        what=exports.list_what(request, "Action items"),
        object_type="engagement.actionitem",
        filename=f"action-items-{timezone.localdate().isoformat()}",
        headers=headers,
        rows=rows,
        fmt=fmt,
        sheet_title=_("Action items"),
    )


@login_required
@cached_page
def action_item_list(request: HttpRequest) -> HttpResponse:
    return _action_items(request, mine_default=False)


@login_required
@cached_page
def my_action_items(request: HttpRequest) -> HttpResponse:
    return _action_items(request, mine_default=True)
