"""Plan a stakeholder import: what each row would create or reuse, and why a row is wrong.

Nothing here writes. The plan is rebuilt from the stored file at commit time, with the same
header row, column mapping and duplicate choices, so what the user confirmed is what gets
written.
"""

from collections.abc import Collection, Mapping
from typing import IO

from django.core.exceptions import ValidationError

from palermo.core.models import User
from palermo.core.permissions import require
from palermo.core.tabular import Row
from palermo.engagement import messages, permissions
from palermo.engagement.importers.columns import resolve_mapping
from palermo.engagement.importers.matching import PersonIndex, PersonMatch
from palermo.engagement.importers.names import is_job_title, read_place
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
)
from palermo.engagement.importers.reading import (
    GUESS_KIND,
    MAX_ROWS,
    kind_for_new_organisation,
    mapped_cells,
    parse_row,
    read_file,
)
from palermo.engagement.importers.similarity import (
    OrganisationCandidate,
    OrganisationIndex,
    OrganisationMatch,
)
from palermo.engagement.models import Organisation
from palermo.engagement.phones import PHONE_SEPARATOR, read_phones
from palermo.engagement.selectors import registry as registry_selectors

__all__ = ["MAX_ROWS", "plan_import"]


def _organisation_index(actor: User) -> tuple[OrganisationIndex, set[str]]:
    """The registry's organisations to match against, and the places they are in."""
    index = OrganisationIndex()
    places: set[str] = set()
    for organisation in registry_selectors.organisation_list(user=actor).prefetch_related(None):
        index.add(
            OrganisationCandidate(
                organisation.name, organisation=organisation, acronym=organisation.acronym
            )
        )
        places.update(p.casefold() for p in (organisation.city, organisation.region) if p)
    return index, places


def _person_index(actor: User) -> PersonIndex:
    index = PersonIndex()
    people = registry_selectors.person_list(user=actor).values_list(
        "pk", "name", "email", "phone", "other_phones", "organisation_id"
    )
    for pk, name, email, phone, other_phones, organisation_id in people:
        numbers = [phone, *other_phones.split(PHONE_SEPARATOR)] if other_phones else [phone]
        index.add(
            PersonMatch(name, person_id=pk, phones=[n for n in numbers if n]),
            name=name,
            email=email,
            phones=numbers,
            organisation=("existing", organisation_id) if organisation_id else None,
        )
    return index


