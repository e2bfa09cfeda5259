from django.contrib import admin

from palermo.core.admin import AuditedAdminMixin
from palermo.tracking.models import ActionPlan, Recommendation


@admin.register(Recommendation)
class RecommendationAdmin(AuditedAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("reference", "title", "source", "status", "country")
    list_filter = ("source", "status", "country")
    search_fields = ("title", "text", "reference")


@admin.register(ActionPlan)
class ActionPlanAdmin(AuditedAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "owner", "starts_on", "ends_on", "country")
