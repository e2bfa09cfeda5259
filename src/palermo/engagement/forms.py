"""Forms of the registry and of alliances (events and minutes keep theirs beside their views)."""

from typing import Any

import pycountry
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core.countries import country_name
from palermo.core.forms import BootstrapFormMixin
from palermo.core.widgets import PickerSelect, TagsInput
from palermo.engagement.models import Organisation, Person
from palermo.engagement.selectors.registry import theme_list
from palermo.engagement.themes import CURATED_THEMES

PEOPLE_URL = reverse_lazy("engagement:picker-people")
ORGANISATIONS_URL = reverse_lazy("engagement:picker-organisations")


def theme_suggestions() -> list[str]:
    """The themes offered as tags: the curated ones first, then those already in use."""
    names = [theme.name for theme in theme_list()]
    return names or list(CURATED_THEMES)


def country_choices() -> list[tuple[str, str]]:
    """Every ISO 3166 country, named and sorted in the language of the page."""
    names = ((c.alpha_3, country_name(c.alpha_3)) for c in pycountry.countries)
    return [
        ("", _("International (no country)")),
        *sorted(names, key=lambda choice: choice[1].casefold()),
    ]


def split_tags(value: str) -> list[str]:
    """'Human rights; Legal aid, TIP/NGO' -> ['Human rights', 'Legal aid', 'TIP/NGO']."""
    parts = value.replace(";", ",").split(",")
    return [" ".join(part.split()) for part in parts if part.strip()]


class DateInput(forms.DateInput):
    input_type = "date"


class OrganisationForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    acronym = forms.CharField(label=gettext_lazy("Acronym"), max_length=32, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Organisation.Kind.choices)
    themes = forms.CharField(
        label=gettext_lazy("Sectors and themes"),
        required=False,
        help_text=gettext_lazy("Choose from the list or type a new one."),
        widget=TagsInput(),
    )
    city = forms.CharField(label=gettext_lazy("City"), max_length=100, required=False)
    region = forms.CharField(
        label=gettext_lazy("Province or region"), max_length=100, required=False
    )
    country = forms.ChoiceField(
        label=gettext_lazy("Country"), choices=country_choices, required=False
    )
    website = forms.URLField(label=gettext_lazy("Website"), required=False, assume_scheme="https")
    parent = forms.ModelChoiceField(
        label=gettext_lazy("Parent organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("For a branch, chapter or department of a larger body."),
        widget=PickerSelect(url=ORGANISATIONS_URL),
    )

    def __init__(self, *args: Any, parents: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].widget.suggestions = theme_suggestions()
        if parents is not None:
            self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

    def clean_themes(self) -> list[str]:
        return split_tags(self.cleaned_data["themes"])


class PersonForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    title = forms.CharField(label=gettext_lazy("Title or position"), max_length=255, required=False)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("Leave empty for an individual expert."),
        widget=PickerSelect(url=ORGANISATIONS_URL),
    )
    country = forms.ChoiceField(
        label=gettext_lazy("Country"),
        choices=country_choices,
        required=False,
        help_text=gettext_lazy("Used when the person has no organisation."),
    )
    roles = forms.CharField(
        label=gettext_lazy("Roles"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("For example: focal person, legal expert, spokesperson."),
    )
    expertise = forms.CharField(
        label=gettext_lazy("Expertise"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    phone = forms.CharField(
        label=gettext_lazy("Phone"),
        max_length=40,
        required=False,
        help_text=gettext_lazy(
            "Any usual form; numbers without a country code are read as the organisation's "
            "country's."
        ),
    )

    other_phones = forms.CharField(
        label=gettext_lazy("Other phone numbers"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Further numbers, separated by semicolons."),
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


def person_initial(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "title": person.title,
        "organisation": person.organisation_id,
        "country": person.country,
        "roles": person.roles,
        "expertise": person.expertise,
        "email": person.email,
        "phone": person.phone,
        "other_phones": person.other_phones,
    }


def organisation_initial(organisation: Organisation) -> dict[str, Any]:
    return {
        "name": organisation.name,
        "acronym": organisation.acronym,
        "kind": organisation.kind,
        "themes": ", ".join(theme.name for theme in organisation.themes.all()),
        "city": organisation.city,
        "region": organisation.region,
        "country": organisation.country,
        "website": organisation.website,
        "parent": organisation.parent_id,
    }


class AllianceForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    coordinator = forms.ModelChoiceField(
        label=gettext_lazy("Coordinating organisation"),
        queryset=Organisation.objects.none(),
        widget=PickerSelect(url=ORGANISATIONS_URL),
    )
    founded_on = forms.DateField(
        label=gettext_lazy("Founded on"), required=False, widget=DateInput()
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["coordinator"].queryset = organisations  # type: ignore[attr-defined]


class MembershipForm(BootstrapFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=PickerSelect(url=ORGANISATIONS_URL),
    )
    person = forms.ModelChoiceField(
        label=gettext_lazy("or an individual expert"),
        queryset=Person.objects.none(),
        required=False,
        widget=PickerSelect(url=PEOPLE_URL),
    )
    joined_on = forms.DateField(label=gettext_lazy("Joined on"), widget=DateInput())
    note = forms.CharField(label=gettext_lazy("Note"), max_length=255, required=False)

    def __init__(
        self, *args: Any, organisations: Any = None, people: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if people is not None:
            self.fields["person"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("organisation")) == bool(data.get("person")):
            raise forms.ValidationError(_("Choose an organisation or an individual expert."))
        return data


class MembershipEndForm(BootstrapFormMixin, forms.Form):
    left_on = forms.DateField(label=gettext_lazy("Left on"), widget=DateInput())


class MembershipFigureForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1900, max_value=2999)
    organisations = forms.IntegerField(label=gettext_lazy("Member organisations"), min_value=0)
    experts = forms.IntegerField(label=gettext_lazy("Individual experts"), min_value=0)
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Where the figures come from, e.g. “Annual meeting, March 2025”."),
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=255, required=False)
