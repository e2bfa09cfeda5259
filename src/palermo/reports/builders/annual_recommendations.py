"""The annual report's chapter on recommendations: their status at the year's end and today."""

import datetime
from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from palermo.reports.builders import selectors
from palermo.reports.builders.common import day, sheet_name
from palermo.reports.document import Block, Chart, Heading, Paragraph, Table
from palermo.tracking import charts
from palermo.tracking.models import Recommendation, Status

CHART_WIDTH = 480


def _source_of(recommendation: Recommendation) -> str:
    if recommendation.statement_id is not None and recommendation.statement is not None:
        return recommendation.statement.title
    return recommendation.source_title or str(recommendation.get_source_display())


def whole_text(recommendation: Recommendation) -> str:
    """The recommendation as made: its whole text, never its title (which stops at a ";").

    A title written apart from the text (not its beginning) comes first.
    """
    text = " ".join(recommendation.text.split())
    title = " ".join(recommendation.title.split()).rstrip("…").strip()
    if not text:
        return title
    if not title or text.casefold().startswith(title.casefold()):
        return text
    return f"{title}: {text}"


def recommendation_blocks(
    recommendations: list[Recommendation], last: datetime.date, sheets: set[str]
) -> list[Block]:
    blocks: list[Block] = [Heading(_("Recommendations and their status"), 1)]
    if not recommendations:
        return [*blocks, Paragraph.of(_("No recommendation of the alliance is recorded yet."))]
    labels = {str(value): str(label) for value, label in Status.choices}
    at_end = selectors.statuses_on(recommendations, last)
    end_label = _("Status on %(day)s") % {"day": day(last)}
    blocks.append(
        Paragraph.of(
            _(
                "The recommendations the alliance made by %(day)s, in its statements and its "
                "reports, with their status at the end of the year (from the progress updates "
                "reported by then) and today."
            )
            % {"day": day(last)}
        )
    )
    then, now = Counter(at_end.values()), Counter(r.status for r in recommendations)
    blocks.append(
        Table(
            columns=(_("Status"), end_label, _("Status today")),
            rows=tuple(
                (label, then[status], now[status])
                for status, label in labels.items()
                if then[status] or now[status]
            ),
            widths=(3, 2, 2),
            sheet=sheet_name(_("Status"), sheets),
        )
    )
    blocks.append(
        Table(
            columns=(
                _("Reference"),
                _("Recommendation"),
                _("Source"),
                _("Issued on"),
                end_label,
                _("Status today"),
            ),
            rows=tuple(
                (
                    r.reference,
                    whole_text(r),
                    _source_of(r),
                    day(r.issued_on),
                    labels.get(at_end[r.pk], at_end[r.pk]),
                    labels.get(r.status, r.status),
                )
                for r in recommendations
            ),
            widths=(2, 4.5, 2.4, 1.7, 1.6, 1.6),
            sheet=sheet_name(_("Recommendations"), sheets),
        )
    )
    counts: Counter[tuple[str, str]] = Counter()
    no_theme = _("No theme")
    for r in recommendations:
        for theme in [t.name for t in r.themes.all()] or [no_theme]:
            counts[(theme, r.status)] += 1
    ordered = sorted(counts.items())
    rows: list[dict[str, Any]] = [
        {"theme": theme, "status": status, "status_label": labels[status], "count": count}
        for (theme, status), count in ordered
    ]
    blocks.append(
        Chart(
            spec=charts.recommendations_chart(rows, width=CHART_WIDTH),
            caption=_("Recommendations by theme and status today"),
            table=Table(
                columns=(_("Theme"), _("Status today"), _("Recommendations")),
                rows=tuple((theme, labels[status], count) for (theme, status), count in ordered),
                sheet=sheet_name(_("By theme"), sheets),
            ),
        )
    )
    return blocks
