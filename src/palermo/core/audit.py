"""Writing the audit trail: every service calls `audit_record` inside its transaction.

Every file handed out (export or download) is recorded through `export_record`, every read
of a person's contact details through `contact_view_record`; pages and API call the same one.

Each event carries a State (`AuditEvent.country`), so the audit log follows the State scope
(`core.scope`): the record's State where it has one (`country_path`), else the actor's; an
event with neither (the system, acting on no national record) is international.
"""

import contextvars
import copy
import datetime
import decimal
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile

from palermo.core.models import AuditEvent, User

# Fields whose values never enter the log; a change to them is recorded as "changed".
SECRET_FIELDS = frozenset({"password", "digest"})
REDACTED = "••••••"


@dataclass(frozen=True)
class AuditContext:
    channel: str = ""
    ip_address: str | None = None


_NO_CONTEXT = AuditContext()
_context: contextvars.ContextVar[AuditContext] = contextvars.ContextVar(
    "palermo_audit_context",
    default=_NO_CONTEXT,  # noqa: B039 - frozen, so immutable
)


@contextmanager
def audit_context(*, channel: str, ip_address: str | None = None) -> Iterator[None]:
    """Say where the writes of this block come from (web, api, cli) for their audit lines."""
    token = _context.set(AuditContext(channel=channel, ip_address=ip_address))
    try:
        yield
    finally:
        _context.reset(token)


def describe(obj: models.Model) -> str:
    """A record as the audit trail names it: its `str`, without its private values.

    A model's `__str__` may print a private field (a civil-society assessment prints its
    verdict); it is rendered from a copy whose private fields hold the mark instead.
    """
    private = getattr(obj, "audit_private_fields", ())
    if not private:
        return str(obj)
    stand_in = copy.copy(obj)
    for name in private:
        setattr(stand_in, name, REDACTED if getattr(obj, name, None) else "")
    return str(stand_in)


def country_path(model: type[models.Model]) -> str | None:
    """The lookup path from a record to its State's ISO code; None if it carries no State.

    A model names it in `audit_country_path` (an answer: "review__state__iso3"); a model
    with a `country` text field needs none.
    """
    declared = getattr(model, "audit_country_path", None)
    if declared is not None:
        return str(declared)
    try:
        field = model._meta.get_field("country")
    except FieldDoesNotExist:
        return None
    return None if field.is_relation else "country"


def country_of(obj: models.Model) -> str | None:
    """The State a record belongs to ("" if international); None if it carries none."""
    path = country_path(obj._meta.model)  # not type(): `request.user` is a lazy stand-in
    if path is None:
        return None
    value: Any = obj
    for step in path.split("__"):
        value = getattr(value, step, None)
        if value is None:
            return None
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return describe(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    if isinstance(value, FieldFile):
        return value.name or None
    if value is None or isinstance(value, str | int | float | bool | dict):
        return value
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The values of a record's concrete fields as JSON-ready values, secrets redacted."""
    names = (
        list(fields)
        if fields is not None
        else [f.name for f in obj._meta.concrete_fields if not f.primary_key]
    )
    values: dict[str, Any] = {}
    for name in names:
        field = obj._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            related_id = getattr(obj, field.attname)
            related = getattr(obj, name)
            value = None if related_id is None else f"{describe(related)} (#{related_id})"
        else:
            value = _plain(getattr(obj, name))
        values[name] = REDACTED if name in SECRET_FIELDS else value
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as {field: [before, after]}; a new record has `None` before."""
    changes: dict[str, list[Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changes[name] = [old, new]
    return changes


def _private(obj: models.Model, changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Changes with the values of the model's private fields replaced by a mark.

    A model names them in `audit_private_fields` (a person's contact details): the change is
    recorded, the value is not, since the log's readers may not be the value's readers.
    """
    private = getattr(obj, "audit_private_fields", ())
    return {
        name: [REDACTED if value else value for value in values] if name in private else values
        for name, values in changes.items()
    }


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, list[Any]] | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    actor_name: str = "",
    country: str | None = None,
) -> AuditEvent:
    """Append one event to the audit trail; a model's private fields only as changed.

    `country` is the State the event belongs to; by default the record's, else the actor's.
    """
    if obj is not None:
        changes = _private(obj, changes or {})
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or describe(obj)
        if country is None:
            country = country_of(obj)
    context = _context.get()
    authenticated = actor is not None and actor.is_authenticated
    if country is None:
        country = actor.country if actor is not None and authenticated else ""
    event = AuditEvent(
        actor=actor if authenticated else None,
        actor_name=(actor.get_username() if actor is not None and authenticated else actor_name),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:255],
        changes=changes or {},
        channel=context.channel,
        ip_address=context.ip_address,
        country=country,
    )
    event.full_clean()
    event.save()
    return event


def audit_created(*, actor: User | None, obj: models.Model) -> AuditEvent:
    after = snapshot(obj)
    return audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=obj,
        changes=diff(dict.fromkeys(after), after),
    )


def audit_deleted(*, actor: User | None, obj: models.Model) -> AuditEvent:
    before = snapshot(obj)
    return audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETE,
        obj=obj,
        changes=diff(before, dict.fromkeys(before)),
    )


def audited_update(
    *, actor: User | None, obj: models.Model, fields: dict[str, Any]
) -> dict[str, list[Any]]:
    """Set fields, validate, save, and audit what changed; return the changes."""
    before = snapshot(obj, fields)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    changes = diff(before, snapshot(obj, fields))
    if changes:
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, obj=obj, changes=changes)
    return changes


def export_record(
    *,
    actor: User | None,
    what: str,
    fmt: str,
    count: int | None = None,
    obj: models.Model | None = None,
    object_type: str = "",
    action: str = AuditEvent.Action.EXPORT,
    country: str | None = None,
) -> AuditEvent:
    """Record one export or download: who took what, in which format, how many rows.

    Every edge that hands out a file, page or API, calls this once per file; `action` is
    DOWNLOAD for a stored file handed out as it is, EXPORT for one made from the data.
    """
    detail = fmt if count is None else f"{fmt}, {count} rows"
    return audit_record(
        actor=actor,
        action=action,
        obj=obj,
        object_type=object_type,
        object_repr=f"{what} ({detail})",
        country=country,
    )


def contact_view_record(
    *, actor: User | None, people: Sequence[models.Model], where: str
) -> AuditEvent | None:
    """Record one read of people's e-mail and phone: one event per page or API answer.

    `people` are those whose contact details the reader was shown; none, no event.
    """
    if not people:
        return None
    if len(people) == 1:
        return audit_record(
            actor=actor,
            action=AuditEvent.Action.VIEW,
            obj=people[0],
            object_repr=f"Contact details of {describe(people[0])} ({where})",
        )
    names = ", ".join(describe(person) for person in people)
    return audit_record(
        actor=actor,
        action=AuditEvent.Action.VIEW,
        object_type=people[0]._meta.label_lower,
        object_repr=f"Contact details of {len(people)} people ({where}): {names}",
    )
