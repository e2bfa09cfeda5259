"""Pages of the registry: organisations and people."""

from collections.abc import Iterable

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core import exports
from palermo.core.audit import contact_view_record
from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context, sort_queryset
from palermo.core.models import User
from palermo.core.pagecache import cached_page
from palermo.engagement import permissions
from palermo.engagement.forms import (
    OrganisationForm,
    PersonForm,
    organisation_initial,
    person_initial,
)
from palermo.engagement.models import Organisation, Person
from palermo.engagement.selectors import registry as registry_selectors
from palermo.engagement.services import registry as registry_services

ORGANISATION_COLUMNS = [
    Column("name", gettext_lazy("Name"), "name"),
    Column("kind", gettext_lazy("Kind"), "kind"),
    Column("themes", gettext_lazy("Sectors and themes")),
    Column("city", gettext_lazy("City"), "city"),
    Column("country", gettext_lazy("Country"), "country"),
]
PERSON_COLUMNS = [
    Column("name", gettext_lazy("Name"), "name"),
    Column("organisation", gettext_lazy("Organisation"), "organisation__name"),
    Column("title", gettext_lazy("Title or position"), "title"),
    Column("contact", gettext_lazy("Contact")),
]


def _visible_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    return get_object_or_404(
        registry_selectors.organisation_list(user=request.user), pk=organisation_id
    )


def _visible_person(request: HttpRequest, person_id: int) -> Person:
    return get_object_or_404(registry_selectors.person_list(user=request.user), pk=person_id)


def _with_contacts(
    user: User, people: Iterable[Person], *, where: str
) -> list[tuple[Person, registry_selectors.Contact]]:
    """Each person with the contact details this reader sees; the page's reads are audited."""
    rows = [
        (person, registry_selectors.person_contact(user=user, person=person)) for person in people
    ]
    contact_view_record(
        actor=user, people=[person for person, contact in rows if contact.shown], where=where
    )
    return rows


@login_required
@cached_page
def organisation_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = {
        "search": request.GET.get("q", "").strip(),
        "kind": request.GET.get("kind", ""),
        "theme": request.GET.get("theme", "").strip(),
        "city": request.GET.get("city", "").strip(),
    }
    organisations = registry_selectors.organisation_list(user=user, **filters)
    context = list_context(request, organisations, ORGANISATION_COLUMNS, "name")
    context.update(
        filters,
        kinds=Organisation.Kind.choices,
        themes=registry_selectors.theme_list(),
        can_create=permissions.can_create_organisation(user),
    )
    return render(request, "engagement/organisation_list.html", context)


