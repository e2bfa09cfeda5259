"""The registry's measures as people choose them: labels, explanations and a generated form.

`analytics.registry` knows each measure's parameters (kind, default, range, choices) in plain
values; this module gives them translated labels and builds the form fields from that spec, so
a new measure or parameter appears on the page without a template change. Entities are chosen
by name from the collection's entities (never typed as ids).
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from palermo.core.forms import BootstrapFormMixin
from palermo.networks.analytics.registry import MEASURES, REQUIRED, Param

LABELS: dict[str, tuple[Any, Any]] = {
    "degree": (_("Degree"), _("How many links each entity has.")),
    "betweenness": (
        _("Betweenness (exact)"),
        _("Brokers: how many shortest paths between others pass through each entity."),
    ),
    "betweenness_sampled": (
        _("Betweenness (sampled)"),
        _("Betweenness estimated from a sample of entities, for large networks."),
    ),
    "pagerank": (_("PageRank"), _("Entities that others with weight link to.")),
    "communities": (_("Communities"), _("Groups that deal mostly with each other.")),
    "shortest_path": (_("Shortest path"), _("The fewest links from one entity to another.")),
    "simple_paths": (
        _("All paths up to a length"),
        _("Every path without repeated entities between two entities."),
    ),
    "ego_network": (_("Ego network"), _("The entities within some links of one entity.")),
    "path_money": (_("Money along a path"), _("Payments on each link of a path, both ways.")),
    "community_money": (
        _("Money between communities"),
        _("Payments from one community to another, in one currency."),
    ),
    "entity_money": (_("Money per entity"), _("What each entity paid and received.")),
    "ownership_chains": (
        _("Ownership chains"),
        _("Who owns an entity, and who owns them, with cycles reported."),
    ),
}

PARAMETER_LABELS: dict[str, Any] = {
    "direction": _("Direction"),
    "directed": _("Follow links only in their direction"),
    "normalized": _("Normalised"),
    "samples": _("Entities sampled"),
    "seed": _("Random seed"),
    "alpha": _("Damping (alpha)"),
    "tol": _("Tolerance"),
    "method": _("Method"),
    "resolution": _("Resolution"),
    "refine": _("Refine (Louvain)"),
    "source": _("From"),
    "target": _("To"),
    "max_length": _("Longest path (links)"),
    "limit": _("At most this many results"),
    "center": _("Entity at the centre"),
    "radius": _("Radius (links)"),
    "path": _("Path (one entity per line, in order)"),
    "currency": _("Currency"),
    "start": _("Start from"),
    "depth": _("Depth (links)"),
}

ENTITY_NOT_FOUND = _("“%(value)s” is not an entity of this collection.")


def measure_choices() -> list[tuple[str, str]]:
    return [(name, str(LABELS.get(name, (name, ""))[0])) for name in MEASURES]


def measure_label(name: str) -> str:
    return str(LABELS.get(name, (name, ""))[0])


def measure_help(name: str) -> str:
    return str(LABELS.get(name, ("", ""))[1])


def _field(name: str, param: Param, entities: list[tuple[str, str]]) -> forms.Field:
    label = PARAMETER_LABELS.get(name, name)
    required = param.default is REQUIRED
    initial = None if required else param.default
    if param.kind == "entity":
        return forms.ChoiceField(label=label, choices=[("", "—"), *entities], required=required)
    if param.kind == "entities":
        return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}))
    if param.kind is bool:
        return forms.BooleanField(label=label, required=False, initial=initial)
    if param.choices:
        return forms.ChoiceField(
            label=label, choices=[(c, c) for c in param.choices], initial=initial
        )
    if param.kind is int:
        return forms.IntegerField(
            label=label,
            initial=initial,
            required=required,
            min_value=None if param.minimum is None else int(param.minimum),
            max_value=None if param.maximum is None else int(param.maximum),
        )
    if param.kind is float:
        return forms.FloatField(
            label=label,
            initial=initial,
            required=required,
            min_value=param.minimum,
            max_value=param.maximum,
        )
    return forms.CharField(label=label, initial=initial, required=required, max_length=64)


class MeasureForm(BootstrapFormMixin, forms.Form):
    """The parameters of one measure, as the registry declares them."""

    def __init__(
        self, *args: Any, measure: str, entities: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.entities = entities

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        by_name = {label.casefold(): key for key, label in self.entities}
        ids = {key for key, _label in self.entities}
        for name, param in MEASURES[self.measure].params.items():
            if param.kind != "entities" or name not in cleaned:
                continue
            keys = []
            for line in str(cleaned[name]).splitlines():
                value = line.strip()
                if not value:
                    continue
                key = value if value in ids else by_name.get(value.casefold())
                if key is None:
                    self.add_error(name, ENTITY_NOT_FOUND % {"value": value})
                    break
                keys.append(key)
            cleaned[name] = keys
        return cleaned

    def parameters(self) -> dict[str, Any]:
        """The parameters to run with: what was given (blank optional ones left to defaults)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value is not None and value != ""
        }


def measure_form(measure: str, entities: list[tuple[str, str]], data: Any = None) -> MeasureForm:
    """The form of one measure: its fields declared from the registry, so the mixin styles them."""
    fields = {
        name: _field(name, param, entities) for name, param in MEASURES[measure].params.items()
    }
    form_class = type("MeasureParametersForm", (MeasureForm,), fields)
    form: MeasureForm = form_class(data, measure=measure, entities=entities)
    return form