class _Planner:
    def __init__(
        self,
        *,
        actor: User,
        plan: ImportPlan,
        new_rows: Collection[int],
        merge_rows: Collection[int],
    ) -> None:
        self.plan = plan
        self.new_rows = new_rows
        self.merge_rows = merge_rows
        self.organisations, self.known_places = _organisation_index(actor)
        self.people = _person_index(actor)
        self.by_number: dict[int, RowPlan] = {}

    # Reading: every row's cells, continuation lines folded into the row above.

    def read(self, rows: list[Row]) -> None:
        mapping = self.plan.mapping
        for row in rows:
            cells = mapped_cells(row, mapping)
            self.known_places.update(
                value.casefold() for value in (cells["city"], cells["region"]) if value
            )
        previous: RowPlan | None = None
        for row in rows:
            if previous is not None and self._fold(row, previous):
                continue
            parsed = parse_row(
                row,
                mapping,
                known_places=self.known_places,
                split_names=self.plan.split_names,
                kind_values=self.plan.kind_values,
            )
            if parsed.unknown_kind and parsed.unknown_kind not in self.plan.unknown_kinds:
                self.plan.unknown_kinds.append(parsed.unknown_kind)
            values = parsed.values
            item = RowPlan(
                row.number,
                values.organisation,
                values.name,
                errors=parsed.errors,
                warnings=parsed.warnings,
                notes=parsed.notes,
                values=values,
            )
            self.plan.rows.append(item)
            self.by_number[item.number] = item
            previous = item
            if values.organisation:
                self.organisations.learn(values.organisation)

    def _fold(self, row: Row, previous: RowPlan) -> bool:
        """A line holding only a place or a job title, right below its row, belongs to it."""
        cells = mapped_cells(row, self.plan.mapping)
        filled = [field for field, value in cells.items() if value]
        if row.number != previous.number + 1 or previous.errors or len(filled) != 1:
            return False
        if filled[0] not in {"organisation", "name"}:
            return False
        text = cells[filled[0]]
        values = previous.values
        item = RowPlan(row.number, "", "", folded_into=previous.number)
        place = read_place(text, self.known_places)
        if place is not None and (previous.organisation or values.name):
            values.city = values.city or place.city
            values.region = values.region or place.region
            where = ", ".join(part for part in (place.city, place.region) if part) or text
            item.warnings.append(
                str(messages.IMPORT_PLACE_FOLDED % {"row": previous.number, "place": where})
            )
        elif is_job_title(text) and values.name:
            if values.title:
                values.roles = ", ".join(part for part in (values.roles, text) if part)
            else:
                values.title = text
            item.warnings.append(str(messages.IMPORT_JOB_TITLE_FOLDED % {"row": previous.number}))
        else:
            return False
        self.plan.rows.append(item)
        return True

    # Placing: which organisation and person each row is.

    def place(self) -> None:
        for item in self.plan.rows:
            if item.folded_into is not None:
                continue
            if item.values.organisation:
                self._place_organisation(item)
            self._read_phones(item)
            if item.values.name:
                self._place_person(item)

    def _create(self, item: RowPlan) -> None:
        item.organisation_action = ORGANISATION_CREATE
        values = item.values
        kind, guessed = kind_for_new_organisation(values)
        new = NewOrganisation(item.number, values.organisation, kind=kind, kind_guessed=guessed)
        new.absorb(values)
        if guessed and kind != Organisation.Kind.CIVIL_SOCIETY:
            label = Organisation.Kind(kind).label
            item.notes.append(str(messages.IMPORT_KIND_GUESSED % {"kind": label}))
        self.plan.new_organisations[item.number] = new
        self.organisations.add(
            OrganisationCandidate(item.organisation, row=item.number, acronym=values.acronym)
        )

    def _place_organisation(self, item: RowPlan) -> None:
        match = self.organisations.find(item.organisation, item.values.acronym)
        if match is None:
            self._create(item)
            return
        candidate = match.candidate
        item.match_label = candidate.label
        item.match_row = candidate.row
        item.score = match.score
        item.match_reason = match.reason
        if match.automatic:
            item.duplicate = not match.identical
            if item.duplicate and item.number in self.new_rows:
                item.create_new = True
                self._create(item)
                return
        else:
            item.possible_match = True
            item.merge_confirmed = item.number in self.merge_rows
            if not item.merge_confirmed:
                self._create(item)
                return
        self._join(item, match)

    def _join(self, item: RowPlan, match: OrganisationMatch) -> None:
        candidate = match.candidate
        if candidate.organisation is not None:
            item.organisation_action = ORGANISATION_EXISTING
            item.match_organisation = candidate.organisation
            self.plan.matched_organisations.add(candidate.organisation.pk)
        elif candidate.row is not None:
            item.organisation_action = ORGANISATION_SAME_AS_ROW
            self.plan.new_organisations[candidate.row].absorb(item.values)

    def _read_phones(self, item: RowPlan) -> None:
        values = item.values
        if not values.phone:
            return
        organisation = item.match_organisation
        country = organisation.country if organisation and organisation.country else self.plan.state
        raw, values.phone = values.phone, ""
        try:
            readings = read_phones(raw, country)
        except ValidationError as error:
            item.errors.extend(error.messages)
            return
        values.add_phones([reading.number for reading in readings])
        item.warnings.extend(
            str(messages.IMPORT_PHONE_UNVERIFIED % {"value": reading.written})
            for reading in readings
            if not reading.verified
        )

    def _place_person(self, item: RowPlan) -> None:
        values = item.values
        key = item.organisation_key
        if key is None and not self.plan.state:
            item.errors.append(str(messages.PERSON_NEEDS_COUNTRY))
        phones = [number for number in (values.phone, *values.other_phones) if number]
        match = self.people.find(
            name=values.name, email=values.email, phones=phones, organisation=key
        )
        if match is None:
            item.person_action = PERSON_CREATE
            self.people.add(
                PersonMatch(values.name, row=item.number),
                name=values.name,
                email=values.email,
                phones=phones,
                organisation=key,
            )
            return
        item.person_match = match.label
        if match.row is None:
            item.person_action = PERSON_EXISTS
            item.person_match_id = match.person_id
            item.phones_added = [number for number in phones if number not in match.phones]
            match.phones.extend(item.phones_added)
        else:
            item.person_action = PERSON_SAME_AS_ROW
            item.person_match_row = match.row
            item.phones_added = self.by_number[match.row].values.add_phones(phones)
        for number in item.phones_added:
            self.people.add_phone(match, number)


def _kind_values(requested: Mapping[str, str] | None) -> dict[str, str]:
    allowed = {*Organisation.Kind.values, GUESS_KIND}
    kind_values: dict[str, str] = {}
    for value, kind in (requested or {}).items():
        if kind not in allowed:
            raise ValidationError(messages.IMPORT_KIND_VALUE_UNKNOWN % {"kind": kind})
        kind_values[value.strip()] = kind
    return kind_values


def plan_import(
    *,
    actor: User,
    content: bytes | IO[bytes],
    filename: str,
    mapping: Mapping[str, str] | None = None,
    new_organisation_rows: Collection[int] = (),
    merge_rows: Collection[int] = (),
    header_row: int | None = None,
    sheet: str = "",
    split_names: bool = True,
    kind_values: Mapping[str, str] | None = None,
) -> ImportPlan:
    """Read the file and say what each row would do, without writing anything.

    `header_row` names the header's row when it is not the one found; `new_organisation_rows`
    keeps automatic matches apart, `merge_rows` confirms possible matches; `kind_values` maps
    a kind column's unknown values to kinds, once per distinct value.
    """
    require(permissions.can_create_organisation(actor))
    listed = read_file(content=content, filename=filename, header_row=header_row, sheet=sheet)
    header = listed.header
    columns = [column for column in header.columns if column]
    plan = ImportPlan(
        filename=filename,
        state=actor.country,
        columns=columns,
        mapping=resolve_mapping(columns=columns, requested=mapping),
        header_row=header.number,
        header_detected=header.detected,
        sheet=listed.sheet,
        sheets=listed.sheets,
        split_names=split_names,
        kind_values=_kind_values(kind_values),
    )
    planner = _Planner(
        actor=actor, plan=plan, new_rows=set(new_organisation_rows), merge_rows=set(merge_rows)
    )
    planner.read(listed.rows)
    planner.place()
    return plan
