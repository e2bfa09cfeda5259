"""Pages of events: the list, the event with its participants, statements and attachments."""

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core import exports
from palermo.core.audit import export_record
from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context, sort_queryset
from palermo.core.models import AuditEvent, User
from palermo.core.pagecache import cached_page
from palermo.engagement import permissions
from palermo.engagement.models import (
    Attachment,
    Event,
)
from palermo.engagement.selectors import events as event_selectors
from palermo.engagement.services import events as event_services
from palermo.engagement.views.event_forms import (
    AttachmentForm,
    EventForm,
    ParticipantsForm,
    event_form_initial,
)

COLUMNS = [
    Column("starts_on", gettext_lazy("Date"), "starts_on"),
    Column("title", gettext_lazy("Title"), "title"),
    Column("kind", gettext_lazy("Kind"), "kind"),
    Column("place", gettext_lazy("Place")),
    Column("alliance", gettext_lazy("Alliance")),
]


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def visible_event(user: User, event_id: int) -> Event:
    return get_object_or_404(event_selectors.visible_events(user=user), pk=event_id)


def editable_event(user: User, event_id: int) -> Event:
    event = visible_event(user, event_id)
    if not permissions.can_edit_event(user, event):
        raise PermissionDenied
    return event


def confirm(request: HttpRequest, **context: Any) -> HttpResponse:
    """The page that asks before something is deleted and says what goes with it."""
    return render(request, "engagement/event_confirm.html", context)


