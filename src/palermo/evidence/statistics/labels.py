"""Words for a statistic's title, columns and values, in the language of the page.

Called where a statistic is shown (charts, exports, pages), so Django's translation is active.
Codes stay in the result tables; only what people read is translated here.
"""

from typing import Any

from django.utils.translation import gettext as _

from palermo.core.countries import country_name
from palermo.evidence.schema import Kind, Sex
from palermo.evidence.statistics.definitions import Statistic
from palermo.evidence.statistics.dimensions import DIMENSIONS, Dimension, Form, gettext_noop

SEX_LABELS = {
    Sex.FEMALE: gettext_noop("Female"),
    Sex.MALE: gettext_noop("Male"),
    Sex.TRANSGENDER: gettext_noop("Transgender"),
    Sex.NONCONFORMING: gettext_noop("Gender non-conforming"),
    Sex.UNKNOWN: gettext_noop("Unknown"),
}

FLAG_LABELS: dict[str, dict[str, str]] = {
    "exploitation": {
        "forced_labour": gettext_noop("Forced labour"),
        "sexual": gettext_noop("Sexual exploitation"),
        "other": gettext_noop("Other exploitation"),
    },
    "means": {
        "debt_bondage": gettext_noop("Debt bondage"),
        "threats": gettext_noop("Threats"),
        "abuse": gettext_noop("Physical, sexual or psychological abuse"),
        "false_promises": gettext_noop("False promises"),
        "drugs_alcohol": gettext_noop("Drugs or alcohol"),
        "deny_basic_needs": gettext_noop("Basic needs denied"),
        "excessive_hours": gettext_noop("Excessive working hours"),
        "withhold_documents": gettext_noop("Documents withheld"),
    },
    "sector": {
        "agriculture": gettext_noop("Agriculture"),
        "construction": gettext_noop("Construction"),
        "domestic_work": gettext_noop("Domestic work"),
        "hospitality": gettext_noop("Hospitality"),
        "manufacturing": gettext_noop("Manufacturing"),
        "fishing": gettext_noop("Fishing"),
        "mining": gettext_noop("Mining"),
        "begging": gettext_noop("Begging"),
        "other": gettext_noop("Other sector"),
    },
    "sexual": {
        "prostitution": gettext_noop("Prostitution"),
        "pornography": gettext_noop("Pornography"),
        "other": gettext_noop("Other sexual exploitation"),
    },
    "recruiter": {
        "intimate_partner": gettext_noop("Intimate partner"),
        "friend": gettext_noop("Friend"),
        "family": gettext_noop("Family member"),
        "other": gettext_noop("Other relation"),
    },
}


def title(statistic: Statistic) -> str:
    """The statistic's title: `Victims by sex and form of exploitation`."""
    dimensions = DIMENSIONS.get(statistic.kind, {})
    args: dict[str, str] = {}
    for key, value in statistic.label_args:
        if key == "country":
            args[key] = country_name(value) or value
        elif key == "names":
            args[key] = ", ".join(_(dimensions[name].label).lower() for name in value.split(", "))
        else:
            args[key] = _(dimensions[value].label).lower()
    return _(statistic.label) % args if args else _(statistic.label)


def column_label(statistic: Statistic, name: str) -> str:
    """The heading of one column of the statistic's table."""
    dimension = DIMENSIONS.get(statistic.kind, {}).get(name)
    if dimension is not None and name in statistic.dimensions:
        return _(dimension.label)
    for measure in statistic.measures:
        if measure.name == name:
            return _(measure.label)
    return name


def value_label(dimension: Dimension, value: Any, *, kind: Kind = Kind.VICTIMS) -> str:
    """How one value of a dimension reads: a country's name, a flag's words, `Unknown`."""
    if value is None:
        if dimension.form is Form.FLAGS:
            return _("None recorded")
        if dimension.form is Form.MONTH:
            return _("No date")
        return _("Unknown")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if dimension.countries:
        return country_name(str(value)) or str(value)
    if dimension.form is Form.FLAGS:
        return _(FLAG_LABELS[dimension.column].get(str(value), str(value)))
    if dimension.name == "sex" and kind is Kind.VICTIMS and value in SEX_LABELS:
        return _(SEX_LABELS[value])
    if kind is Kind.INDEX_SCORES and dimension.name in ("pillar", "indicator"):
        return str(value).replace("_", " ").capitalize()  # `human_trafficking`
    return str(value)


def labelled_rows(statistic: Statistic, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with `<dimension>_label` beside each dimension's value."""
    dimensions = statistic.dimension_objects()
    return [
        {
            **row,
            **{
                f"{dim.name}_label": value_label(dim, row[dim.name], kind=statistic.kind)
                for dim in dimensions
            },
        }
        for row in rows
    ]
