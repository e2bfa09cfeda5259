"""Pickers render what Tom Select needs; long lists render only the chosen options."""

import json

import pytest
from django import forms

from palermo.core.forms import MONTH_INVALID, MonthField
from palermo.core.widgets import PickerSelect, PickerSelectMultiple, TagsInput
from palermo.engagement.models import Person
from tests.factories import make_person

pytestmark = pytest.mark.django_db


class PeopleForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.all(), required=False, widget=PickerSelect(url="/people/")
    )
    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.all(), required=False, widget=PickerSelectMultiple(url="/people/")
    )
    colour = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")], widget=PickerSelect())
    themes = forms.CharField(widget=TagsInput(suggestions=["Legal aid", "Human rights"]))


def test_a_remote_picker_renders_only_the_chosen_people() -> None:
    chosen, other = make_person("Ayesha Khan"), make_person("Bilal Ahmed")

    html = str(PeopleForm(initial={"person": chosen.pk, "people": [chosen.pk]}))

    assert 'data-picker="one"' in html
    assert 'data-picker="many"' in html
    assert 'data-picker-url="/people/"' in html
    assert "Ayesha Khan" in html
    assert other.name not in html


def test_a_short_picker_renders_every_choice_and_tags_their_suggestions() -> None:
    form = PeopleForm()

    html = str(form["colour"]) + str(form["themes"])

    assert "Red" in html
    assert "Green" in html
    assert 'data-picker="tags"' in html
    options = json.dumps(["Legal aid", "Human rights"]).replace('"', "&quot;")
    assert f'data-picker-options="{options}"' in html


def test_a_remote_picker_still_validates_against_the_whole_queryset() -> None:
    person = make_person("Ayesha Khan")

    form = PeopleForm(data={"people": [person.pk], "colour": "r", "themes": "x"})

    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["people"]) == [person]


@pytest.mark.parametrize(
    ("typed", "month"),
    [("2025-03", "2025-03"), ("2025-3", "2025-03"), ("2025-03-31", "2025-03"), ("", "")],
)
def test_the_month_field_accepts_a_year_and_a_month(typed: str, month: str) -> None:
    assert MonthField(required=False).clean(typed) == month


@pytest.mark.parametrize("typed", ["March 2025", "2025-13", "2025-00", "25-03", "0999-01"])
def test_the_month_field_refuses_anything_else(typed: str) -> None:
    with pytest.raises(forms.ValidationError) as error:
        MonthField().clean(typed)

    assert error.value.messages == [str(MONTH_INVALID)]


def test_the_month_field_renders_a_month_picker() -> None:
    assert 'type="month"' in str(MonthField().widget.render("period", "2025-03"))
