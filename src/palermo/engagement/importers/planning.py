"""Plan a stakeholder import: what each row would create or reuse, and why a row is wrong.

Nothing here writes. The plan is rebuilt from the stored file at commit time, with the same
column mapping and duplicate choices, so what the user confirmed is what gets written.
"""

import re
from collections.abc import Collection, Mapping
from typing import IO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy

from palermo.core import uploads
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.core.tabular import Row, read_table
from palermo.engagement import messages, permissions, selectors
from palermo.engagement.importers.columns import FIELDS, IGNORE, resolve_mapping
from palermo.engagement.importers.matching import (
    OrganisationCandidate,
    OrganisationIndex,
    PersonIndex,
    PersonMatch,
)
from palermo.engagement.importers.plans import (
    ORGANISATION_CREATE,
    ORGANISATION_EXISTING,
    ORGANISATION_SAME_AS_ROW,
    PERSON_CREATE,
    PERSON_EXISTS,
    PERSON_SAME_AS_ROW,
    ImportPlan,
    NewOrganisation,
    RowPlan,
    RowValues,
)
from palermo.engagement.models import Organisation
from palermo.engagement.phones import normalise_phone

MAX_ROWS = 2_000

# Field -> (label, longest value the model accepts).
LIMITS = {
    "organisation": (gettext_lazy("organisation's name"), 255),
    "acronym": (gettext_lazy("acronym"), 32),
    "city": (gettext_lazy("city"), 100),
    "region": (gettext_lazy("province or region"), 100),
    "name": (gettext_lazy("person's name"), 255),
    "title": (gettext_lazy("title or position"), 255),
    "roles": (gettext_lazy("roles"), 255),
}
# Values people write for a kind besides its code and its label.
KIND_ALIASES = {
    "ngo": Organisation.Kind.CIVIL_SOCIETY,
    "cso": Organisation.Kind.CIVIL_SOCIETY,
    "civil society organisation": Organisation.Kind.CIVIL_SOCIETY,
    "civil society organization": Organisation.Kind.CIVIL_SOCIETY,
    "govt": Organisation.Kind.GOVERNMENT,
    "ministry": Organisation.Kind.GOVERNMENT,
    "university": Organisation.Kind.ACADEMIA,
    "academic": Organisation.Kind.ACADEMIA,
    "private": Organisation.Kind.PRIVATE_SECTOR,
    "business": Organisation.Kind.PRIVATE_SECTOR,
    "international organization": Organisation.Kind.INTERNATIONAL,
    "ingo": Organisation.Kind.INTERNATIONAL,
    "un": Organisation.Kind.INTERNATIONAL,
}
SECTOR_SEPARATORS = re.compile(r"[,;/]")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_rows(*, content: bytes | IO[bytes], filename: str) -> list[Row]:
    """The non-blank rows of the file, refused as it streams past the caps of `core.uploads`."""
    rows = read_table(content, filename, max_rows=min(MAX_ROWS, uploads.import_max_rows()))
    if not rows:
        raise ValidationError(messages.IMPORT_NO_ROWS)
    return rows


def _clean(text: str, *, single_line: bool = True) -> str:
    text = CONTROL_CHARACTERS.sub("", text)
    return " ".join(text.split()) if single_line else text.strip()


def _cells(row: Row, mapping: Mapping[str, str]) -> dict[str, str]:
    cells = dict.fromkeys(FIELDS, "")
    for column, target in mapping.items():
        if target != IGNORE:
            cells[target] = _clean(row.values.get(column, ""), single_line=target != "expertise")
    return cells


def _kind(value: str) -> tuple[str, str | None]:
    if not value:
        return "", None
    lowered = value.casefold().replace("-", " ")
    for code, label in Organisation.Kind.choices:
        if lowered in {code, code.replace("_", " "), str(label).casefold()}:
            return code, None
    if lowered in KIND_ALIASES:
        return KIND_ALIASES[lowered], None
    allowed = ", ".join(str(label) for _code, label in Organisation.Kind.choices)
    return "", str(messages.IMPORT_KIND_UNKNOWN % {"value": value, "allowed": allowed})


def _parse(row: Row, mapping: Mapping[str, str]) -> tuple[RowValues, list[str]]:
    cells = _cells(row, mapping)
    errors: list[str] = []
    name = cells["name"] or " ".join(
        part for part in (cells["first_name"], cells["last_name"]) if part
    )
    kind, kind_error = _kind(cells["kind"])
    values = RowValues(
        organisation=cells["organisation"],
        acronym=cells["acronym"],
        kind=kind,
        themes=[
            t for t in (_clean(part) for part in SECTOR_SEPARATORS.split(cells["sector"])) if t
        ],
        city=cells["city"],
        region=cells["region"],
        name=name,
        title=cells["title"],
        roles=cells["roles"],
        expertise=cells["expertise"],
        email=cells["email"].lower(),
        phone=cells["phone"],
    )
    if not values.organisation and not values.name:
        errors.append(str(messages.IMPORT_ROW_EMPTY))
    if kind_error:
        errors.append(kind_error)
    if values.email:
        try:
            validate_email(values.email)
        except ValidationError:
            errors.append(str(messages.IMPORT_EMAIL_INVALID % {"value": cells["email"]}))
    for name_of_field, (label, longest) in LIMITS.items():
        if len(getattr(values, name_of_field)) > longest:
            errors.append(str(messages.IMPORT_TOO_LONG % {"field": label, "max": longest}))
    return values, errors


