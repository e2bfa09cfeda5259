"""`choice` prints what `get_<field>_display` prints, in the active language."""

from django.template import Context, Template
from django.utils import translation

from palermo.core.templatetags.choices import choice
from palermo.engagement.models import Organisation


def test_choice_gives_the_label_of_the_value() -> None:
    organisation = Organisation(name="FIA", kind=Organisation.Kind.GOVERNMENT)

    assert choice(organisation, "kind") == organisation.get_kind_display() == "Government"


def test_choice_gives_a_value_that_is_no_choice_as_it_is() -> None:
    organisation = Organisation(name="FIA", kind="unknown")

    assert choice(organisation, "kind") == organisation.get_kind_display() == "unknown"


def test_choice_of_nothing_is_empty() -> None:
    assert choice(None, "kind") == ""


def test_choice_is_translated_when_printed() -> None:
    organisation = Organisation(name="FIA", kind=Organisation.Kind.GOVERNMENT)
    template = Template('{{ organisation|choice:"kind" }}')

    with translation.override("ur"):
        urdu = template.render(Context({"organisation": organisation}))
        expected = organisation.get_kind_display()

    assert urdu == expected
    assert urdu != "Government"