def download(file: Any, *, actor: User, obj: Model) -> FileResponse:
    """A stored file handed out as it is; the download is audited."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    name = file.name.rsplit("/", 1)[-1]
    export_record(
        actor=actor,
        what=f"{obj} ({name})",
        fmt=name.rsplit(".", 1)[-1].lower(),
        obj=obj,
        action=AuditEvent.Action.DOWNLOAD,
    )
    return FileResponse(handle, as_attachment=True, filename=name)


@login_required
@cached_page
def event_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters: dict[str, Any] = {
        "kind": request.GET.get("kind", ""),
        "alliance_id": _int(request.GET.get("alliance")),
        "year": _int(request.GET.get("year")),
        "search": request.GET.get("q", "").strip(),
        "when": request.GET.get("when", ""),
    }
    events = event_selectors.event_list(user=user, **filters)
    fmt = exports.requested_format(request)
    if fmt is not None:
        return _events_export(
            request, sort_queryset(request, events, COLUMNS, "-starts_on")[0], fmt
        )
    context = list_context(request, events, COLUMNS, "-starts_on")
    context.update(
        exports.export_urls(request),
        filters=filters,
        filtered=any(filters.values()),
        kinds=Event.Kind.choices,
        alliances=event_selectors.event_alliances(user=user),
        years=event_selectors.event_years(user=user),
        can_create=permissions.can_create_event(user),
    )
    return render(request, "engagement/event_list.html", context)


def _events_export(request: HttpRequest, events: QuerySet[Event], fmt: str) -> HttpResponse:
    """The filtered events, all of them, as a spreadsheet: one row per event."""
    headers = [
        _("Starts on"),
        _("Ends on"),
        _("Start time"),
        _("End time"),
        _("Title"),
        _("Kind"),
        _("Venue"),
        _("City"),
        _("Held online"),
        _("Alliance"),
        _("Participants in person"),
        _("Participants online"),
        _("Link"),
        _("Date known to the"),
    ]
    rows = (
        [
            event.starts_on,
            event.ends_on,
            event.start_time,
            event.end_time,
            event.title,
            event.get_kind_display(),
            event.venue,
            event.city,
            _("yes") if event.online else _("no"),
            event.alliance.name if event.alliance else "",
            event.in_person_count,
            event.online_count,
            request.build_absolute_uri(event.get_absolute_url()),
            event.get_date_precision_display(),
        ]
        for event in events
    )
    filename = f"events-{timezone.localdate().isoformat()}"
    return exports.table_response(
        actor=acting_user(request),
        what=exports.list_what(request, "Events"),
        object_type="engagement.event",
        filename=filename,
        headers=headers,
        rows=rows,
        fmt=fmt,
        sheet_title=_("Events"),
    )


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.can_create_event(user):
        raise PermissionDenied
    form = EventForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_services.event_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("“%(title)s” was added.") % {"title": event.title})
            return redirect(event)
    form.mark_errors()
    return render(request, "engagement/event_form.html", {"form": form})


@login_required
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    user = acting_user(request)
    event = editable_event(user, event_id)
    form = EventForm(request.POST or None, user=user, initial=event_form_initial(event))
    if request.method == "POST" and form.is_valid():
        try:
            event_services.event_update(actor=user, event=event, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The event was saved."))
            return redirect(event)
    form.mark_errors()
    return render(request, "engagement/event_form.html", {"form": form, "event": event})


@login_required
def event_delete(request: HttpRequest, event_id: int) -> HttpResponse:
    user = acting_user(request)
    event = editable_event(user, event_id)
    if request.method == "POST":
        event_services.event_delete(actor=user, event=event)
        flash.success(request, _("“%(title)s” was deleted.") % {"title": event.title})
        return redirect("engagement:event-list")
    consequences = [
        _("%(count)s participants") % {"count": event.participants.count()},
        _("%(count)s statements, with their files") % {"count": event.statements.count()},
        _("%(count)s attachments") % {"count": event.attachments.count()},
        _("the minutes, their decisions and action items, if any"),
    ]
    return confirm(
        request,
        event=event,
        heading=_("Delete “%(title)s”?") % {"title": event.title},
        message=_("The event is deleted together with:"),
        consequences=consequences,
        button=_("Delete the event"),
        cancel_url=event.get_absolute_url(),
    )


def render_detail(
    request: HttpRequest,
    user: User,
    event: Event,
    *,
    participant_form: ParticipantsForm | None = None,
    attachment_form: AttachmentForm | None = None,
) -> HttpResponse:
    event = event_selectors.event_detail(event=event)
    can_edit = permissions.can_edit_event(user, event)
    context = {
        "event": event,
        "can_edit": can_edit,
        "can_add_statement": permissions.can_add_statement(user, event, user.organisation),
        "participants": event_selectors.participant_list(event=event),
        "statements": event_selectors.statement_list(user=user, event_id=event.pk),
        "attachments": event_selectors.attachment_list(event=event),
        "participant_form": participant_form or ParticipantsForm(user=user, event=event),
        "attachment_form": attachment_form or AttachmentForm(),
        "active_tab": "attachments" if attachment_form is not None else "participants",
    }
    return render(request, "engagement/event_detail.html", context)


@login_required
@cached_page
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    user = acting_user(request)
    return render_detail(request, user, visible_event(user, event_id))


@login_required
def participant_remove(request: HttpRequest, event_id: int, participant_id: int) -> HttpResponse:
    user = acting_user(request)
    event = editable_event(user, event_id)
    participant = get_object_or_404(event.participants.select_related("person"), pk=participant_id)
    if request.method == "POST":
        event_services.participant_remove(actor=user, participant=participant)
        flash.success(request, _("The participant was removed."))
        return redirect(event.get_absolute_url() + "#pane-participants")
    return confirm(
        request,
        event=event,
        heading=_("Remove %(name)s from the event?") % {"name": participant.person.name},
        message=_("The person stays in the registry; only their participation is removed."),
        button=_("Remove the participant"),
        cancel_url=event.get_absolute_url() + "#pane-participants",
    )


@login_required
def attachment_add(request: HttpRequest, event_id: int) -> HttpResponse:
    user = acting_user(request)
    event = editable_event(user, event_id)
    if request.method != "POST":
        return redirect(event.get_absolute_url() + "#pane-attachments")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            event_services.attachment_add(actor=user, event=event, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The attachment was uploaded."))
            return redirect(event.get_absolute_url() + "#pane-attachments")
    form.mark_errors()
    return render_detail(request, user, event, attachment_form=form)


def _visible_attachment(user: User, attachment_id: int) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("event"), pk=attachment_id)
    if not permissions.can_view_event(user, attachment.event):
        raise Http404
    return attachment


@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    user = acting_user(request)
    attachment = _visible_attachment(user, attachment_id)
    return download(attachment.file, actor=user, obj=attachment)


@login_required
def attachment_delete(request: HttpRequest, attachment_id: int) -> HttpResponse:
    user = acting_user(request)
    attachment = _visible_attachment(user, attachment_id)
    event = attachment.event
    if not permissions.can_edit_event(user, event):
        raise PermissionDenied
    back = event.get_absolute_url() + "#pane-attachments"
    if request.method == "POST":
        event_services.attachment_delete(actor=user, attachment=attachment)
        flash.success(request, _("The attachment was deleted."))
        return redirect(back)
    return confirm(
        request,
        event=event,
        heading=_("Delete the attachment “%(title)s”?") % {"title": attachment.title},
        message=_("The file is deleted from Palermo. This cannot be undone."),
        button=_("Delete the attachment"),
        cancel_url=back,
    )
