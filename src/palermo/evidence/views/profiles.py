"""The Organized Crime Index profile page: a country beside its neighbours and region."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from palermo.core.exports import export_urls, requested_format, table_response
from palermo.core.http import acting_user
from palermo.evidence import permissions, profiles
from palermo.evidence.schema import Kind
from palermo.evidence.selectors import datasets as dataset_selectors
from palermo.evidence.statistics import DIMENSIONS
from palermo.evidence.statistics.labels import value_label


def _country(request: HttpRequest, default: str) -> str:
    code = request.GET.get("country", "").strip().upper()
    return code if len(code) == 3 and code.isalpha() else default


@login_required
def oc_profile(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = dataset_selectors.dataset_allowed(
        request.user, dataset_id, permissions.can_read_records
    )
    context: dict[str, object] = {"dataset": dataset}
    if dataset.kind != Kind.INDEX_SCORES or not dataset.versions.exists():
        return render(request, "evidence/oc_profile.html", context)
    version = dataset_selectors.version_get(dataset, None)
    country = _country(request, getattr(request.user, "country", "") or dataset.country or "PAK")
    fmt = requested_format(request)
    profile = profiles.oc_profile(
        request.user, version, country, where="profile download" if fmt else "profile page"
    )
    headers, rows = profile.table()
    name = value_label(DIMENSIONS[Kind.INDEX_SCORES]["country"], country)
    if fmt:
        return table_response(
            actor=acting_user(request),
            what=f"{_('Organized Crime Index profile')} {name} — {version}",
            object_type="evidence.statistic",
            filename=slugify(f"{dataset.name}-v{version.number}-profile-{country}"),
            headers=headers,
            rows=rows,
            fmt=fmt,
        )
    context.update(
        version=version,
        profile=profile,
        country=country,
        country_name=name,
        neighbour_names=[profile.series_label(code) for code in profile.neighbours],
        headers=headers,
        rows=rows,
        chart_spec=profiles.profile_chart(profile) if profile.rows else None,
        **export_urls(request),
    )
    return render(request, "evidence/oc_profile.html", context)
