from django.contrib import admin

from palermo.core.admin import AuditedAdminMixin
from palermo.engagement.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "country")
    list_filter = ("kind", "country")
    search_fields = ("name",)
