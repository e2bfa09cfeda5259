from django import forms
from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core.exceptions import ConflictError
from palermo.core.forms import BootstrapFormMixin
from palermo.core.http import acting_user
from palermo.core.selectors import tokens as token_selectors
from palermo.core.services import tokens as token_services


class TokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. “monthly KPI upload script”."),
    )
    days = forms.IntegerField(
        label=gettext_lazy("Expires after (days)"),
        min_value=1,
        max_value=365,
        initial=settings.PALERMO_TOKEN_DAYS,
    )


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = TokenForm(request.POST or None)
    new_token = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = token_services.token_create(
                actor=user,
                owner=user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenForm()
    form.mark_errors()
    return render(
        request,
        "core/token_list.html",
        {"form": form, "tokens": token_selectors.token_list(user=user), "new_token": new_token},
    )


@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = acting_user(request)
    token = get_object_or_404(token_selectors.token_list(user=user), pk=token_id)
    if request.method == "POST":
        try:
            token_services.token_revoke(actor=user, token=token)
        except ConflictError as error:
            flash.error(request, str(error))
        else:
            flash.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
        return redirect("token-list")
    return render(request, "core/token_revoke.html", {"token": token})
