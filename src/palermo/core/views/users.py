from typing import Any

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core import permissions
from palermo.core.exceptions import ConflictError
from palermo.core.forms import BootstrapFormMixin
from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context
from palermo.core.models import RoleGrant, User
from palermo.core.roles import Role
from palermo.core.selectors import audit as audit_selectors
from palermo.core.selectors import users as user_selectors
from palermo.core.services import users as user_services
from palermo.engagement.selectors.registry import organisation_list

COLUMNS = [
    Column("username", gettext_lazy("Username"), "username"),
    Column("name", gettext_lazy("Name"), "last_name"),
    Column("organisation", gettext_lazy("Organisation"), "organisation__name"),
    Column("roles", gettext_lazy("Roles")),
    Column("last_login", gettext_lazy("Last sign-in"), "last_login"),
    Column("status", gettext_lazy("Status"), "is_active"),
]


def require_user_manager(request: HttpRequest) -> User:
    user = acting_user(request)
    if not permissions.can_manage_users(user):
        raise PermissionDenied
    return user


class UserForm(BootstrapFormMixin, forms.Form):
    username = forms.RegexField(
        label=gettext_lazy("Username"),
        regex=r"^[\w.@+-]+$",
        max_length=150,
        help_text=gettext_lazy("Letters, digits and . @ + - _ only; used to sign in."),
    )
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150, required=False)
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        help_text=gettext_lazy("Needed to set a password through “Forgot your password?”."),
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=User.objects.none(), required=False
    )
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organisations: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class RoleGrantForm(BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    actor = require_user_manager(request)
    search = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    users = user_selectors.user_list(user=actor, search=search)
    if role == "none":
        users = users.filter(role_grants__isnull=True)
    elif role in Role.values:
        users = users.filter(role_grants__role=role).distinct()
    context = list_context(request, users, COLUMNS, "username")
    context.update(search=search, role=role, roles=Role.choices)
    return render(request, "core/user_list.html", context)


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    actor = require_user_manager(request)
    form = UserForm(request.POST or None, organisations=organisation_list(user=actor))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = user_services.user_create(
                actor=actor,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                organisation=data["organisation"],
                roles=tuple(Role(role) for role in data["roles"]),
            )
        except ConflictError as error:
            form.add_error("username", str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(
                request, _("The account “%(username)s” was created.") % {"username": user.username}
            )
            return redirect("user-detail", user_id=user.pk)
    form.mark_errors()
    return render(request, "core/user_form.html", {"form": form})


@login_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = require_user_manager(request)
    subject = get_object_or_404(user_selectors.user_list(user=actor), pk=user_id)
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_services.role_grant(actor=actor, user=subject, role=form.cleaned_data["role"])
        except ConflictError as error:
            form.add_error("role", str(error))
        else:
            flash.success(request, _("The role was granted."))
            return redirect("user-detail", user_id=subject.pk)
    form.mark_errors()
    history = audit_selectors.audit_event_list(user=actor).filter(
        object_type="core.user", object_id=str(subject.pk)
    )[:20]
    return render(
        request,
        "core/user_detail.html",
        {"subject": subject, "grants": subject.role_grants.all(), "form": form, "history": history},
    )


@login_required
def role_revoke(request: HttpRequest, user_id: int, grant_id: int) -> HttpResponse:
    actor = require_user_manager(request)
    subject = get_object_or_404(user_selectors.user_list(user=actor), pk=user_id)
    grant = get_object_or_404(RoleGrant, pk=grant_id, user=subject)
    if request.method == "POST":
        user_services.role_revoke(actor=actor, grant=grant)
        flash.success(request, _("The role was removed."))
        return redirect("user-detail", user_id=subject.pk)
    return render(request, "core/role_revoke.html", {"subject": subject, "grant": grant})