@login_required
@cached_page
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = acting_user(request)
    organisation = _visible_organisation(request, organisation_id)
    people = _with_contacts(user, organisation.people.all(), where=f"people of {organisation}")
    return render(
        request,
        "engagement/organisation_detail.html",
        {
            "organisation": organisation,
            "people": people,
            "memberships": organisation.memberships.select_related("alliance"),
            "branches": organisation.children.all(),
            "can_edit": permissions.can_edit_organisation(user, organisation),
            "can_add_person": permissions.can_create_person(user, organisation),
        },
    )


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.can_create_organisation(user):
        raise PermissionDenied
    form = OrganisationForm(
        request.POST or None,
        initial={"country": user.country, "kind": Organisation.Kind.CIVIL_SOCIETY},
        parents=registry_selectors.organisation_list(user=user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation = registry_services.organisation_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("“%(name)s” was added.") % {"name": organisation.name})
            return redirect(organisation)
    form.mark_errors()
    return render(request, "engagement/organisation_form.html", {"form": form})


@login_required
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = acting_user(request)
    organisation = _visible_organisation(request, organisation_id)
    if not permissions.can_edit_organisation(user, organisation):
        raise PermissionDenied
    form = OrganisationForm(
        request.POST or None,
        initial=organisation_initial(organisation),
        parents=registry_selectors.organisation_list(user=user).exclude(pk=organisation.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registry_services.organisation_update(
                actor=user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The changes were saved."))
            return redirect(organisation)
    form.mark_errors()
    return render(
        request, "engagement/organisation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
def organisation_delete(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = acting_user(request)
    organisation = _visible_organisation(request, organisation_id)
    if not permissions.can_edit_organisation(user, organisation):
        raise PermissionDenied
    if request.method == "POST":
        try:
            registry_services.organisation_delete(actor=user, organisation=organisation)
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
            return redirect(organisation)
        flash.success(request, _("“%(name)s” was deleted.") % {"name": organisation.name})
        return redirect("engagement:organisation-list")
    return render(request, "engagement/organisation_delete.html", {"organisation": organisation})


@login_required
@cached_page
def person_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    search = request.GET.get("q", "").strip()
    people = registry_selectors.person_list(user=user, search=search)
    fmt = exports.requested_format(request)
    if fmt is not None:
        ordered = sort_queryset(request, people, PERSON_COLUMNS, "name")[0]
        return _people_export(request, ordered, fmt)
    context = list_context(request, people, PERSON_COLUMNS, "name")
    context.update(exports.export_urls(request))
    context["rows"] = _with_contacts(user, context["object_list"], where="people list")
    context.update(search=search, can_create=permissions.can_create_person(user, None))
    return render(request, "engagement/person_list.html", context)


def _people_export(request: HttpRequest, people: QuerySet[Person], fmt: str) -> HttpResponse:
    """The people found, all of them; e-mail and phone only where the reader may see them."""
    user = acting_user(request)
    headers = [
        _("Name"),
        _("Organisation"),
        _("Title or position"),
        _("Expertise"),
        _("E-mail"),
        _("Phone"),
    ]
    rows = []
    for person in people:
        contact = registry_selectors.person_contact(user=user, person=person)
        rows.append(
            [
                person.name,
                person.organisation.name if person.organisation else _("Individual expert"),
                person.title,
                person.expertise,
                contact.email if contact.visible else "",
                contact.phone_display if contact.visible else "",
            ]
        )
    return exports.table_response(
        actor=user,
        what=exports.list_what(request, "People"),
        object_type="engagement.person",
        filename=f"people-{timezone.localdate().isoformat()}",
        headers=headers,
        rows=rows,
        fmt=fmt,
        sheet_title=_("People"),
    )


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    user = acting_user(request)
    person = _visible_person(request, person_id)
    ((_, contact),) = _with_contacts(user, [person], where="person page")
    return render(
        request,
        "engagement/person_detail.html",
        {
            "person": person,
            "contact": contact,
            "participations": person.participations.select_related("event"),
            "memberships": person.memberships.select_related("alliance"),
            "can_edit": permissions.can_edit_person(user, person),
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    organisation_id = request.GET.get("organisation") or None
    organisation = None
    if organisation_id and organisation_id.isdigit():
        organisation = _visible_organisation(request, int(organisation_id))
    if not permissions.can_create_person(user, organisation):
        raise PermissionDenied
    form = PersonForm(
        request.POST or None,
        initial={"organisation": organisation and organisation.pk, "country": user.country},
        organisations=_person_organisations(user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = registry_services.person_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("“%(name)s” was added.") % {"name": person.name})
            return redirect(person)
    form.mark_errors()
    return render(request, "engagement/person_form.html", {"form": form})


def _person_organisations(user: User) -> QuerySet[Organisation]:
    """Coordinators file people under any organisation; others under their own only."""
    organisations = registry_selectors.organisation_list(user=user)
    if permissions.is_registry_coordinator(user):
        return organisations
    return organisations.filter(pk=user.organisation_id or 0)


@login_required
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    user = acting_user(request)
    person = _visible_person(request, person_id)
    if not permissions.can_edit_person(user, person):
        raise PermissionDenied
    if request.method != "POST":
        # The form shows the e-mail and phone it edits.
        _with_contacts(user, [person], where="person edit form")
    form = PersonForm(
        request.POST or None,
        initial=person_initial(person),
        organisations=_person_organisations(user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registry_services.person_update(actor=user, person=person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The changes were saved."))
            return redirect(person)
    form.mark_errors()
    return render(request, "engagement/person_form.html", {"form": form, "person": person})


@login_required
def person_delete(request: HttpRequest, person_id: int) -> HttpResponse:
    user = acting_user(request)
    person = _visible_person(request, person_id)
    if not permissions.can_edit_person(user, person):
        raise PermissionDenied
    if request.method == "POST":
        try:
            registry_services.person_delete(actor=user, person=person)
        except ValidationError as error:
            flash.error(request, " ".join(error.messages))
            return redirect(person)
        flash.success(request, _("“%(name)s” was deleted.") % {"name": person.name})
        return redirect("engagement:person-list")
    return render(request, "engagement/person_delete.html", {"person": person})
