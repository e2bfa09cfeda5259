"""What a stakeholder import would do, row by row: the plan the preview shows and commit follows."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from palermo.engagement import messages
from palermo.engagement.importers.columns import column_label
from palermo.engagement.importers.matching import OrganisationKey
from palermo.engagement.models import Organisation

ORGANISATION_CREATE = "create"
ORGANISATION_EXISTING = "existing"
ORGANISATION_SAME_AS_ROW = "same_as_row"
PERSON_CREATE = "create"
PERSON_EXISTS = "exists"
PERSON_SAME_AS_ROW = "same_as_row"
NOTHING = "none"


@dataclass
class RowValues:
    """One row's cells, read into the registry's fields."""

    organisation: str = ""
    acronym: str = ""
    kind: str = ""
    themes: list[str] = field(default_factory=list)
    city: str = ""
    region: str = ""
    name: str = ""
    title: str = ""
    roles: str = ""
    expertise: str = ""
    email: str = ""
    phone: str = ""  # E.164 once the plan has read it, or as written when unverifiable
    other_phones: list[str] = field(default_factory=list)  # a cell's second and later numbers

    def add_phones(self, numbers: list[str]) -> list[str]:
        """Keep the numbers not yet held (the first as the phone); return those added."""
        added: list[str] = []
        for number in numbers:
            if number and number != self.phone and number not in self.other_phones:
                if self.phone:
                    self.other_phones.append(number)
                else:
                    self.phone = number
                added.append(number)
        return added


@dataclass
class NewOrganisation:
    """An organisation the import creates, gathered from every row that belongs to it."""

    row: int
    name: str
    acronym: str = ""
    kind: str = ""
    themes: list[str] = field(default_factory=list)
    city: str = ""
    region: str = ""
    kind_guessed: bool = False

    def absorb(self, values: RowValues) -> None:
        """A later row of the same organisation adds its sectors and fills what is blank."""
        self.acronym = self.acronym or values.acronym
        if values.kind and (not self.kind or self.kind_guessed):
            self.kind, self.kind_guessed = values.kind, False
        self.city = self.city or values.city
        self.region = self.region or values.region
        known = {theme.casefold() for theme in self.themes}
        self.themes.extend(theme for theme in values.themes if theme.casefold() not in known)


@dataclass
class RowPlan:
    number: int
    organisation: str
    person: str
    organisation_action: str = NOTHING
    # The organisation this row joins: one in the registry, or the one an earlier row creates.
    match_label: str = ""
    match_row: int | None = None
    match_organisation: Organisation | None = None
    score: int | None = None
    duplicate: bool = False
    create_new: bool = False
    # A possible match below the automatic threshold: a new organisation unless confirmed.
    possible_match: bool = False
    merge_confirmed: bool = False
    match_reason: str = ""
    person_action: str = NOTHING
    person_match: str = ""
    person_match_row: int | None = None
    person_match_id: int | None = None
    # Numbers of a skipped duplicate person that its match does not hold yet: added to it.
    phones_added: list[str] = field(default_factory=list)
    # A line holding only a place or a job title, read into the row above.
    folded_into: int | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    values: RowValues = field(default_factory=RowValues, repr=False)

    @property
    def actions(self) -> list[str]:
        """What happens to this row, in words for the preview."""
        texts: list[str] = list(self.notes)
        if self.duplicate:
            texts.append(self._duplicate_text())
        elif self.possible_match:
            texts.append(self._possible_match_text())
        if self.organisation_action == ORGANISATION_CREATE:
            texts.append(_("New organisation “%(name)s”.") % {"name": self.organisation})
        elif self.organisation_action == ORGANISATION_EXISTING and not self.duplicate:
            texts.append(_("Existing organisation “%(name)s”.") % {"name": self.match_label})
        elif self.organisation_action == ORGANISATION_SAME_AS_ROW and not self.duplicate:
            texts.append(_("Same organisation as row %(row)s.") % {"row": self.match_row})
        if self.person_action == PERSON_CREATE:
            texts.append(_("New person “%(name)s”.") % {"name": self.person})
        elif self.person_action == PERSON_EXISTS:
            texts.append(
                _("“%(name)s” is already in the registry as “%(match)s”; skipped.")
                % {"name": self.person, "match": self.person_match}
            )
        elif self.person_action == PERSON_SAME_AS_ROW:
            texts.append(_("Same person as row %(row)s; skipped.") % {"row": self.person_match_row})
        if self.phones_added:
            texts.append(
                ngettext(
                    "Their number %(numbers)s is added to that person.",
                    "Their numbers %(numbers)s are added to that person.",
                    len(self.phones_added),
                )
                % {"numbers": ", ".join(self.phones_added)}
            )
        return texts

    def _possible_match_text(self) -> str:
        params = {
            "match": self.match_label,
            "row": self.match_row,
            "score": self.score,
            "reason": self.match_reason,
        }
        if self.merge_confirmed:
            return (
                _("Possible match for “%(match)s” (score %(score)s: %(reason)s); merged into it.")
                % params
            )
        return (
            _(
                "Possible match for “%(match)s” (score %(score)s: %(reason)s); kept as a new "
                "organisation unless you merge it."
            )
            % params
        )

    def _duplicate_text(self) -> str:
        params = {"match": self.match_label, "row": self.match_row, "score": self.score}
        if self.match_reason:
            params["score"] = f"{self.score}: {self.match_reason}"
        if self.create_new:
            return (
                _("Likely duplicate of “%(match)s” (score %(score)s); kept as a new organisation.")
                % params
            )
        if self.match_row is not None:
            return (
                _(
                    "Likely duplicate of “%(match)s” of row %(row)s (score %(score)s); "
                    "merged into it."
                )
                % params
            )
        return _("Likely duplicate of “%(match)s” (score %(score)s); merged into it.") % params

    @property
    def skipped(self) -> bool:
        """Read into another row, or left with nothing to import (and said so)."""
        return self.folded_into is not None or (
            self.organisation_action == NOTHING and self.person_action == NOTHING
        )

    @property
    def organisation_key(self) -> OrganisationKey:
        if self.match_organisation is not None:
            return ("existing", self.match_organisation.pk)
        if self.organisation_action == ORGANISATION_CREATE:
            return ("row", self.number)
        if self.match_row is not None:
            return ("row", self.match_row)
        return None


@dataclass
class ImportPlan:
    filename: str
    state: str
    columns: list[str]
    mapping: dict[str, str]
    header_row: int = 1
    header_detected: bool = True
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    # A kind column's values: those chosen once per distinct value, and those still unknown.
    kind_values: dict[str, str] = field(default_factory=dict)
    unknown_kinds: list[str] = field(default_factory=list)
    split_names: bool = True
    rows: list[RowPlan] = field(default_factory=list)
    new_organisations: dict[int, NewOrganisation] = field(default_factory=dict)
    matched_organisations: set[int] = field(default_factory=set)

    @property
    def organisations_to_create(self) -> int:
        return len(self.new_organisations)

    @property
    def organisations_matched(self) -> int:
        return len(self.matched_organisations)

    @property
    def people_to_create(self) -> int:
        return sum(1 for row in self.rows if row.person_action == PERSON_CREATE)

    @property
    def people_existing(self) -> int:
        return sum(
            1 for row in self.rows if row.person_action in {PERSON_EXISTS, PERSON_SAME_AS_ROW}
        )

    @property
    def organisation_duplicates(self) -> int:
        return sum(1 for row in self.rows if row.duplicate)

    @property
    def duplicates(self) -> int:
        return self.organisation_duplicates + self.people_existing

    @property
    def kind_value_choices(self) -> list[tuple[str, str]]:
        """(a kind column's value, the kind chosen for it or "") for the value selects."""
        chosen = list(self.kind_values.items())
        return chosen + [
            (value, "") for value in self.unknown_kinds if value not in self.kind_values
        ]

    @property
    def possible_matches(self) -> int:
        return sum(1 for row in self.rows if row.possible_match)

    @property
    def warnings(self) -> int:
        return sum(1 for row in self.rows if row.warnings)

    @property
    def errors(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def can_commit(self) -> bool:
        return bool(self.rows) and self.errors == 0

    @property
    def column_choices(self) -> list[tuple[str, str, str]]:
        """(column, its label, the field it feeds) for the mapping selects."""
        return [(column, column_label(column), self.mapping[column]) for column in self.columns]

    def error_summary(self) -> list[str]:
        return [
            str(messages.IMPORT_ROW_ERROR % {"row": row.number, "error": error})
            for row in self.rows
            for error in row.errors
        ]
