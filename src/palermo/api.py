"""The REST API at /api/v1/: assembles each app's router and turns every error into JSON."""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from palermo.core import messages, uploads
from palermo.core.api import router as core_router
from palermo.core.dependants import dependants_count, dependants_message
from palermo.core.exceptions import ConflictError
from palermo.core.services import tokens as token_services
from palermo.core.uploads import UploadTooLargeError
from palermo.engagement.api import router as engagement_router
from palermo.evidence.api import router as evidence_router
from palermo.instruments.api import router as instruments_router
from palermo.networks.api import router as networks_router
from palermo.reports.api import router as reports_router
from palermo.reviews.api import router as reviews_router
from palermo.tracking.api import router as tracking_router

logger = logging.getLogger(__name__)


class BearerTokenAuth(HttpBearer):
    """`Authorization: Bearer plm_…` with a personal access token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_services.token_authenticate(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Palermo API",
    version="1",
    description="Reviews of the UN Convention against Transnational Organized Crime.",
    auth=[BearerTokenAuth(), django_auth],
    urls_namespace="api",
)
api.add_router("/", core_router)
api.add_router("/", engagement_router)
api.add_router("/", instruments_router)
api.add_router("/", reviews_router)
api.add_router("/", tracking_router)
api.add_router("/", evidence_router)
api.add_router("/", networks_router)
api.add_router("/", reports_router)


def validation_detail(exc: ValidationError) -> list[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        return [
            {"loc": ["body", field], "msg": str(message), "type": "value_error"}
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    return [
        {"loc": ["body"], "msg": str(message), "type": "value_error"} for message in exc.messages
    ]


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or messages.NOT_ALLOWED}, status=403)


@api.exception_handler(ConflictError)
def conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(UploadTooLargeError)
def upload_too_large(request: HttpRequest, exc: UploadTooLargeError) -> HttpResponse:
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=413)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": validation_detail(exc)}, status=422)


# The handlers below are the net under the schemas: a bounded type refuses a bad value before any
# query runs, and these turn what still reaches the database into a clear answer instead of a 500.


@api.exception_handler(ProtectedError)
@api.exception_handler(RestrictedError)
def in_use(request: HttpRequest, exc: ProtectedError | RestrictedError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": dependants_message(exc), "dependants": dependants_count(exc)},
        status=409,
    )


def is_missing_value(exc: IntegrityError) -> bool:
    """Whether the database refused a NULL (PostgreSQL's SQLSTATE 23502, SQLite's message)."""
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == "23502" or "NOT NULL constraint" in str(exc)


@api.exception_handler(IntegrityError)
def integrity(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    logger.warning("Database refused a write in %s %s: %s", request.method, request.path, exc)
    if is_missing_value(exc):
        return api.create_response(request, {"detail": str(messages.VALUE_MISSING)}, status=422)
    return api.create_response(request, {"detail": str(messages.RECORD_CONFLICT)}, status=409)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.warning("Value out of range in %s %s: %s", request.method, request.path, exc)
    return api.create_response(request, {"detail": str(messages.VALUE_OUT_OF_RANGE)}, status=422)


@api.exception_handler(RequestDataTooBig)
def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = uploads.megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    detail = str(messages.REQUEST_TOO_LARGE) % {"max": limit}
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(SuspiciousOperation)
def suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    logger.warning("Suspicious request %s %s: %s", request.method, request.path, exc)
    return api.create_response(request, {"detail": str(messages.REQUEST_REFUSED)}, status=400)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unhandled error in %s %s", request.method, request.path)
    return api.create_response(request, {"detail": "Internal server error."}, status=500)
