"""The action-plan progress report: where each measure and indicator stood after one month."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.instruments.models import State
from palermo.reports.builders import selectors
from palermo.reports.builders.common import (
    day,
    generated_on,
    month,
    new_document,
    number,
    percent,
    sheet_name,
)
from palermo.reports.builders.permissions import NOT_ALLOWED, can_generate_plan_progress
from palermo.reports.document import (
    Block,
    Chart,
    Cover,
    Document,
    Heading,
    KeyValues,
    Paragraph,
    Table,
    TableOfContents,
)
from palermo.reports.registry import FORMATS, Param, Params, ReportKind, register
from palermo.tracking import charts, progress
from palermo.tracking.models import ActionPlan, period_label
from palermo.tracking.progress import Track
from palermo.tracking.selectors import dashboards
from palermo.tracking.selectors.standing import IndicatorStanding, MeasureStanding, Standings

# Charts in documents need a width in pixels; pages let their container decide.
CHART_WIDTH = 480
PERIOD_INVALID = gettext_lazy("Give the period as a year and a month, for example 2025-03.")


def parse_period(text: str) -> datetime.date:
    """The first day of the month written "2025-03" (or "2025-03-31")."""
    try:
        year, month_number = (int(part) for part in str(text).strip().split("-")[:2])
        return datetime.date(year, month_number, 1)
    except ValueError as error:
        raise ValidationError({"period": PERIOD_INVALID}) from error


def build_plan_progress(
    *, user: Any, plan: ActionPlan, period: datetime.date, language: str
) -> Document:
    """Where an action plan stood after one month, from the database.

    Measures, indicators with their values up to `period` (a month), progress, status,
    overdue reports, and charts of progress by measure and of each indicator's trend.
    """
    if not can_generate_plan_progress(user, plan):
        raise PermissionDenied(NOT_ALLOWED)
    with translation.override(language):
        return _build(plan, period, language)


def _build(plan: ActionPlan, period: datetime.date, language: str) -> Document:
    data = selectors.plan_progress(plan=plan, period=period)
    first_day = progress.period_start(period, "monthly")
    labels = charts.track_labels()
    sheets: set[str] = set()
    state = selectors.state_by_iso3(plan.country)
    document = new_document(
        title=_("Progress of %(plan)s, %(month)s")
        % {"plan": plan.title, "month": month(first_day)},
        language=language,
        cover=Cover(
            title=_("Action plan progress report"),
            subtitle=plan.title,
            details=(
                (_("Action plan"), plan.title),
                (_("Owning body"), str(plan.owner)),
                (_("State"), state.display_name if state else plan.country),
                (_("Plan runs"), f"{day(plan.starts_on)} – {day(plan.ends_on)}"),
                (_("Reporting period"), month(first_day)),
                (_("Values counted up to"), day(data.as_of)),
                generated_on(),
            ),
            note=_(
                "Progress is the share of the way from baseline to target covered by the latest "
                "value; an indicator is on track when that share is at least the share of time "
                "elapsed."
            ),
        ),
    )
    document.hold("plan", plan.pk)
    tracks = [item.standing.track for item in data.indicators]
    document.add(
        TableOfContents(_("Contents")),
        Heading(_("Summary"), 1),
        KeyValues(
            (
                (_("Measures"), str(len(data.measures))),
                (_("Indicators"), str(len(data.indicators))),
                *((labels[track], str(tracks.count(track))) for track in Track),
                (_("Overdue reports"), str(data.overdue_count)),
            )
        ),
        Chart(
            spec=charts.plan_progress_chart(data.measure_rows, width=CHART_WIDTH),
            caption=_("Progress by measure"),
            table=Table(
                columns=(
                    _("Measure"),
                    _("Indicators"),
                    _("Reporting"),
                    _("Progress (%)"),
                    _("Status"),
                ),
                rows=tuple(
                    (
                        row["measure"],
                        row["indicators"],
                        row["reporting"],
                        row["progress"],
                        row["track_label"],
                    )
                    for row in data.measure_rows
                ),
                widths=(5, 1.2, 1.2, 1.3, 1.5),
                sheet=sheet_name(_("Measures"), sheets),
            ),
        ),
    )
    document.add(Heading(_("Indicators"), 1), _indicator_table(data, sheets))
    document.add(*_overdue_blocks(data, sheets))
    document.add(Heading(_("Measures and their indicators"), 1))
    for measure in data.measures:
        document.add(*_measure_blocks(measure, sheets))
    return document


def _indicator_table(data: Standings, sheets: set[str]) -> Table:
    rows = []
    for item in data.indicators:
        indicator, standing = item.indicator, item.standing
        rows.append(
            (
                indicator.measure.number,
                indicator.name,
                indicator.unit,
                number(indicator.baseline_value),
                number(indicator.target_value),
                item.latest_label,
                number(standing.latest_value),
                item.progress_percent,
                item.expected_percent,
                item.track_label,
                len(item.overdue),
            )
        )
    return Table(
        columns=(
            _("Measure"),
            _("Indicator"),
            _("Unit"),
            _("Baseline"),
            _("Target"),
            _("Latest period"),
            _("Latest value"),
            _("Progress (%)"),
            _("Expected (%)"),
            _("Status"),
            _("Overdue reports"),
        ),
        rows=tuple(rows),
        caption=_("Indicators, their latest values and status"),
        widths=(1, 4, 1.3, 1.2, 1.2, 1.4, 1.2, 1.3, 1.3, 1.3, 1.2),
        sheet=sheet_name(_("Indicators"), sheets),
    )


def _indicator_details(items: list[IndicatorStanding], sheet: str) -> Table:
    """Where each indicator of a measure starts and must arrive, and who reports it."""
    return Table(
        columns=(
            _("Indicator"),
            _("Reporting body"),
            _("Frequency"),
            _("Baseline"),
            _("Target"),
        ),
        rows=tuple(
            (
                item.indicator.name,
                item.indicator.reporting_body.name,
                str(item.indicator.get_frequency_display()),
                _("%(value)s %(unit)s on %(day)s")
                % {
                    "value": number(item.indicator.baseline_value),
                    "unit": item.indicator.unit,
                    "day": day(item.indicator.baseline_date),
                },
                _("%(value)s %(unit)s by %(day)s")
                % {
                    "value": number(item.indicator.target_value),
                    "unit": item.indicator.unit,
                    "day": day(item.indicator.target_date),
                },
            )
            for item in items
        ),
        widths=(3, 2.5, 1.3, 2, 2),
        sheet=sheet,
    )


def _overdue_blocks(data: Standings, sheets: set[str]) -> list[Block]:
    blocks: list[Block] = [Heading(_("Overdue reports"), 1)]
    late = [item for item in data.indicators if item.overdue]
    if not late:
        return [*blocks, Paragraph.of(_("No report is overdue."))]
    blocks.append(
        Table(
            columns=(_("Reporting body"), _("Indicator"), _("Periods without a value")),
            rows=tuple(
                (
                    item.indicator.reporting_body.name,
                    item.indicator.name,
                    ", ".join(period_label(p, item.indicator.frequency) for p in item.overdue),
                )
                for item in late
            ),
            widths=(2.5, 3, 4),
            sheet=sheet_name(_("Overdue"), sheets),
        )
    )
    blocks.append(
        Chart(
            spec=charts.overdue_chart(data.overdue_rows, width=CHART_WIDTH),
            caption=_("Overdue reports by reporting body"),
            table=Table(
                columns=(_("Reporting body"), _("Overdue reports"), _("Indicators")),
                rows=tuple(
                    (row["body"], row["overdue"], row["indicators"]) for row in data.overdue_rows
                ),
                sheet=sheet_name(_("Overdue by body"), sheets),
            ),
        )
    )
    return blocks


def _measure_blocks(found: MeasureStanding, sheets: set[str]) -> list[Block]:
    measure, items = found.measure, found.indicators
    blocks: list[Block] = [
        Heading(str(measure), 2),
        KeyValues(
            (
                (_("Lead body"), str(measure.lead)),
                (_("Progress"), percent(found.progress_percent)),
                (_("Status"), charts.track_labels()[found.track]),
            )
        ),
    ]
    if measure.description:
        blocks.append(Paragraph.of(measure.description))
    if not items:
        blocks.append(Paragraph.of(_("This measure has no indicator yet.")))
    else:
        name = _("Measure %(number)s") % {"number": measure.number}
        blocks.append(_indicator_details(items, sheet_name(name, sheets)))
    for index, item in enumerate(items, start=1):
        series = dashboards.trend_rows(item)
        blocks.append(
            Chart(
                spec=charts.indicator_trend_chart(
                    dashboards.indicator_facts(item.indicator), series, width=CHART_WIDTH
                ),
                caption=_("%(indicator)s: %(status)s, progress %(progress)s")
                % {
                    "indicator": item.indicator.name,
                    "status": item.track_label,
                    "progress": percent(item.progress_percent),
                },
                table=Table(
                    columns=(_("Period"), _("Expected value"), _("Reported value")),
                    rows=tuple(
                        (line["period"], line["expected"], line["reported"])
                        for line in dashboards.trend_table(series)
                    ),
                    caption=item.indicator.name,
                    sheet=sheet_name(
                        _("Trend %(measure)s.%(index)s")
                        % {"measure": measure.number, "index": index},
                        sheets,
                    ),
                ),
            )
        )
    return blocks


def _plan_from(params: Params) -> ActionPlan | None:
    value = params.get("plan")
    return selectors.plan_for_report(value) if isinstance(value, int) else None


def _can_generate(user: Any, params: Params) -> bool:
    plan = _plan_from(params)
    return plan is not None and can_generate_plan_progress(user, plan)


def _state(params: Params) -> State | None:
    plan = _plan_from(params)
    return selectors.state_by_iso3(plan.country) if plan else None


def _describe(params: Params) -> str:
    plan = _plan_from(params)
    if plan is None:
        return ""
    return f"{plan.title}, {month(parse_period(str(params.get('period', ''))))}"


def _registered_build(params: Params, language: str, user: Any) -> Document:
    plan = _plan_from(params)
    if plan is None:
        raise ActionPlan.DoesNotExist
    period = parse_period(str(params.get("period", "")))
    return build_plan_progress(user=user, plan=plan, period=period, language=language)


KIND = register(
    ReportKind(
        code="plan_progress",
        label=gettext_lazy("Action plan progress report"),
        description=gettext_lazy(
            "The measures and indicators of an action plan with their values up to a month, "
            "progress towards the targets, status, overdue reports and charts."
        ),
        formats=FORMATS,
        params=(
            Param("plan", gettext_lazy("Action plan"), int, options=selectors.plan_options),
            Param(
                "period",
                gettext_lazy("Month"),
                str,
                gettext_lazy("The last month counted."),
                month=True,
            ),
        ),
        build=_registered_build,
        can_generate=_can_generate,
        state=_state,
        describe=_describe,
    )
)
