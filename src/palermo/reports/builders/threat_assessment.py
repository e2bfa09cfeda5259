"""The threat assessment: what a dataset of victims shows, ready to publish, with its KPIs.

Built from the latest version of a victims dataset: trends by year, victims by sex, age band,
form of exploitation and citizenship, the flows from citizenship to country of exploitation,
the action-plan indicators the dataset feeds with their latest values, the State's Organized
Crime Index profile and the recommendations and KPIs linked to the data (`threat_profile`).
Every count has passed the dataset's small-cell and complementary suppression (`<k`, `x`)
before it is printed, so the report holds no figure a release could not hold; only analysts
granted the dataset may build it, since building it reads the records.
"""

from typing import Any

import pyarrow as pa
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.evidence import analysis, permissions, privacy, releases, storage
from palermo.evidence import statistics as stats
from palermo.evidence.models import Dataset, DatasetVersion, IndicatorFeed
from palermo.evidence.schema import Kind
from palermo.evidence.selectors.datasets import dataset_list
from palermo.evidence.statistics.labels import value_label
from palermo.instruments.models import State
from palermo.reports.builders import threat_profile
from palermo.reports.builders.common import day, generated_on, new_document
from palermo.reports.document import (
    Cover,
    Document,
    Heading,
    KeyValues,
    Paragraph,
    Table,
    TableOfContents,
)
from palermo.reports.registry import FORMATS, Param, Params, ReportError, ReportKind, register

SECTIONS = ("year", "sex", "age_band", "exploitation", "citizenship")


def _dataset(params: Params) -> Dataset | None:
    value = params.get("dataset")
    if not isinstance(value, int):
        return None
    return Dataset.objects.select_related("owner").filter(pk=value, kind=Kind.VICTIMS).first()


def _suppressed_rows(
    dataset: Dataset, statistic: stats.Statistic, table: Any
) -> list[tuple[str, str]]:
    """(value, published count) pairs after suppression at the dataset's threshold."""
    dim = statistic.dimension_objects()[0]
    suppressed = releases.suppress(dataset, statistic, table)
    rows = []
    for (value,), cell in suppressed.cells.items():
        if value == privacy.TOTAL:
            label = _("Total")
        else:
            code: Any = None if value == privacy.suppression.UNKNOWN else value
            if code is not None and pa.types.is_integer(dim.arrow_type):
                code = int(code)
            label = value_label(dim, code, kind=Kind.VICTIMS)
        rows.append((label, str(cell)))
    return rows


def build_threat_assessment(
    *, user: Any, dataset: Dataset, version: DatasetVersion, language: str
) -> Document:
    if not permissions.can_read_records(user, dataset):
        raise ReportError(_("Only analysts given access to the dataset's records build this."))
    title = _("Threat assessment: %(dataset)s") % {"dataset": dataset.name}
    generated_label, generated_value = generated_on()
    document = new_document(
        title=title,
        language=language,
        cover=Cover(
            title=title,
            subtitle=dataset.get_crime_type_display(),
            details=(
                (_("Source"), dataset.source_organisation),
                (_("Version"), f"v{version.number} ({day(version.imported_at)})"),
                (_("Records"), f"{version.row_count:,}"),
                (generated_label, generated_value),
            ),
            note=_("Synthetic data, not real cases.") if dataset.is_synthetic else "",
        ),
    )
    document.hold("dataset", dataset.pk)
    document.add(TableOfContents(_("Contents")))
    document.add(
        Paragraph.of(
            _(
                "Every count below %(k)s is shown as “<%(k)s”, and further cells are hidden "
                "(“x”) so that none can be worked out from the totals. A victim with several "
                "forms of exploitation is counted under each."
            )
            % {"k": dataset.suppression_threshold}
        ),
        KeyValues(
            (
                (_("Dataset"), dataset.name),
                (_("Period"), dataset.period or "—"),
                (_("Geography"), dataset.geography or "—"),
            )
        ),
    )
    path = storage.absolute(version.path)
    for name in SECTIONS:
        statistic = stats.victims_by(name)
        table = stats.run(statistic, [path])
        heading = analysis.title(statistic)
        rows = _suppressed_rows(dataset, statistic, table)
        document.add(
            Heading(heading, level=1),
            Table(
                columns=(analysis.dimension_label(statistic, name), _("Victims")),
                rows=tuple(rows),
                caption=heading,
                sheet=heading[:31],
            ),
        )
    document.add(*_flows(dataset, path))
    document.add(*_indicators(user, dataset))
    document.add(*threat_profile.profile_blocks(document, user, dataset.country))
    index = threat_profile.index_dataset(user)
    measured = [dataset, index] if index is not None else [dataset]
    document.add(*threat_profile.chain_blocks(document, user, measured))
    return document


