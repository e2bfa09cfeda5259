from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from palermo.core import uploads
from palermo.core.forms import BootstrapFormMixin
from palermo.instruments.models import Instrument, Law, Obligation, Ratification, RegionalGroup


class ArticleForm(BootstrapFormMixin, forms.Form):
    summary = forms.CharField(
        label=_("Summary of the obligation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("In plain words, what a State must do. Our own words, not the treaty's text."),
    )
    obligation = forms.ChoiceField(
        label=_("Kind of obligation"),
        choices=[("", _("Not set")), *Obligation.choices],
        required=False,
    )


class ClusterForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    title_confirmed = forms.BooleanField(label=_("The title is confirmed"), required=False)


class CompositionForm(BootstrapFormMixin, forms.Form):
    numbers = forms.TypedMultipleChoiceField(
        label=_("Articles"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    is_confirmed = forms.BooleanField(
        label=_("This list is confirmed from a primary source"), required=False
    )
    note = forms.CharField(label=_("Source or note"), required=False, max_length=2000)

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["numbers"].choices = [  # type: ignore[attr-defined]
            (a.number, f"{a.number}. {a.title}") for a in instrument.articles.all()
        ]


class StateForm(BootstrapFormMixin, forms.Form):
    regional_group = forms.ChoiceField(
        label=_("UN regional group"),
        choices=[("", _("Not known")), *RegionalGroup.choices],
        required=False,
    )


class RatificationForm(BootstrapFormMixin, forms.Form):
    instrument = forms.ModelChoiceField(label=_("Instrument"), queryset=Instrument.objects.all())
    is_party = forms.BooleanField(label=_("The State is a party"), required=False)
    signed = forms.CharField(
        label=_("Signed"),
        required=False,
        help_text=_("YYYY-MM-DD, or YYYY-MM or YYYY when only that is known."),
    )
    ratified = forms.CharField(
        label=_("Ratified or acceded"),
        required=False,
        help_text=_("YYYY-MM-DD, or YYYY-MM or YYYY when only that is known."),
    )
    kind = forms.ChoiceField(
        label=_("By"), choices=[("", "—"), *Ratification.Kind.choices], required=False
    )
    reservations = forms.CharField(
        label=_("Reservations and declarations"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    note = forms.CharField(label=_("Note or source"), required=False)


class LawForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    short_title = forms.CharField(label=_("Short title"), max_length=100, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1800, max_value=2100, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=Law.Kind.choices, initial=Law.Kind.ACT)
    status = forms.ChoiceField(label=_("Status"), choices=Law.Status.choices)
    source_url = forms.URLField(label=_("Source address"), required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=format_lazy(
            "{} {}",
            _("The text as PDF, Word, OpenDocument, RTF or plain text."),
            uploads.upload_limit_help(),
        ),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ProvisionForm(BootstrapFormMixin, forms.Form):
    section = forms.CharField(
        label=_("Section"),
        max_length=32,
        required=False,
        help_text=_("Leave empty for the law as a whole."),
    )
    heading = forms.CharField(label=_("Heading"), max_length=255, required=False)
    text = forms.CharField(
        label=_("Text or summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MappingForm(BootstrapFormMixin, forms.Form):
    provision = forms.IntegerField(widget=forms.HiddenInput)
    article = forms.CharField(
        label=_("Article"), max_length=32, help_text=_("Written like untoc:6 or tip:5.")
    )
    note = forms.CharField(label=_("How the provision implements it"), required=False)


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Table of laws and mappings"),
        help_text=format_lazy(
            "{} {}",
            _(
                "CSV or XLSX, one row per provision and article: law, short_title, year, type, "
                "status, source_url, section, heading, text, article (e.g. untoc:6), note."
            ),
            uploads.import_limit_help(),
        ),
    )
