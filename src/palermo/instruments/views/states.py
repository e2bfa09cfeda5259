from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core.http import acting_user
from palermo.core.lists import Column, list_context
from palermo.instruments import permissions
from palermo.instruments.forms import RatificationForm, StateForm
from palermo.instruments.models import Instrument, RegionalGroup
from palermo.instruments.selectors import states as state_selectors
from palermo.instruments.services import states as state_services

COLUMNS = [
    Column("name", gettext_lazy("State"), "name"),
    Column("iso3", gettext_lazy("Code"), "iso3"),
    Column("group", gettext_lazy("UN regional group"), "regional_group"),
    Column("parties", gettext_lazy("Party to")),
]


def state_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    group = request.GET.get("group", "")
    party_to = request.GET.get("party_to", "")
    states = state_selectors.state_list(search=search, regional_group=group, party_to=party_to)
    states = states.prefetch_related("ratifications__instrument")
    context = list_context(request, states, COLUMNS, "name")
    context.update(
        search=search,
        group=group,
        party_to=party_to,
        groups=RegionalGroup.choices,
        instruments=Instrument.objects.all(),
    )
    return render(request, "instruments/state_list.html", context)


def state_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    state = state_selectors.state_get(iso3)
    can_edit = permissions.can_edit_reference(request.user)
    which = request.POST.get("form")
    state_form = StateForm(
        request.POST if which == "state" else None, initial={"regional_group": state.regional_group}
    )
    ratification_form = RatificationForm(request.POST if which == "ratification" else None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        actor = acting_user(request)
        if state_form.is_bound and state_form.is_valid():
            state_services.state_update(actor=actor, state=state, **state_form.cleaned_data)
            flash.success(request, _("The regional group was saved."))
            return redirect(state)
        if ratification_form.is_bound and ratification_form.is_valid():
            data = ratification_form.cleaned_data
            try:
                state_services.ratification_set(
                    actor=actor,
                    state=state,
                    instrument=data["instrument"],
                    signed=data["signed"] or None,
                    ratified=data["ratified"] or None,
                    is_party=data["is_party"],
                    kind=data["kind"],
                    reservations=data["reservations"],
                    note=data["note"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    target = field if field in ratification_form.fields else None
                    for message in errors:
                        ratification_form.add_error(target, message)
            else:
                flash.success(request, _("The ratification was saved."))
                return redirect(state)
    state_form.mark_errors()
    ratification_form.mark_errors()
    ratifications = {r.instrument_id: r for r in state.ratifications.all()}
    rows = [
        (
            instrument,
            ratifications.get(instrument.pk),
            state_selectors.party_status(state, instrument),
        )
        for instrument in Instrument.objects.all()
    ]
    return render(
        request,
        "instruments/state_detail.html",
        {
            "state": state,
            "rows": rows,
            "can_edit": can_edit,
            "state_form": state_form,
            "ratification_form": ratification_form,
        },
    )
