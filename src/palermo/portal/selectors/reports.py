"""The reports the secretariat published, one entry per report with all its formats."""

import datetime
import json
from dataclasses import dataclass

from django.http import Http404

from palermo.instruments.models import State
from palermo.reports import registry
from palermo.reports.models import GeneratedReport
from palermo.reports.selectors import reports as report_selectors

# The order in which an entry lists its formats.
FORMAT_ORDER = ("pdf", "docx", "xlsx", "html")


@dataclass(frozen=True)
class PublishedReport:
    """One published report (kind, parameters, language) and the formats it is available in."""

    kind: str
    title: str
    description: str
    country: State | None
    language: str
    published_at: datetime.datetime
    files: tuple[GeneratedReport, ...]

    @property
    def language_name(self) -> str:
        return self.files[0].get_language_display()


def _published(country: str | None) -> list[GeneratedReport]:
    reports = report_selectors.report_published_list()
    if country:
        reports = reports.filter(country__iso3=country)
    return list(reports.order_by("-published_at", "-id"))


def _titles(kind_code: str, params: dict[str, object]) -> tuple[str, str]:
    kind = registry.get(kind_code)
    if kind is None:
        return kind_code, ", ".join(map(str, params.values()))
    return str(kind.label), kind.params_label(params)


def published_reports(*, country: str | None = None) -> list[PublishedReport]:
    """Done and published reports, newest first, the formats of one report grouped together.

    `country` (ISO 3166 alpha-3) keeps the reports about that State only; None keeps all.
    A format published twice (generated again) shows its newest file only.
    """
    groups: dict[tuple[object, ...], dict[str, GeneratedReport]] = {}
    for report in _published(country):
        params = json.dumps(report.params, sort_keys=True)
        key = (report.kind, params, report.language, report.country_id)
        files = groups.setdefault(key, {})
        files.setdefault(report.fmt, report)  # newest first: keep the first one seen
    entries = []
    for files in groups.values():
        ordered = tuple(
            sorted(
                files.values(),
                key=lambda file: FORMAT_ORDER.index(file.fmt) if file.fmt in FORMAT_ORDER else 99,
            )
        )
        newest = max(ordered, key=lambda file: (file.published_at, file.pk))
        title, description = _titles(newest.kind, newest.params)
        entries.append(
            PublishedReport(
                kind=newest.kind,
                title=title,
                description=description,
                country=newest.country,
                language=newest.language,
                published_at=newest.published_at or newest.created_at,
                files=ordered,
            )
        )
    return sorted(entries, key=lambda entry: entry.published_at, reverse=True)


def published_report_get(*, report_id: int, country: str | None = None) -> GeneratedReport:
    """One done and published report; 404 otherwise, so unpublished ids do not leak."""
    reports = report_selectors.report_published_list().filter(pk=report_id)
    if country:
        reports = reports.filter(country__iso3=country)
    report = reports.first()
    if report is None:
        raise Http404
    return report


def published_report_title(report: GeneratedReport) -> tuple[str, str]:
    """The kind's label and the description of its parameters, for a page's heading."""
    return _titles(report.kind, report.params)
