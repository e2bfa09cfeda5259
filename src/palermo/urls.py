from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import JavaScriptCatalog

from palermo.api import api
from palermo.core.views import errors
from palermo.core.views import search as search_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include("palermo.core.urls")),
    path("engagement/", include("palermo.engagement.urls")),
    path("instruments/", include("palermo.instruments.urls")),
    path("reviews/", include("palermo.reviews.urls")),
    path("tracking/", include("palermo.tracking.urls")),
    path("evidence/", include("palermo.evidence.urls")),
    path("networks/", include("palermo.networks.urls")),
    path("reports/", include("palermo.reports.urls")),
    path("portal/", include("palermo.portal.urls")),
    path("search/", search_views.search_page, name="search"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
)

handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
