"""Pages of alliances: members on any date, joining and leaving, growth by year."""

import datetime

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.http import acting_user
from palermo.core.pagecache import cached_page
from palermo.engagement import permissions
from palermo.engagement.forms import (
    AllianceForm,
    MembershipEndForm,
    MembershipFigureForm,
    MembershipForm,
)
from palermo.engagement.models import Alliance, Membership, MembershipFigure
from palermo.engagement.selectors import alliances as alliance_selectors
from palermo.engagement.selectors import registry as registry_selectors
from palermo.engagement.services import alliances as alliance_services


def _visible_alliance(request: HttpRequest, alliance_id: int) -> Alliance:
    return get_object_or_404(alliance_selectors.alliance_list(user=request.user), pk=alliance_id)


@login_required
@cached_page
def alliance_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    today = timezone.localdate()
    alliances = [
        (alliance, alliance_selectors.member_count(alliance, today))
        for alliance in alliance_selectors.alliance_list(user=user)
    ]
    return render(
        request,
        "engagement/alliance_list.html",
        {"alliances": alliances, "can_create": permissions.can_manage_alliance(user)},
    )


def _day_from(request: HttpRequest) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()


@login_required
@cached_page
def alliance_detail(request: HttpRequest, alliance_id: int) -> HttpResponse:
    user = acting_user(request)
    alliance = _visible_alliance(request, alliance_id)
    can_manage = permissions.can_manage_alliance(user, alliance)
    day = _day_from(request)
    visible = registry_selectors.organisation_list(user=user)
    form = MembershipForm(
        request.POST or None,
        organisations=visible,
        people=registry_selectors.person_list(user=user).filter(organisation__isnull=True),
        initial={"joined_on": timezone.localdate()},
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                membership = alliance_services.membership_add(
                    actor=user, alliance=alliance, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                flash.success(request, _("%(member)s joined.") % {"member": membership})
                return redirect(alliance.get_absolute_url() + "#pane-members")
        form.mark_errors()
    members = alliance_selectors.members_on(alliance, day)
    return render(
        request,
        "engagement/alliance_detail.html",
        {
            "alliance": alliance,
            "day": day,
            "is_today": day == timezone.localdate(),
            "organisations": [m for m in members if m.organisation_id],
            "experts": [m for m in members if m.person_id],
            "count": alliance_selectors.member_count(alliance, day),
            "growth": alliance_selectors.year_end_counts(alliance, timezone.localdate()),
            "figures": alliance_selectors.membership_figures(alliance),
            "can_record_figures": permissions.can_record_membership_figures(user, alliance),
            "former": alliance.memberships.filter(left_on__isnull=False, left_on__lte=day)
            .select_related("organisation", "person")
            .order_by("-left_on"),
            "events": alliance.events.order_by("-starts_on")[:20],
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
def alliance_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.can_manage_alliance(user):
        raise PermissionDenied
    form = AllianceForm(
        request.POST or None,
        organisations=registry_selectors.organisation_list(user=user),
        initial={"coordinator": user.organisation_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            alliance = alliance_services.alliance_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("“%(name)s” was created.") % {"name": alliance.name})
            return redirect(alliance)
    form.mark_errors()
    return render(request, "engagement/alliance_form.html", {"form": form})


@login_required
def alliance_edit(request: HttpRequest, alliance_id: int) -> HttpResponse:
    user = acting_user(request)
    alliance = _visible_alliance(request, alliance_id)
    if not permissions.can_manage_alliance(user, alliance):
        raise PermissionDenied
    form = AllianceForm(
        request.POST or None,
        organisations=registry_selectors.organisation_list(user=user),
        initial={
            "name": alliance.name,
            "coordinator": alliance.coordinator_id,
            "founded_on": alliance.founded_on,
            "description": alliance.description,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            alliance_services.alliance_update(actor=user, alliance=alliance, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The changes were saved."))
            return redirect(alliance)
    form.mark_errors()
    return render(request, "engagement/alliance_form.html", {"form": form, "alliance": alliance})


@login_required
def membership_end(request: HttpRequest, membership_id: int) -> HttpResponse:
    user = acting_user(request)
    membership = get_object_or_404(
        Membership.objects.filter(
            alliance__in=alliance_selectors.alliance_list(user=user)
        ).select_related("alliance", "organisation", "person"),
        pk=membership_id,
    )
    if not permissions.can_manage_alliance(user, membership.alliance):
        raise PermissionDenied
    form = MembershipEndForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            alliance_services.membership_end(
                actor=user, membership=membership, left_on=form.cleaned_data["left_on"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("%(member)s left the alliance.") % {"member": membership})
            return redirect(membership.alliance.get_absolute_url() + "#pane-members")
    form.mark_errors()
    return render(
        request, "engagement/membership_end.html", {"form": form, "membership": membership}
    )


def _figures_url(alliance: Alliance) -> str:
    return alliance.get_absolute_url() + "#pane-growth"


def _editable_figure(request: HttpRequest, figure_id: int) -> MembershipFigure:
    user = acting_user(request)
    figure = get_object_or_404(
        MembershipFigure.objects.filter(
            alliance__in=alliance_selectors.alliance_list(user=user)
        ).select_related("alliance"),
        pk=figure_id,
    )
    if not permissions.can_record_membership_figures(user, figure.alliance):
        raise PermissionDenied
    return figure


@login_required
def membership_figure_create(request: HttpRequest, alliance_id: int) -> HttpResponse:
    user = acting_user(request)
    alliance = _visible_alliance(request, alliance_id)
    if not permissions.can_record_membership_figures(user, alliance):
        raise PermissionDenied
    form = MembershipFigureForm(
        request.POST or None, initial={"year": timezone.localdate().year - 1}
    )
    if request.method == "POST" and form.is_valid():
        try:
            figure = alliance_services.membership_figure_create(
                actor=user, alliance=alliance, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(
                request, _("The figures for %(year)s were recorded.") % {"year": figure.year}
            )
            return redirect(_figures_url(alliance))
    form.mark_errors()
    return render(
        request, "engagement/membership_figure_form.html", {"form": form, "alliance": alliance}
    )


@login_required
def membership_figure_edit(request: HttpRequest, figure_id: int) -> HttpResponse:
    user = acting_user(request)
    figure = _editable_figure(request, figure_id)
    form = MembershipFigureForm(
        request.POST or None,
        initial={
            name: getattr(figure, name) for name in alliance_services.MEMBERSHIP_FIGURE_FIELDS
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            alliance_services.membership_figure_update(
                actor=user, figure=figure, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            flash.success(request, _("The changes were saved."))
            return redirect(_figures_url(figure.alliance))
    form.mark_errors()
    return render(
        request,
        "engagement/membership_figure_form.html",
        {"form": form, "alliance": figure.alliance, "figure": figure},
    )


@login_required
def membership_figure_delete(request: HttpRequest, figure_id: int) -> HttpResponse:
    user = acting_user(request)
    figure = _editable_figure(request, figure_id)
    if request.method == "POST":
        alliance_services.membership_figure_delete(actor=user, figure=figure)
        flash.success(request, _("The figures for %(year)s were deleted.") % {"year": figure.year})
        return redirect(_figures_url(figure.alliance))
    return render(request, "engagement/membership_figure_delete.html", {"figure": figure})
