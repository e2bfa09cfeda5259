"""Django's admin, for superusers; every write it makes still goes through the audit trail."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model
from django.http import HttpRequest

from palermo.core.audit import audit_created, audit_deleted, audit_record, diff, snapshot
from palermo.core.models import ApiToken, AuditEvent, RoleGrant, User


class AuditedAdminMixin:
    """Record the admin's saves and deletions in the audit trail, with before/after values."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:  # noqa: FBT001
        actor = request.user if isinstance(request.user, User) else None
        if not change:
            super().save_model(request, obj, form, change)  # type: ignore[misc]
            audit_created(actor=actor, obj=obj)
            return
        before = snapshot(type(obj).objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        changes = diff(before, snapshot(obj))
        if changes:
            audit_record(actor=actor, action=AuditEvent.Action.UPDATE, obj=obj, changes=changes)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        actor = request.user if isinstance(request.user, User) else None
        audit_deleted(actor=actor, obj=obj)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(User)
class PalermoUserAdmin(AuditedAdminMixin, UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "email", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("is_active", "is_staff", "is_superuser", "is_demo")
    fieldsets = (*UserAdmin.fieldsets, ("Palermo", {"fields": ("organisation", "is_demo")}))  # type: ignore[misc]


@admin.register(RoleGrant)
class RoleGrantAdmin(AuditedAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "role", "scope_type", "scope_id", "granted_at")
    list_filter = ("role",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "name", "prefix", "expires_at", "revoked_at")
    readonly_fields = (
        "user",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "actor_name", "action", "object_type", "object_repr", "channel")
    list_filter = ("action", "object_type", "channel")
    search_fields = ("actor_name", "object_repr")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
