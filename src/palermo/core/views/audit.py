import csv
import json
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.core import exports, permissions
from palermo.core.audit import export_record
from palermo.core.audit_labels import object_type_label
from palermo.core.forms import BootstrapFormMixin
from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context, query_with
from palermo.core.models import AuditEvent
from palermo.core.selectors import audit as audit_selectors
from palermo.core.spreadsheets import csv_text

COLUMNS = [
    Column("at", _("Time"), "at"),
    Column("actor", _("Who"), "actor_name"),
    Column("action", _("Action"), "action"),
    Column("object", _("What"), "object_type"),
    Column("changes", _("Changes")),
    Column("channel", _("From"), "channel"),
]
EXPORT_LIMIT = 100_000


class AuditFilterForm(BootstrapFormMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action")), *AuditEvent.Action.choices],
    )
    actor = forms.CharField(label=_("Who"), required=False, max_length=150)
    object_type = forms.ChoiceField(label=_("Kind of record"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = audit_selectors.audit_object_types()
        kinds = sorted(((t, object_type_label(t)) for t in types), key=lambda kind: kind[1])
        self.fields["object_type"].choices = [("", _("Any kind")), *kinds]  # type: ignore[attr-defined]


def filtered_events(request: HttpRequest, form: AuditFilterForm) -> QuerySet[AuditEvent]:
    data = form.cleaned_data if form.is_valid() else {}
    tz = timezone.get_current_timezone()
    since: date | None = data.get("since")
    until: date | None = data.get("until")
    return audit_selectors.audit_event_list(
        user=request.user,
        action=data.get("action", ""),
        actor=data.get("actor", ""),
        object_type=data.get("object_type", ""),
        since=datetime.combine(since, time.min, tz) if since else None,
        until=datetime.combine(until, time.max, tz) if until else None,
    )


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_audit_log(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    events = filtered_events(request, form)
    if request.GET.get("format") == "csv":
        return export_csv(request, events)
    context = list_context(request, events, COLUMNS, "-at")
    context.update(form=form, export_url=query_with(request, format="csv", page=None, sort=None))
    return render(request, "core/audit_list.html", context)


def export_csv(request: HttpRequest, events: QuerySet[AuditEvent]) -> HttpResponse:
    rows = events.order_by("at", "id")[:EXPORT_LIMIT]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="palermo-audit-log.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "time",
            "actor",
            "action",
            "object_type",
            "kind_of_record",
            "object_id",
            "object",
            "changes",
            "changed_fields",
            "channel",
            "ip_address",
            "country",
        ]
    )
    count = 0
    for event in rows:
        count += 1
        values = [
            event.at.isoformat(),
            event.actor_name,
            event.action,
            event.object_type,
            event.object_type_label,
            event.object_id,
            event.object_repr,
            json.dumps(event.changes, ensure_ascii=False),
            "; ".join(label for label, _name, _values in event.labelled_changes),
            event.channel,
            event.ip_address or "",
            event.country,
        ]
        # A username typed at a failed sign-in is anyone's text: it must not run in Excel.
        writer.writerow([csv_text(value) for value in values])
    export_record(
        actor=acting_user(request),
        what=exports.list_what(request, "Audit log"),
        fmt="csv",
        count=count,
        object_type="core.auditevent",
    )
    return response