def _organisation_index(actor: User) -> OrganisationIndex:
    index = OrganisationIndex()
    for organisation in selectors.organisation_list(user=actor).prefetch_related(None):
        index.add(
            OrganisationCandidate(organisation.name, organisation=organisation),
            acronym=organisation.acronym,
        )
    return index


def _person_index(actor: User) -> PersonIndex:
    index = PersonIndex()
    people = selectors.person_list(user=actor).values_list(
        "name", "email", "phone", "organisation_id"
    )
    for name, email, phone, organisation_id in people:
        index.add(
            PersonMatch(name),
            name=name,
            email=email,
            phone=phone,
            organisation=("existing", organisation_id) if organisation_id else None,
        )
    return index


class _Planner:
    def __init__(self, *, actor: User, plan: ImportPlan, new_rows: Collection[int]) -> None:
        self.plan = plan
        self.new_rows = new_rows
        self.organisations = _organisation_index(actor)
        self.people = _person_index(actor)

    def add(self, row: Row) -> None:
        values, errors = _parse(row, self.plan.mapping)
        item = RowPlan(row.number, values.organisation, values.name, errors=errors, values=values)
        if values.organisation:
            self._place_organisation(item)
        self._read_phone(item)
        if values.name:
            self._place_person(item)
        self.plan.rows.append(item)

    def _create(self, item: RowPlan) -> None:
        item.organisation_action = ORGANISATION_CREATE
        new = NewOrganisation(item.number, item.values.organisation)
        new.absorb(item.values)
        self.plan.new_organisations[item.number] = new
        self.organisations.add(
            OrganisationCandidate(item.organisation, row=item.number), acronym=item.values.acronym
        )

    def _place_organisation(self, item: RowPlan) -> None:
        match = self.organisations.find(item.organisation)
        if match is None:
            self._create(item)
            return
        candidate = match.candidate
        item.match_label = candidate.label
        item.match_row = candidate.row
        item.score = match.score
        item.duplicate = not match.identical
        if item.duplicate and item.number in self.new_rows:
            item.create_new = True
            item.match_row = None
            self._create(item)
        elif candidate.organisation is not None:
            item.organisation_action = ORGANISATION_EXISTING
            item.match_organisation = candidate.organisation
            self.plan.matched_organisations.add(candidate.organisation.pk)
        elif candidate.row is not None:
            item.organisation_action = ORGANISATION_SAME_AS_ROW
            self.plan.new_organisations[candidate.row].absorb(item.values)

    def _read_phone(self, item: RowPlan) -> None:
        if not item.values.phone:
            return
        organisation = item.match_organisation
        country = organisation.country if organisation and organisation.country else self.plan.state
        try:
            item.values.phone = normalise_phone(item.values.phone, country)
        except ValidationError as error:
            item.errors.extend(error.messages)
            item.values.phone = ""

    def _place_person(self, item: RowPlan) -> None:
        values = item.values
        key = item.organisation_key
        if key is None and not self.plan.state:
            item.errors.append(str(messages.PERSON_NEEDS_COUNTRY))
        match = self.people.find(
            name=values.name, email=values.email, phone=values.phone, organisation=key
        )
        if match is None:
            item.person_action = PERSON_CREATE
            self.people.add(
                PersonMatch(values.name, row=item.number),
                name=values.name,
                email=values.email,
                phone=values.phone,
                organisation=key,
            )
        elif match.row is None:
            item.person_action = PERSON_EXISTS
            item.person_match = match.label
        else:
            item.person_action = PERSON_SAME_AS_ROW
            item.person_match = match.label
            item.person_match_row = match.row


def plan_import(
    *,
    actor: User,
    content: bytes | IO[bytes],
    filename: str,
    mapping: Mapping[str, str] | None = None,
    new_organisation_rows: Collection[int] = (),
) -> ImportPlan:
    """Read the file and say what each row would do, without writing anything."""
    require(permissions.can_create_organisation(actor))
    rows = read_rows(content=content, filename=filename)
    columns = list(rows[0].values)
    plan = ImportPlan(
        filename=filename,
        state=actor.country,
        columns=columns,
        mapping=resolve_mapping(columns=columns, requested=mapping),
    )
    planner = _Planner(actor=actor, plan=plan, new_rows=set(new_organisation_rows))
    for row in rows:
        planner.add(row)
    return plan
