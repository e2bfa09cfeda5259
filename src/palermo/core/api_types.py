"""Bounded types for API schemas: a value out of range is refused with 422 before any query runs.

The bounds follow what the database can hold and what the domain means: ids fit a signed 64-bit
column, counts fit a 32-bit one, years and dates lie between 1900 and 2100.
"""

import datetime
from enum import Enum
from typing import Annotated, Any, ClassVar

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import AfterValidator, Field, WithJsonSchema, model_validator

FIRST_YEAR = 1900
LAST_YEAR = 2100
# The largest value of a signed 64-bit integer, the range of Django's BigAutoField.
MAX_ID = 2**63 - 1
# The largest value of a signed 32-bit integer, the range of Django's IntegerField.
MAX_INT = 2**31 - 1
FIRST_DAY = datetime.date(FIRST_YEAR, 1, 1)
LAST_DAY = datetime.date(LAST_YEAR, 12, 31)


def _within_years(day: datetime.date) -> datetime.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"Dates run from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}.")
    return day


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Count = Annotated[int, Field(ge=0, le=MAX_INT)]
SmallInt = Annotated[int, Field(ge=0, le=32767)]
Date = Annotated[datetime.date, AfterValidator(_within_years)]


def _naive(moment: datetime.time) -> datetime.time:
    if moment.tzinfo is not None:
        raise ValueError("Give a local time without a time zone offset.")
    return moment


# A time of day as the records keep it: local, without an offset.
Time = Annotated[datetime.time, AfterValidator(_naive)]


class ValidationErrorOut(Schema):
    """What a refused request answers (422): each problem with where it is."""

    detail: list[dict[str, Any]] | str


def choices_schema(choices: type[Enum], name: str) -> WithJsonSchema:
    """An enum's values written inline under its own title.

    Pydantic names an enum's schema after its class, so `Organisation.Kind`, `Event.Kind` and
    `Law.Kind` would all be the component `Kind`, and one would overwrite the others.
    """
    schema: dict[str, Any] = {
        "title": name,
        "type": "string",
        "enum": [member.value for member in choices],
    }
    return WithJsonSchema(schema)


def _accepts_null(model: type[Model], name: str) -> bool:
    for candidate in (name, name.removesuffix("_id"), name.removesuffix("_ids")):
        try:
            model_field = model._meta.get_field(candidate)
        except FieldDoesNotExist:
            continue
        return bool(getattr(model_field, "null", False)) and not model_field.many_to_many
    # Not a column of the model (a derived input): the handler decides what null means.
    return True


class PatchSchema(Schema):
    """A change to a record: a field left out stays as it is; `null` clears only what may be empty.

    `null` for a field whose column is NOT NULL (or for a list of related records) is refused
    with 422 here, instead of reaching the database as an IntegrityError.
    """

    model: ClassVar[type[Model] | None] = None

    @model_validator(mode="before")
    @classmethod
    def refuse_null_where_the_record_needs_a_value(cls, data: Any) -> Any:
        # Ninja hands the body over wrapped in a DjangoGetter; the JSON object is inside.
        body = data._obj if isinstance(data, DjangoGetter) else data
        if cls.model is None or not isinstance(body, dict):
            return data
        refused = sorted(
            name
            for name, value in body.items()
            if value is None and name in cls.model_fields and not _accepts_null(cls.model, name)
        )
        if refused:
            raise ValueError(f"These fields need a value, not null: {', '.join(refused)}.")
        return data
