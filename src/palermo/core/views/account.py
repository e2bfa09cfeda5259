from typing import Any

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from palermo.core import messages
from palermo.core.demo import DEMO_ACCOUNTS
from palermo.core.forms import BootstrapFormMixin
from palermo.core.services import users as user_services


def demo_accounts() -> list[dict[str, str]]:
    if not settings.PALERMO_DEMO:
        return []
    return [
        {"username": account.username, "role": str(account.role.label)} for account in DEMO_ACCOUNTS
    ]


class PalermoLoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["demo_accounts"] = demo_accounts()
        context["demo_password"] = settings.PALERMO_DEMO_PASSWORD if settings.PALERMO_DEMO else ""
        return context


def lockout(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any]
) -> HttpResponse:
    """What django-axes shows once an account is locked: the login page with the reason."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = auth_forms.AuthenticationForm(request)
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "lockout_message": messages.LOCKED_OUT % {"minutes": minutes},
            "demo_accounts": demo_accounts(),
            "demo_password": settings.PALERMO_DEMO_PASSWORD if settings.PALERMO_DEMO else "",
        },
        status=429,
    )


class AuditedPasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    def save(self, commit: bool = True) -> Any:  # noqa: FBT001, FBT002 - Django's signature
        return user_services.user_password_set(
            actor=self.user, user=self.user, password=self.cleaned_data["new_password1"]
        )


class AuditedSetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    def save(self, commit: bool = True) -> Any:  # noqa: FBT001, FBT002 - Django's signature
        return user_services.user_password_set(
            actor=None, user=self.user, password=self.cleaned_data["new_password1"]
        )


class BootstrapPasswordResetForm(BootstrapFormMixin, auth_forms.PasswordResetForm):
    pass


class PalermoPasswordResetView(auth_views.PasswordResetView):
    form_class = BootstrapPasswordResetForm


class PalermoPasswordChangeView(auth_views.PasswordChangeView):
    form_class = AuditedPasswordChangeForm


class PalermoPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = AuditedSetPasswordForm
