import base64

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core import uploads
from palermo.core.audit import export_record
from palermo.core.exceptions import ConflictError
from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context
from palermo.core.models import AuditEvent, User
from palermo.instruments import importers, permissions
from palermo.instruments.forms import ImportForm, LawForm, MappingForm, ProvisionForm
from palermo.instruments.models import Provision, ProvisionArticle, State
from palermo.instruments.selectors import instruments as instrument_selectors
from palermo.instruments.selectors import legislation as legislation_selectors
from palermo.instruments.services import legislation as legislation_services
from palermo.instruments.views.common import user_state

COLUMNS = [
    Column("title", gettext_lazy("Title"), "title"),
    Column("year", gettext_lazy("Year"), "year"),
    Column("kind", gettext_lazy("Type"), "kind"),
    Column("status", gettext_lazy("Status"), "status"),
    Column("provisions", gettext_lazy("Provisions"), "provision_count"),
    Column("mappings", gettext_lazy("Mapped articles"), "mapping_count"),
]
IMPORT_SESSION_KEY = "legislation_import"


def _state_or_404(request: HttpRequest) -> State:
    state = user_state(request)
    if state is None:
        raise Http404(_("Choose a State."))
    return state


def law_list(request: HttpRequest) -> HttpResponse:
    state = user_state(request)
    search = request.GET.get("q", "").strip()
    laws = (
        legislation_selectors.law_list(state=state, search=search)
        if state
        else legislation_selectors.law_list().none()
    )
    context = list_context(request, laws, COLUMNS, "title")
    context.update(
        state=state,
        search=search,
        states=State.objects.filter(laws__isnull=False).distinct(),
        can_edit=state is not None and permissions.can_edit_legislation(request.user, state),
    )
    return render(request, "instruments/law_list.html", context)


@login_required
def law_create(request: HttpRequest) -> HttpResponse:
    state = _state_or_404(request)
    if not permissions.can_edit_legislation(request.user, state):
        raise PermissionDenied
    form = LawForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "file" or v}
        try:
            law = legislation_services.law_create(actor=acting_user(request), state=state, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("“%(title)s” was added.") % {"title": law.title})
            return redirect(law)
    form.mark_errors()
    return render(request, "instruments/law_form.html", {"form": form, "state": state, "law": None})


