"""What a statistic can count by: the dimensions of each kind of record.

A dimension is one of three things:
- a column (`sex`, `citizenship`, `year`): its values are the column's values, null included
  (null is "unknown" and stays a row of its own);
- a flag group (`exploitation`, `means` ...): its values are the group's flags; a victim counts
  under every flag it has, and under null ("none recorded") when it has none, so a flag group's
  counts can add up to more than the victims;
- a month of a date column (`month_referred`): `YYYY-MM` text, null where there is no date.

Labels are marked for translation here and translated where they are shown.
"""

from dataclasses import dataclass, field
from enum import StrEnum

import pyarrow as pa
from palermo.evidence.schema import FLAG_GROUPS, Kind, Sex, flag_columns


def gettext_noop(message: str) -> str:
    """Mark a label for translation (makemessages finds this name) without Django settings."""
    return message


UNKNOWN_DIMENSION = "This kind of record has no dimension named %(name)s."


class Form(StrEnum):
    COLUMN = "column"
    FLAGS = "flags"
    MONTH = "month"


class Order(StrEnum):
    """How a dimension's values are sorted in a table (always with null last)."""

    VALUE = "value"  # by the value itself: years, country codes
    BAND = "band"  # by a band's lower bound: `9-17` before `18-20`, `48+` last
    DECLARED = "declared"  # in the order of `Dimension.values` (sexes, flags)


@dataclass(frozen=True)
class Dimension:
    name: str
    label: str  # marked with gettext_noop; translate where shown
    form: Form
    column: str  # the source column, or the flag group's name
    arrow_type: pa.DataType = field(default_factory=pa.string)
    order: Order = Order.VALUE
    values: tuple[str, ...] = ()  # the known values, in order (flags, sexes)
    ordered: bool = False  # a scale (years, bands, months) rather than categories
    countries: bool = False  # values are ISO alpha-3 codes

    def flag_columns(self) -> list[str]:
        return flag_columns(self.column) if self.form is Form.FLAGS else []


def _column(
    name: str,
    label: str,
    *,
    arrow_type: pa.DataType | None = None,
    order: Order = Order.VALUE,
    values: tuple[str, ...] = (),
    ordered: bool = False,
    countries: bool = False,
) -> Dimension:
    return Dimension(
        name=name,
        label=label,
        form=Form.COLUMN,
        column=name,
        arrow_type=arrow_type or pa.string(),
        order=order,
        values=values,
        ordered=ordered,
        countries=countries,
    )


_FLAG_LABELS = {
    "exploitation": gettext_noop("Form of exploitation"),
    "means": gettext_noop("Means of control"),
    "sector": gettext_noop("Sector of forced labour"),
    "sexual": gettext_noop("Type of sexual exploitation"),
    "recruiter": gettext_noop("Recruiter's relation to the victim"),
}

VICTIM_DIMENSIONS: tuple[Dimension, ...] = (
    _column("year", gettext_noop("Year"), arrow_type=pa.int16(), ordered=True),
    _column("year_band", gettext_noop("Period"), order=Order.BAND, ordered=True),
    _column("sex", gettext_noop("Sex"), order=Order.DECLARED, values=tuple(Sex)),
    _column("age_band", gettext_noop("Age band"), order=Order.BAND, ordered=True),
    _column("is_minor", gettext_noop("Minor when identified"), arrow_type=pa.bool_()),
    _column("citizenship", gettext_noop("Citizenship"), countries=True),
    _column("country_of_exploitation", gettext_noop("Country of exploitation"), countries=True),
    *(
        Dimension(
            name=group,
            label=_FLAG_LABELS[group],
            form=Form.FLAGS,
            column=group,
            order=Order.DECLARED,
            values=FLAG_GROUPS[group],
        )
        for group in FLAG_GROUPS
    ),
    Dimension(
        name="month_identified",
        label=gettext_noop("Month identified"),
        form=Form.MONTH,
        column="date_identified",
        ordered=True,
    ),
    Dimension(
        name="month_referred",
        label=gettext_noop("Month referred to assistance"),
        form=Form.MONTH,
        column="date_referred",
        ordered=True,
    ),
)

# GLOTIP's own spellings of sex, totals first.
AGGREGATE_SEXES = ("Total", "Female", "Male", "Other", "Unknown")

AGGREGATE_DIMENSIONS: tuple[Dimension, ...] = (
    _column("country", gettext_noop("Country"), countries=True),
    _column("region", gettext_noop("Region")),
    _column("subregion", gettext_noop("Sub-region")),
    _column("indicator", gettext_noop("Indicator")),
    _column("dimension", gettext_noop("Breakdown")),
    _column("category", gettext_noop("Category")),
    _column("sex", gettext_noop("Sex"), order=Order.DECLARED, values=AGGREGATE_SEXES),
    _column("age", gettext_noop("Age")),
    _column("year", gettext_noop("Year"), arrow_type=pa.int16(), ordered=True),
    _column("unit", gettext_noop("Unit")),
    _column("source", gettext_noop("Source")),
)

INDEX_DIMENSIONS: tuple[Dimension, ...] = (
    _column("country", gettext_noop("Country"), countries=True),
    _column("edition", gettext_noop("Edition"), arrow_type=pa.int16(), ordered=True),
    _column("pillar", gettext_noop("Pillar")),
    _column("indicator", gettext_noop("Indicator")),
)

DIMENSIONS: dict[Kind, dict[str, Dimension]] = {
    Kind.VICTIMS: {dimension.name: dimension for dimension in VICTIM_DIMENSIONS},
    Kind.AGGREGATES: {dimension.name: dimension for dimension in AGGREGATE_DIMENSIONS},
    Kind.INDEX_SCORES: {dimension.name: dimension for dimension in INDEX_DIMENSIONS},
}

# The column a year range filters on.
YEAR_COLUMN: dict[Kind, str] = {
    Kind.VICTIMS: "year",
    Kind.AGGREGATES: "year",
    Kind.INDEX_SCORES: "edition",
}


def dimension(kind: Kind, name: str) -> Dimension:
    """The named dimension of a kind; ValueError for a name the kind does not have."""
    try:
        return DIMENSIONS[kind][name]
    except KeyError:
        raise ValueError(UNKNOWN_DIMENSION % {"name": name}) from None
