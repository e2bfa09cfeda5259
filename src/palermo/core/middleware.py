from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from palermo.core.audit import audit_context


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
