from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from palermo.reports.models import GeneratedReport


@admin.register(GeneratedReport)
class GeneratedReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: reports change only through the services (request, task, publish)."""

    list_display = (
        "id",
        "kind",
        "fmt",
        "language",
        "status",
        "attempts",
        "heartbeat_at",
        "created_by",
        "created_at",
    )
    list_filter = ("kind", "fmt", "status", "published")
    search_fields = ("kind", "checksum", "created_by__username")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