@login_required
def law_edit(request: HttpRequest, law_id: int) -> HttpResponse:
    law = legislation_selectors.law_get(law_id)
    if not permissions.can_edit_legislation(request.user, law.state):
        raise PermissionDenied
    initial = {name: getattr(law, name) for name in legislation_services.LAW_FIELDS}
    form = LawForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "file" or v}
        try:
            legislation_services.law_update(actor=acting_user(request), law=law, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The law was saved."))
            return redirect(law)
    form.mark_errors()
    return render(
        request, "instruments/law_form.html", {"form": form, "state": law.state, "law": law}
    )


def law_detail(request: HttpRequest, law_id: int) -> HttpResponse:
    law = legislation_selectors.law_get(law_id)
    can_edit = permissions.can_edit_legislation(request.user, law.state)
    which = request.POST.get("form")
    provision_form = ProvisionForm(request.POST if which == "provision" else None)
    mapping_form = MappingForm(request.POST if which == "mapping" else None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        actor = acting_user(request)
        if provision_form.is_bound and provision_form.is_valid():
            try:
                legislation_services.provision_create(
                    actor=actor, law=law, **provision_form.cleaned_data
                )
            except ValidationError as error:
                provision_form.add_error(None, error)
            else:
                flash.success(request, _("The provision was added."))
                return redirect(law)
        if mapping_form.is_bound and mapping_form.is_valid():
            data = mapping_form.cleaned_data
            provision = get_object_or_404(Provision, pk=data["provision"], law=law)
            try:
                article = instrument_selectors.article_get(data["article"].strip().lower())
            except Http404:
                mapping_form.add_error(
                    "article", _("There is no such article; write it like untoc:6.")
                )
            else:
                try:
                    legislation_services.mapping_add(
                        actor=actor, provision=provision, article=article, note=data["note"]
                    )
                except ConflictError as error:
                    mapping_form.add_error("article", str(error))
                else:
                    flash.success(
                        request,
                        _("%(provision)s now implements %(article)s.")
                        % {"provision": provision, "article": article.code},
                    )
                    return redirect(law)
        flash.error(request, _("Please correct the errors below."))
    provision_form.mark_errors()
    mapping_form.mark_errors()
    return render(
        request,
        "instruments/law_detail.html",
        {
            "law": law,
            "can_edit": can_edit,
            "can_delete": permissions.can_delete_law(request.user, law),
            "provision_form": provision_form,
            "mapping_form": mapping_form,
            "failed_provision": mapping_form.data.get("provision")
            if mapping_form.is_bound
            else None,
        },
    )


def law_file(request: HttpRequest, law_id: int) -> FileResponse:
    """The uploaded text of a law; every download is audited."""
    law = legislation_selectors.law_get(law_id)
    if not law.file:
        raise Http404(_("This law has no uploaded file."))
    export_record(
        actor=request.user if isinstance(request.user, User) else None,
        what=f"{law} ({law.file.name})",
        fmt=law.file.name.rsplit(".", 1)[-1].lower(),
        obj=law,
        action=AuditEvent.Action.DOWNLOAD,
    )
    return FileResponse(
        law.file.open("rb"), as_attachment=True, filename=law.file.name.rsplit("/", 1)[-1]
    )


@login_required
def law_delete(request: HttpRequest, law_id: int) -> HttpResponse:
    law = legislation_selectors.law_get(law_id)
    if not permissions.can_delete_law(request.user, law):
        raise PermissionDenied
    if request.method == "POST":
        title = law.title
        state = law.state
        legislation_services.law_delete(actor=acting_user(request), law=law)
        flash.success(request, _("“%(title)s” was deleted.") % {"title": title})
        return redirect(f"{reverse('instruments:law-list')}?state={state.iso3}")
    return render(request, "instruments/law_delete.html", {"law": law})


@login_required
def provision_delete(request: HttpRequest, provision_id: int) -> HttpResponse:
    provision = get_object_or_404(Provision.objects.select_related("law__state"), pk=provision_id)
    if not permissions.can_edit_legislation(request.user, provision.law.state):
        raise PermissionDenied
    if request.method == "POST":
        law = provision.law
        legislation_services.provision_delete(actor=acting_user(request), provision=provision)
        flash.success(request, _("The provision was deleted."))
        return redirect(law)
    return render(request, "instruments/provision_delete.html", {"provision": provision})


@login_required
def mapping_delete(request: HttpRequest, mapping_id: int) -> HttpResponse:
    mapping = get_object_or_404(
        ProvisionArticle.objects.select_related("provision__law__state", "article__instrument"),
        pk=mapping_id,
    )
    if not permissions.can_edit_legislation(request.user, mapping.provision.law.state):
        raise PermissionDenied
    if request.method == "POST":
        law = mapping.provision.law
        legislation_services.mapping_delete(actor=acting_user(request), mapping=mapping)
        flash.success(request, _("The mapping was removed."))
        return redirect(law)
    return render(request, "instruments/mapping_delete.html", {"mapping": mapping})


@login_required
def law_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview (per-row actions and errors) → confirm → result."""
    state = _state_or_404(request)
    if not permissions.can_edit_legislation(request.user, state):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored or stored["state"] != state.iso3:
            flash.error(request, _("The upload expired; please upload the file again."))
            return redirect(f"{request.path}?state={state.iso3}")
        content = base64.b64decode(stored["content"])
        try:
            plan = importers.commit_import(
                actor=acting_user(request),
                state=state,
                content=content,
                filename=stored["filename"],
            )
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
            return redirect(f"{request.path}?state={state.iso3}")
        del request.session[IMPORT_SESSION_KEY]
        return render(
            request,
            "instruments/law_import_done.html",
            {"plan": plan, "state": state, "filename": stored["filename"]},
        )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = importers.plan_import(
                actor=acting_user(request), state=state, content=upload, filename=upload.name
            )
            content = uploads.read_upload(upload, max_bytes=uploads.import_max_bytes())
        except ValidationError as error:
            form.add_error("file", error)
        else:
            request.session[IMPORT_SESSION_KEY] = {
                "state": state.iso3,
                "filename": upload.name,
                "content": base64.b64encode(content).decode(),
            }
            return render(
                request,
                "instruments/law_import_preview.html",
                {"plan": plan, "state": state, "filename": upload.name},
            )
    form.mark_errors()
    return render(request, "instruments/law_import.html", {"form": form, "state": state})
