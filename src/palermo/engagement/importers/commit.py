"""Write a planned stakeholder import: every row, or nothing."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent, User
from palermo.engagement import messages
from palermo.engagement.importers.planning import plan_import
from palermo.engagement.importers.plans import (
    ORGANISATION_CREATE,
    PERSON_CREATE,
    PERSON_EXISTS,
    ImportPlan,
    RowPlan,
)
from palermo.engagement.models import Organisation, Person
from palermo.engagement.phones import PHONE_SEPARATOR
from palermo.engagement.services import registry as registry_services


class ImportRowsError(ValidationError):
    """The file has rows with errors; carries the plan so callers can show every row's reason."""

    def __init__(self, plan: ImportPlan) -> None:
        summary = messages.IMPORT_HAS_ERRORS % {"count": plan.errors}
        super().__init__([str(summary), *plan.error_summary()])
        self.plan = plan


@dataclass(frozen=True)
class ImportResult:
    filename: str
    organisations_created: int
    organisations_matched: int
    people_created: int
    people_skipped: int
    phones_added: int = 0


def _row_error(row: RowPlan, error: ValidationError) -> ValidationError:
    return ValidationError(
        [str(messages.IMPORT_ROW_ERROR % {"row": row.number, "error": m}) for m in error.messages]
    )


def _add_phones(*, actor: User, person_id: int, numbers: list[str]) -> None:
    """A skipped duplicate's numbers join the registry person's, none dropped."""
    person = Person.objects.get(pk=person_id)
    held = [person.phone, *person.other_phones.split(PHONE_SEPARATOR)]
    new = [number for number in numbers if number not in held]
    if not new:
        return
    fields = {"other_phones": PHONE_SEPARATOR.join([p for p in held[1:] if p] + new)}
    if not person.phone:
        fields = {"phone": new[0], "other_phones": PHONE_SEPARATOR.join(new[1:])}
    registry_services.person_update(
        actor=actor, person=person, keep_unverified_phones=True, **fields
    )


def _write(*, actor: User, plan: ImportPlan) -> None:
    created: dict[int, Organisation] = {}
    for row in plan.rows:
        try:
            if row.organisation_action == ORGANISATION_CREATE:
                new = plan.new_organisations[row.number]
                created[row.number] = registry_services.organisation_create(
                    actor=actor,
                    name=new.name,
                    kind=new.kind or Organisation.Kind.CIVIL_SOCIETY,
                    country=plan.state,
                    acronym=new.acronym,
                    city=new.city,
                    region=new.region,
                    themes=new.themes,
                )
            if row.person_action == PERSON_EXISTS and row.phones_added and row.person_match_id:
                _add_phones(actor=actor, person_id=row.person_match_id, numbers=row.phones_added)
            if row.person_action != PERSON_CREATE:
                continue
            organisation = row.match_organisation
            if row.organisation_action == ORGANISATION_CREATE:
                organisation = created[row.number]
            elif row.match_row is not None:
                organisation = created[row.match_row]
            values = row.values
            registry_services.person_create(
                actor=actor,
                name=values.name,
                organisation=organisation,
                country=plan.state,
                title=values.title,
                roles=values.roles,
                expertise=values.expertise,
                email=values.email,
                phone=values.phone,
                other_phones=PHONE_SEPARATOR.join(values.other_phones),
                keep_unverified_phones=True,
            )
        except ValidationError as error:
            # The plan checked every row; a service refusing one still names the row.
            raise _row_error(row, error) from error


@transaction.atomic
def commit_import(
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
) -> ImportResult:
    """Re-plan the file as confirmed and write all of it, or nothing if any row is wrong."""
    plan = plan_import(
        actor=actor,
        content=content,
        filename=filename,
        mapping=mapping,
        new_organisation_rows=new_organisation_rows,
        merge_rows=merge_rows,
        header_row=header_row,
        sheet=sheet,
        split_names=split_names,
        kind_values=kind_values,
    )
    if not plan.can_commit:
        raise ImportRowsError(plan)
    _write(actor=actor, plan=plan)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.IMPORT,
        object_type="engagement.organisation",
        object_repr=(
            f"{filename}: {plan.organisations_to_create} organisations, "
            f"{plan.people_to_create} people"
        )[:255],
    )
    return ImportResult(
        filename=filename,
        organisations_created=plan.organisations_to_create,
        organisations_matched=plan.organisations_matched,
        people_created=plan.people_to_create,
        people_skipped=plan.people_existing,
        phones_added=sum(len(row.phones_added) for row in plan.rows),
    )