def _flows(dataset: Dataset, path: Any) -> list[Any]:
    """Citizenship to country of exploitation: pairs whose count passes the threshold."""
    statistic = stats.flows()
    table = stats.run(statistic, [path])
    dims = {d.name: d for d in statistic.dimension_objects()}
    shown = [
        (
            value_label(dims["citizenship"], row["citizenship"]),
            value_label(dims["country_of_exploitation"], row["country_of_exploitation"]),
            row["victims"],
        )
        for row in table.to_pylist()
        if row["victims"] >= dataset.suppression_threshold
    ]
    hidden = sum(
        1 for row in table.to_pylist() if 0 < row["victims"] < dataset.suppression_threshold
    )
    title = _("Flows from citizenship to country of exploitation")
    blocks: list[Any] = [Heading(title, level=1)]
    if hidden:
        blocks.append(Paragraph.of(_("%(count)s smaller flows are not shown.") % {"count": hidden}))
    blocks.append(
        Table(
            columns=(_("Citizenship"), _("Country of exploitation"), _("Victims")),
            rows=tuple(shown),
            caption=title,
            sheet=_("Flows"),
        )
    )
    return blocks


def _indicators(user: Any, dataset: Dataset) -> list[Any]:
    feeds = IndicatorFeed.objects.filter(dataset=dataset).select_related("indicator__measure__plan")
    title = _("Indicators fed by this dataset")
    if not feeds:
        return [
            Heading(title, level=1),
            Paragraph.of(_("No action-plan indicator takes its values from this dataset yet.")),
        ]
    rows = []
    document_plans = set()
    for feed in feeds:
        indicator = feed.indicator
        latest = indicator.measurements.order_by("-period").first()
        plan = indicator.measure.plan
        document_plans.add(plan.pk)
        rows.append(
            (
                plan.title,
                f"{indicator.measure.number}. {indicator.name}",
                day(latest.period) if latest else "—",
                float(latest.value) if latest else None,
                float(indicator.target_value),
            )
        )
    return [
        Heading(title, level=1),
        Table(
            columns=(_("Action plan"), _("Indicator"), _("Latest period"), _("Value"), _("Target")),
            rows=tuple(rows),
            caption=title,
            sheet=_("Indicators"),
        ),
    ]


def dataset_options(user: Any) -> list[tuple[int, str]]:
    """The victims datasets whose records the user reads, by name (the report form's picker)."""
    return [
        (dataset.pk, dataset.name)
        for dataset in dataset_list(user, kind=Kind.VICTIMS).order_by("name", "pk")
        if permissions.can_read_records(user, dataset)
    ]


def _can_generate(user: Any, params: Params) -> bool:
    dataset = _dataset(params)
    return dataset is not None and permissions.can_read_records(user, dataset)


def _state(params: Params) -> State | None:
    dataset = _dataset(params)
    if dataset is None or not dataset.country:
        return None
    return State.objects.filter(iso3=dataset.country).first()


def _describe(params: Params) -> str:
    dataset = _dataset(params)
    return dataset.name if dataset else ""


def _registered_build(params: Params, language: str, user: Any) -> Document:
    dataset = _dataset(params)
    if dataset is None:
        raise ReportError(_("Choose a dataset of victim records."))
    version = dataset.versions.order_by("-number").first()
    if version is None:
        raise ReportError(_("The dataset has no version yet."))
    return build_threat_assessment(user=user, dataset=dataset, version=version, language=language)


KIND = register(
    ReportKind(
        code="threat_assessment",
        label=gettext_lazy("Threat assessment"),
        description=gettext_lazy(
            "What a dataset of victims shows — trends, who the victims are, forms of "
            "exploitation, flows between countries — with every count privacy-checked, the "
            "action-plan indicators it feeds, the State's Organized Crime Index profile beside "
            "its neighbours and region, and the recommendations and indicators linked to it."
        ),
        formats=FORMATS,
        params=(Param("dataset", gettext_lazy("Dataset"), int, options=dataset_options),),
        build=_registered_build,
        can_generate=_can_generate,
        state=_state,
        describe=_describe,
    )
)
