"""Background tasks of the reports app (django-tasks; see TASKS in settings)."""

from django.utils import translation
from django_tasks import task

from palermo.reports import registry, renderers
from palermo.reports.document import Chart, Direction, Document, Heading, Paragraph, Table
from palermo.reports.services.generation import report_generate

WARM_CHART = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "data": {"values": [{"period": "2024", "value": 1}, {"period": "2025", "value": 2}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "period", "type": "ordinal"},
        "y": {"field": "value", "type": "quantitative"},
    },
}


@task()
def report_generate_task(report_id: int) -> str:
    """Generate one requested report; returns its final status."""
    report = report_generate(report_id=report_id)
    return "" if report is None else report.status


def warm() -> None:
    """Load what rendering needs before the worker's first report, not during it.

    The builders, each language's translations, the fonts, the chart engine (vl-convert starts
    a JavaScript runtime) and Typst's compiler: a small document with a table and a chart, left
    to right and right to left, in every format.
    """
    registry.kinds()
    directions: tuple[tuple[str, Direction], ...] = (("en", "ltr"), ("ur", "rtl"))
    for language, direction in directions:
        with translation.override(language):
            document = Document(title="Palermo", language=language, direction=direction)
            document.add(
                Heading("Palermo"),
                Paragraph.of("Palermo 2025 پالیرمو"),
                Table(columns=("Period", "Value"), rows=(("2024", 1), ("2025", 2))),
                Chart(spec=WARM_CHART, caption="Palermo"),
            )
            for fmt in renderers.FORMATS:
                renderers.render(document, fmt)
