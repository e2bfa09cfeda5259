"""Published reports in the search index. They are public: visitors find them too."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils import translation

from palermo.core.search import Document, index_document, register_source, remove_document
from palermo.reports import registry
from palermo.reports.models import GeneratedReport
from palermo.reports.selectors.reports import report_published_list

KIND = "report"


def report_document(report: GeneratedReport) -> Document:
    """The report as the portal shows it: its kind, what it is about, its format."""
    with translation.override("en"):
        kind = registry.get(report.kind)
        label = str(kind.label) if kind else report.kind
        about = kind.params_label(report.params) if kind else ""
        path = reverse("portal:report", args=[report.pk]).removeprefix("/en")
    return Document(
        kind=KIND,
        object_id=str(report.pk),
        title=f"{label}: {about}" if about else label,
        body=f"{about} {report.fmt.upper()}",
        path=path,
        state=report.country.iso3 if report.country else "",
    )


def index_report(report: GeneratedReport) -> None:
    """Index a report while it is published and done; take it out otherwise."""
    if report.published and report.status == GeneratedReport.Status.DONE:
        index_document(report_document(report))
    else:
        remove_document(KIND, str(report.pk))


def _published() -> Iterator[Document]:
    for report in report_published_list():
        yield report_document(report)


register_source(KIND, _published, public=True)
