"""Forms of the event pages: the event, its participants and its attachments."""

from typing import Any

from django import forms
from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palermo.core import uploads
from palermo.core.forms import BootstrapFormMixin
from palermo.core.models import User
from palermo.core.widgets import PickerSelect, PickerSelectMultiple, TagsInput
from palermo.engagement.forms import ORGANISATIONS_URL, PEOPLE_URL, theme_suggestions
from palermo.engagement.models import (
    Alliance,
    Event,
    Organisation,
    Participant,
    Person,
)
from palermo.engagement.selectors import events as event_selectors
from palermo.engagement.selectors.registry import organisation_list, person_list
from palermo.engagement.services import events as event_services

DATE_INPUT = {"type": "date"}
TIME_INPUT = {"type": "time"}


class EventForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Event.Kind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    date_precision = forms.ChoiceField(
        label=gettext_lazy("Date known to the"),
        choices=Event.DatePrecision.choices,
        initial=Event.DatePrecision.DAY,
        required=False,
        help_text=gettext_lazy(
            "For a planned event known only to the month, choose its month; known only to "
            "the week, give any day of that week."
        ),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("From the date")), *Event.Status.choices],
        required=False,
        help_text=gettext_lazy(
            "Planned while it is to come, held once it has taken place, or cancelled. "
            "“From the date” makes a new event planned if it starts after today, else held."
        ),
    )
    starts_month = forms.DateField(
        label=gettext_lazy("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput({"type": "month"}, "%Y-%m"),
    )
    starts_on = forms.DateField(
        label=gettext_lazy("Starts on"), widget=forms.DateInput(DATE_INPUT, "%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Ends on"),
        required=False,
        help_text=gettext_lazy("Leave empty for a one-day event."),
        widget=forms.DateInput(DATE_INPUT, "%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=gettext_lazy("Start time"),
        required=False,
        help_text=gettext_lazy("Leave empty for an all-day event."),
        widget=forms.TimeInput(TIME_INPUT, "%H:%M"),
    )
    end_time = forms.TimeField(
        label=gettext_lazy("End time"), required=False, widget=forms.TimeInput(TIME_INPUT, "%H:%M")
    )
    venue = forms.CharField(label=gettext_lazy("Venue"), max_length=255, required=False)
    city = forms.CharField(label=gettext_lazy("City"), max_length=100, required=False)
    online = forms.BooleanField(label=gettext_lazy("Held online"), required=False)
    online_url = forms.URLField(
        label=gettext_lazy("Online link"), required=False, assume_scheme="https"
    )
    alliance = forms.ModelChoiceField(
        label=gettext_lazy("Alliance"),
        queryset=Alliance.objects.none(),
        required=False,
        widget=PickerSelect(),
    )
    organisers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Organisers"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("Type part of a name or an acronym; choose as many as you need."),
        widget=PickerSelectMultiple(url=ORGANISATIONS_URL),
    )
    partners = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Partners"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("Type part of a name or an acronym; choose as many as you need."),
        widget=PickerSelectMultiple(url=ORGANISATIONS_URL),
    )
    review: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=gettext_lazy("Review"), queryset=None, required=False, widget=PickerSelect()
    )
    instruments: "forms.ModelMultipleChoiceField[Any]" = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Instruments"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.CharField(
        label=gettext_lazy("Themes"),
        required=False,
        help_text=gettext_lazy("Choose from the list or type a new one."),
        widget=TagsInput(),
    )
    in_person_count = forms.IntegerField(
        label=gettext_lazy("Participants in person"), min_value=0, required=False
    )
    online_count = forms.IntegerField(
        label=gettext_lazy("Participants online"), min_value=0, required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["alliance"].queryset = event_selectors.event_alliances(user=user)
        organisations = organisation_list(user=user)
        fields["organisers"].queryset = organisations
        fields["partners"].queryset = organisations
        review_model = apps.get_model("reviews", "Review")
        fields["review"].queryset = review_model.objects.filter(state__iso3=user.country)
        fields["instruments"].queryset = apps.get_model("instruments", "Instrument").objects.all()
        fields["themes"].widget.suggestions = theme_suggestions()
        if self.data.get(self.add_prefix("date_precision")) == Event.DatePrecision.MONTH:
            fields["starts_on"].required = False  # the month picker gives the date

    def clean_themes(self) -> list[str]:
        raw: str = self.cleaned_data["themes"]
        return [name.strip() for name in raw.split(",") if name.strip()]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        month = data.pop("starts_month", None)
        if not data.get("status"):
            data.pop("status", None)  # the service decides from the date
        data["date_precision"] = data.get("date_precision") or Event.DatePrecision.DAY
        if data["date_precision"] != Event.DatePrecision.DAY:
            # The page hides these for a month or a week; what they held before is dropped.
            data.update(ends_on=None, start_time=None, end_time=None)
        if data["date_precision"] == Event.DatePrecision.MONTH:
            data["starts_on"] = month or data.get("starts_on")
            if data["starts_on"] is None:
                self.add_error("starts_month", _("Choose the month."))
        return data


def event_form_initial(event: Event) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(event, name) for name in event_services.EVENT_FIELDS}
    initial.update(
        starts_month=event.starts_on if event.date_precision == Event.DatePrecision.MONTH else None,
        organisers=list(event.organisers.all()),
        partners=list(event.partners.all()),
        instruments=list(event.instruments.all()),
        themes=", ".join(theme.name for theme in event.themes.all()),
    )
    return initial


class ParticipantsForm(BootstrapFormMixin, forms.Form):
    """Many participants in one go.

    Chosen people, the people of chosen organisations, or pasted names (matched and shown
    for confirmation before anything is added).
    """

    people = forms.ModelMultipleChoiceField(
        label=gettext_lazy("People"),
        queryset=Person.objects.none(),
        required=False,
        help_text=gettext_lazy("Type part of a name; choose as many as you need."),
        widget=PickerSelectMultiple(url=PEOPLE_URL),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Everyone from these organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("Adds each of their people in the registry."),
        widget=PickerSelectMultiple(url=ORGANISATIONS_URL),
    )
    names = forms.CharField(
        label=gettext_lazy("Or paste a list of names"),
        required=False,
        max_length=20_000,
        help_text=gettext_lazy(
            "One name a line, for example from an attendance sheet; you confirm the matches "
            "before they are added."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=Participant.Role.choices,
        initial=Participant.Role.PARTICIPANT,
    )
    online = forms.BooleanField(label=gettext_lazy("Took part online"), required=False)

    def __init__(self, *args: Any, user: User, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        fields: dict[str, Any] = self.fields
        fields["people"].queryset = person_list(user=user)
        fields["organisations"].queryset = organisation_list(user=user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("people") or data.get("organisations") or data.get("names")):
            raise forms.ValidationError(
                _("Choose people or organisations, or paste a list of names.")
            )
        return data

    def chosen_people(self) -> list[Person]:
        """The people chosen and the people (the user may see) of the chosen organisations."""
        people = {person.pk: person for person in self.cleaned_data["people"]}
        organisations = self.cleaned_data["organisations"]
        if organisations:
            for person in person_list(user=self.user).filter(organisation__in=organisations):
                people.setdefault(person.pk, person)
        return list(people.values())


class AttachmentForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Leave empty to use the file's name."),
    )
    file = forms.FileField(label=gettext_lazy("File"), help_text=uploads.upload_limit_help())
