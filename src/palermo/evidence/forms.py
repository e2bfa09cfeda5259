from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from palermo.core.forms import BootstrapFormMixin
from palermo.core.models import User
from palermo.engagement.forms import country_choices
from palermo.evidence.loaders import mapping as column_mapping
from palermo.evidence.loaders.generic import FLAGS
from palermo.evidence.models import CrimeType, DatasetKind, Release, Sensitivity
from palermo.evidence.schema import FLAG_GROUPS
from palermo.tracking.models import Indicator


def _megabytes() -> str:
    from django.conf import settings

    return f"{settings.PALERMO_EVIDENCE_IMPORT_MAX_MB:g}"


class DatasetForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of records"),
        choices=DatasetKind.choices,
        help_text=_("What one row is: a victim, a published count, an index score, an incident."),
    )
    crime_type = forms.ChoiceField(label=_("Crime type"), choices=CrimeType.choices)
    source_organisation = forms.CharField(
        label=_("Source"),
        max_length=200,
        help_text=_("Who collected or published the data, e.g. “IOM CTDC” or “FIA”."),
    )
    licence = forms.CharField(label=_("Licence or terms of use"), max_length=200, required=False)
    country = forms.ChoiceField(
        label=_("State"),
        required=False,
        help_text=_("The State whose records these are; leave blank for an international dataset."),
    )
    period_start = forms.IntegerField(
        label=_("First year"), min_value=1900, max_value=2100, required=False
    )
    period_end = forms.IntegerField(
        label=_("Last year"), min_value=1900, max_value=2100, required=False
    )
    geography = forms.CharField(label=_("Geography"), max_length=200, required=False)
    sensitivity = forms.ChoiceField(
        label=_("Sensitivity"),
        choices=Sensitivity.choices,
        initial=Sensitivity.CONFIDENTIAL,
        help_text=_(
            "Confidential: victims' records. Restricted: shared with partners. "
            "Public: already published."
        ),
    )
    suppression_threshold = forms.IntegerField(
        label=_("Smallest count published"),
        min_value=1,
        max_value=1000,
        initial=11,
        help_text=_(
            "Counts below this are shown as “<k” in anything published (CTDC uses 11, UNODC 5)."
        ),
    )
    is_synthetic = forms.BooleanField(label=_("Synthetic records (not real cases)"), required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last year comes before the first."))
        return data


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(
            "{} {}",
            _("CSV or XLSX as the source publishes it (CTDC, UNODC GLOTIP, HTCDS, OC Index ...)."),
            format_lazy(_("At most {} MB."), _megabytes()),
        ),
    )
    layout = forms.ChoiceField(
        label=_("Layout"),
        required=False,
        help_text=_("Leave on “Recognise from the columns” unless the guess is wrong."),
    )

    edition = forms.IntegerField(
        label=_("Edition"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("For an index without an Edition column: the year of its edition, e.g. 2023."),
    )

    def __init__(
        self, *args: Any, layouts: list[tuple[str, str]], editions: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not editions:
            del self.fields["edition"]
        self.fields["layout"].choices = [("", _("Recognise from the columns")), *layouts]  # type: ignore[attr-defined]


class GrantForm(BootstrapFormMixin, forms.Form):
    user = forms.ModelChoiceField(label=_("Analyst"), queryset=User.objects.none())

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: (  # type: ignore[attr-defined]
            f"{user.get_full_name() or user.username} ({user.organisation or '—'})"
        )


class FeedForm(BootstrapFormMixin, forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    statistic = forms.ChoiceField(
        label=_("Values from"),
        choices=[
            ("victims_per_month_referred", _("Victims referred to assistance per month")),
            ("victims_per_month_identified", _("Victims identified per month")),
        ],
    )

    def __init__(self, *args: Any, indicators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        field.queryset = indicators  # type: ignore[attr-defined]
        field.label_from_instance = lambda indicator: (  # type: ignore[attr-defined]
            f"{indicator.measure.plan.title} — {indicator.measure.number}. {indicator.name}"
        )


QUASI_IDENTIFIER_LABELS = {
    "year": _("Year"),
    "sex": _("Sex"),
    "age_band": _("Age band"),
    "citizenship": _("Citizenship"),
    "country_of_exploitation": _("Country of exploitation"),
}


class ReleaseMethodForm(BootstrapFormMixin, forms.Form):
    """How a release is protected: suppression alone, k-anonymous records, or DP counts."""

    method = forms.ChoiceField(
        label=_("Protection"),
        choices=Release.Method.choices,
        initial=Release.Method.SUPPRESSION,
        required=False,  # suppression alone, as before methods were offered
        widget=forms.RadioSelect,
        help_text=_(
            "Every method also suppresses counts below the dataset's threshold in what is "
            "published."
        ),
    )
    k = forms.IntegerField(
        label=_("k"),
        min_value=2,
        max_value=1000,
        required=False,
        help_text=_("For k-anonymity: every combination of the chosen columns holds k records."),
    )
    quasi_identifiers = forms.MultipleChoiceField(
        label=_("Columns that could single a victim out"),
        choices=list(QUASI_IDENTIFIER_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For k-anonymity: ages merge into wider bands, countries into regions, years into "
            "periods, until k is reached."
        ),
    )
    epsilon = forms.FloatField(
        label=_("Epsilon"),
        min_value=0.01,
        max_value=10,
        required=False,
        help_text=_(
            "For differentially private counts: smaller is more private and noisier; it is "
            "spent from the dataset's budget for good."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].widget.attrs["class"] = "form-check-input"  # radios, not a box

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        method = data["method"] = data.get("method") or Release.Method.SUPPRESSION
        if method == Release.Method.K_ANONYMITY:
            if not data.get("k"):
                self.add_error("k", _("Say which k to reach."))
            if not data.get("quasi_identifiers"):
                self.add_error("quasi_identifiers", _("Choose at least one column."))
        if method == Release.Method.DP and not data.get("epsilon"):
            self.add_error("epsilon", _("Say how much epsilon this release spends."))
        return data


_FIELD_LABELS = {
    "record_id": _("Record id"),
    "year": _("Year"),
    "year_band": _("Period (a band of years, such as 2005-2013)"),
    "date_identified": _("Date identified"),
    "date_referred": _("Date referred to assistance"),
    "sex": _("Sex"),
    "age_band": _("Age band (such as 9-17 or 48+)"),
    "age": _("Age in years"),
    "is_minor": _("Minor (1 or blank)"),
    "citizenship": _("Citizenship"),
    "country_of_exploitation": _("Country of exploitation"),
    "months_trafficked": _("Months trafficked"),
}
_GROUP_LABELS = {
    "exploitation": _("Forms of exploitation"),
    "means": _("Means of control"),
    "sector": _("Sectors of forced labour"),
    "sexual": _("Types of sexual exploitation"),
    "recruiter": _("Recruiter's relation"),
}


def mapping_field_choices() -> list[Any]:
    """The select's options: ignore, the fields, the lists in one cell, the single flags."""
    plain = [
        name for name in column_mapping.fields() if name not in FLAG_GROUPS and name not in FLAGS
    ]
    flags = []
    for group, values in FLAG_GROUPS.items():
        for value in values:
            flags.append((f"{group}_{value}", f"{_GROUP_LABELS[group]}: {value.replace('_', ' ')}"))
    return [
        ("", _("Ignore this column")),
        (_("Fields"), [(name, _FIELD_LABELS.get(name, name)) for name in plain]),
        (
            _("Several values in one cell (separated by ; , or |)"),
            [(group, _GROUP_LABELS[group]) for group in FLAG_GROUPS],
        ),
        (_("One flag (1 or blank, yes or no)"), flags),
    ]


class MappingForm(BootstrapFormMixin, forms.Form):
    """For each column of a file: the field it fills, and how its values read."""

    def __init__(self, *args: Any, columns: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.columns = columns
        choices = mapping_field_choices()
        for position, column in enumerate(columns):
            self.fields[f"field_{position}"] = forms.ChoiceField(
                label=column.name, choices=choices, required=False, initial=column.guess
            )
            self.fields[f"values_{position}"] = forms.CharField(
                label=_("Values read as"),
                required=False,
                max_length=2000,
                help_text=_("Optional: “F = female; M = male; Kiln = manufacturing”."),
            )

    def rows(self) -> list[dict[str, Any]]:
        """Each column with its samples and its two fields, for the template."""
        return [
            {
                "column": column,
                "field": self[f"field_{position}"],
                "values": self[f"values_{position}"],
            }
            for position, column in enumerate(self.columns)
        ]

    def spec(self) -> dict[str, Any]:
        data = self.cleaned_data
        columns = {
            column.name: data[f"field_{position}"]
            for position, column in enumerate(self.columns)
            if data.get(f"field_{position}")
        }
        values = {
            column.name: column_mapping.parse_values(data.get(f"values_{position}") or "")
            for position, column in enumerate(self.columns)
        }
        return column_mapping.spec(columns, values)


class LinkForm(BootstrapFormMixin, forms.Form):
    target = forms.ChoiceField(
        label=_("Linked to"), help_text=_("The recommendation or indicator the data measures.")
    )
    source = forms.ChoiceField(
        label=_("Statistic"),
        help_text=_(
            "A release is what readers without access to the records see; a statistic shows "
            "to them only once a release of it with the same filters is published."
        ),
    )
    note = forms.CharField(
        label=_("What it measures"),
        max_length=255,
        required=False,
        help_text=_("For example “Victims referred to assistance, the plan's KPI 2.1”."),
    )
    parameters = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, targets: Any, sources: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets  # type: ignore[attr-defined]
        self.fields["source"].choices = sources  # type: ignore[attr-defined]
