"""Pages of statements delivered at events: text or file, with language and date."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core import uploads
from palermo.core.forms import BootstrapFormMixin
from palermo.core.http import acting_user
from palermo.core.models import User
from palermo.core.widgets import PickerSelect
from palermo.engagement import permissions
from palermo.engagement.models import (
    Organisation,
    Statement,
)
from palermo.engagement.selectors import events as event_selectors
from palermo.engagement.selectors.registry import organisation_list
from palermo.engagement.services import events as event_services
from palermo.engagement.views.event_forms import DATE_INPUT
from palermo.engagement.views.events import confirm, download, visible_event


class StatementForm(BootstrapFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        widget=PickerSelect(),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    delivered_on = forms.DateField(
        label=gettext_lazy("Delivered on"), widget=forms.DateInput(DATE_INPUT, "%Y-%m-%d")
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)
    text = forms.CharField(
        label=gettext_lazy("Text"), required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=format_lazy(
            "{} {}",
            gettext_lazy("Give the text, attach the file, or both."),
            uploads.upload_limit_help(),
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisation_list(user=user)
        if not permissions.is_registry_coordinator(user):
            organisations = organisations.filter(pk=user.organisation_id or 0)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


def _visible_statement(user: User, statement_id: int) -> Statement:
    return get_object_or_404(event_selectors.statement_list(user=user), pk=statement_id)


def _editable_statement(user: User, statement_id: int) -> Statement:
    statement = _visible_statement(user, statement_id)
    if not permissions.can_edit_statement(user, statement):
        raise PermissionDenied
    return statement


@login_required
def statement_create(request: HttpRequest, event_id: int) -> HttpResponse:
    user = acting_user(request)
    event = visible_event(user, event_id)
    if not permissions.can_add_statement(user, event, user.organisation):
        raise PermissionDenied
    initial = {"delivered_on": event.starts_on, "organisation": user.organisation_id}
    form = StatementForm(request.POST or None, request.FILES or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            statement = event_services.statement_create(
                actor=user, event=event, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The statement was added."))
            return redirect(statement)
    form.mark_errors()
    return render(request, "engagement/statement_form.html", {"form": form, "event": event})


@login_required
def statement_detail(request: HttpRequest, statement_id: int) -> HttpResponse:
    user = acting_user(request)
    statement = _visible_statement(user, statement_id)
    context = {
        "statement": statement,
        "event": statement.event,
        "can_edit": permissions.can_edit_statement(user, statement),
    }
    return render(request, "engagement/statement_detail.html", context)


@login_required
def statement_edit(request: HttpRequest, statement_id: int) -> HttpResponse:
    user = acting_user(request)
    statement = _editable_statement(user, statement_id)
    initial = {
        name: getattr(statement, name)
        for name in ("organisation", "title", "delivered_on", "language", "text")
    }
    form = StatementForm(request.POST or None, request.FILES or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event_services.statement_update(actor=user, statement=statement, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The statement was saved."))
            return redirect(statement)
    form.mark_errors()
    context = {"form": form, "event": statement.event, "statement": statement}
    return render(request, "engagement/statement_form.html", context)


@login_required
def statement_delete(request: HttpRequest, statement_id: int) -> HttpResponse:
    user = acting_user(request)
    statement = _editable_statement(user, statement_id)
    event = statement.event
    if request.method == "POST":
        event_services.statement_delete(actor=user, statement=statement)
        flash.success(request, _("The statement was deleted."))
        return redirect(event.get_absolute_url() + "#pane-statements")
    return confirm(
        request,
        event=event,
        heading=_("Delete the statement “%(title)s”?") % {"title": statement.title},
        message=_("The statement's text and its file are deleted. This cannot be undone."),
        button=_("Delete the statement"),
        cancel_url=statement.get_absolute_url(),
    )


@login_required
def statement_file(request: HttpRequest, statement_id: int) -> FileResponse:
    user = acting_user(request)
    statement = _visible_statement(user, statement_id)
    return download(statement.file, actor=user, obj=statement)
