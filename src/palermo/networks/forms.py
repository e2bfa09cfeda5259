from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from followthemoney import model

from palermo.core.forms import BootstrapFormMixin
from palermo.engagement.forms import country_choices
from palermo.evidence.forms import GrantForm as EvidenceGrantForm
from palermo.evidence.models import Dataset, Sensitivity
from palermo.instruments.models import Article
from palermo.networks.models import RouteStage
from palermo.tracking.models import Recommendation


def _megabytes() -> str:
    from django.conf import settings

    return f"{settings.PALERMO_EVIDENCE_IMPORT_MAX_MB:g}"


class CollectionForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    country = forms.ChoiceField(
        label=_("State"),
        required=False,
        help_text=_("The State whose investigation this is; blank for an international one."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the entities come from, e.g. “FIA case files” or “OpenSanctions”."),
    )
    licence = forms.CharField(label=_("Licence or terms of use"), max_length=200, required=False)
    sensitivity = forms.ChoiceField(
        label=_("Sensitivity"),
        choices=Sensitivity.choices,
        initial=Sensitivity.CONFIDENTIAL,
        help_text=_("Confidential: names of suspects and victims. Public: already published."),
    )
    is_synthetic = forms.BooleanField(label=_("Invented entities (not real)"), required=False)
    datasets = forms.ModelMultipleChoiceField(
        label=_("Evidence datasets"), queryset=Dataset.objects.none(), required=False
    )
    recommendations = forms.ModelMultipleChoiceField(
        label=_("Recommendations it informs"),
        queryset=Recommendation.objects.none(),
        required=False,
    )
    articles = forms.ModelMultipleChoiceField(
        label=_("Articles it concerns"), queryset=Article.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, datasets: Any, recommendations: Any, articles: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]
        self.fields["datasets"].queryset = datasets  # type: ignore[attr-defined]
        self.fields["recommendations"].queryset = recommendations  # type: ignore[attr-defined]
        self.fields["articles"].queryset = articles  # type: ignore[attr-defined]


def schema_choices() -> list[tuple[str, str]]:
    """The concrete node schemata a table row can become, by label."""
    return sorted(
        (
            (schema.name, str(schema.label))
            for schema in model.schemata.values()
            if not schema.abstract and not schema.edge and schema.matchable
        ),
        key=lambda choice: choice[1],
    )


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(
            "{} {}",
            _(
                "FollowTheMoney JSON lines (an Aleph or OpenSanctions export), or a CSV/XLSX "
                "table with a mapping."
            ),
            format_lazy(_("At most {} MB."), _megabytes()),
        ),
    )
    mapping = forms.FileField(
        label=_("Mapping (for a table)"),
        required=False,
        help_text=_(
            "The YAML that `ftm map` reads: entities, their schema, keys and columns. "
            "Or leave it out and describe one entity per row below."
        ),
    )
    schema = forms.ChoiceField(label=_("Each row is a"), required=False)
    key_columns = forms.CharField(
        label=_("Columns that identify a row"),
        required=False,
        help_text=_("Comma-separated, e.g. “Name, Date of birth”."),
    )
    columns = forms.CharField(
        label=_("Columns and properties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: column = property, e.g. “Full name = name”."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schema"].choices = [("", "—"), *schema_choices()]  # type: ignore[attr-defined]


class EntityEvidenceForm(BootstrapFormMixin, forms.Form):
    route_stage = forms.ChoiceField(
        label=_("Route stage"),
        required=False,
        choices=[("", _("Not a place on the route")), *RouteStage.choices],
        help_text=_("For a place: where victims were recruited, moved through or exploited."),
    )
    case_ref = forms.CharField(
        label=_("Case"),
        max_length=100,
        required=False,
        help_text=_("The case identifier in a linked evidence dataset, if any."),
    )


# Access to a collection is given as access to a dataset is: one form for both.
GrantForm = EvidenceGrantForm
