import pycountry
from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core.forms import BootstrapFormMixin
from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context
from palermo.engagement import permissions, selectors, services
from palermo.engagement.models import Organisation

COLUMNS = [
    Column("name", gettext_lazy("Name"), "name"),
    Column("kind", gettext_lazy("Kind"), "kind"),
    Column("country", gettext_lazy("Country"), "country"),
]


def country_choices() -> list[tuple[str, str]]:
    countries = sorted(pycountry.countries, key=lambda country: country.name)
    return [
        ("", _("International (no country)")),
        *((c.alpha_3, c.name) for c in countries),
    ]


class OrganisationForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Organisation.Kind.choices)
    country = forms.ChoiceField(
        label=gettext_lazy("Country"), choices=country_choices, required=False
    )


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    search = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    organisations = selectors.organisation_list(user=user, search=search, kind=kind)
    context = list_context(request, organisations, COLUMNS, "name")
    context.update(
        search=search,
        kind=kind,
        kinds=Organisation.Kind.choices,
        can_create=permissions.can_create_organisation(user),
    )
    return render(request, "engagement/organisation_list.html", context)


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.can_create_organisation(user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, initial={"country": user.country})
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("“%(name)s” was added.") % {"name": organisation.name})
            return redirect("engagement:organisation-list")
    form.mark_errors()
    return render(request, "engagement/organisation_form.html", {"form": form})
