from collections.abc import Callable

from django.contrib import messages as flash
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

from palermo.core import messages, uploads
from palermo.core.audit import audit_context
from palermo.core.dependants import dependants_message


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by clients and cannot be trusted here.
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    """Mark the writes made while serving a request with its channel and client address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = "api" if request.path.startswith("/api/") else "web"
        with audit_context(channel=channel, ip_address=client_ip(request)):
            return self.get_response(request)


class ApiJsonErrorsMiddleware:
    """Under /api/, turn any non-JSON error (405, CSRF failure, ...) into `{"detail": ...}`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            json_response = JsonResponse(
                {"detail": response.reason_phrase}, status=response.status_code
            )
            if response.has_header("Allow"):
                json_response["Allow"] = response["Allow"]
            return json_response
        return response


class UploadSizeMiddleware:
    """Refuse a request whose body is past the largest upload by its Content-Length, unread.

    The caps per kind of file (`core.uploads`) apply later; this one keeps a huge body from
    being received at all. 413 as JSON under /api/, as a page elsewhere.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = uploads.request_max_bytes_for(request.path)
        if length > limit:
            detail = messages.REQUEST_TOO_LARGE % {"max": uploads.megabytes(limit)}
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": detail}, status=413)
            # No session or user yet: a page that needs neither.
            page = loader.get_template("errors/413.html").render({"detail": detail})
            return HttpResponse(page, status=413)
        return self.get_response(request)


class RecordInUseMiddleware:
    """On pages, a delete refused because other records depend on it is told instead of a 500.

    The user goes back to the page they came from with the message naming what depends on the
    record; without a safe page to return to, the message is the answer (409).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ProtectedError | RestrictedError):
            return None
        text = dependants_message(exception)
        referer = request.headers.get("referer", "")
        if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            flash.error(request, text)
            return HttpResponseRedirect(referer)
        return HttpResponse(text, status=409, content_type="text/plain; charset=utf-8")
