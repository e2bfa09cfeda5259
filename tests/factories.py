"""Builders for test records, going through the services like the application does."""

import datetime
import itertools
from typing import TYPE_CHECKING

from palermo.core.models import User
from palermo.core.roles import Role
from palermo.core.services import tokens as token_services
from palermo.core.services import users as user_services
from palermo.engagement.models import Event, Organisation, Person
from palermo.engagement.services import registry as registry_services

if TYPE_CHECKING:
    from palermo.tracking.models import ActionPlan, Indicator

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


def make_organisation(
    name: str | None = None, kind: str = Organisation.Kind.GOVERNMENT, country: str = "PAK"
) -> Organisation:
    return registry_services.organisation_create(
        actor=None, name=name or f"Organisation {next(_numbers)}", kind=kind, country=country
    )


def make_user(
    username: str | None = None,
    *roles: Role,
    organisation: Organisation | None = None,
    password: str = PASSWORD,
    **fields: object,
) -> User:
    return user_services.user_create(
        actor=None,
        username=username or f"user{next(_numbers)}",
        password=password,
        organisation=organisation,
        roles=roles,
        **fields,  # type: ignore[arg-type]
    )


def make_secretariat(username: str = "secretariat", country: str = "PAK") -> User:
    organisation = make_organisation(f"Secretariat of {country}", country=country)
    return make_user(username, Role.SECRETARIAT, organisation=organisation)


def bearer(user: User) -> dict[str, str]:
    """Headers that authenticate API calls as this user, with a fresh personal access token."""
    _token, raw = token_services.token_create(actor=None, owner=user, name="test")
    return {"authorization": f"Bearer {raw}"}


def make_person(
    name: str | None = None,
    organisation: Organisation | None = None,
    country: str = "PAK",
    **fields: str,
) -> Person:
    return registry_services.person_create(
        actor=None,
        name=name or f"Person {next(_numbers)}",
        organisation=organisation,
        country=country,
        **fields,
    )


def make_event(
    title: str | None = None,
    starts_on: datetime.date = datetime.date(2024, 7, 10),
    kind: str = Event.Kind.MEETING,
    country: str = "PAK",
    **fields: object,
) -> Event:
    # Imported here so a broken event module fails only the tests that need events.
    from palermo.engagement.services import events as event_services

    return event_services.event_create(
        actor=None,
        kind=kind,
        title=title or f"Event {next(_numbers)}",
        starts_on=starts_on,
        country=country,
        **fields,  # type: ignore[arg-type]
    )


def make_plan(owner: Organisation | None = None, **fields: object) -> "ActionPlan":
    from palermo.tracking.services import plans

    return plans.plan_create(
        actor=None,
        title=str(fields.pop("title", f"Plan {next(_numbers)}")),
        owner=owner or make_organisation(f"Task force {next(_numbers)}"),
        starts_on=fields.pop("starts_on", datetime.date(2025, 1, 1)),  # type: ignore[arg-type]
        ends_on=fields.pop("ends_on", datetime.date(2025, 12, 31)),  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


def make_indicator(
    plan: "ActionPlan | None" = None,
    reporting_body: Organisation | None = None,
    **fields: object,
) -> "Indicator":
    """A monthly indicator rising from 100 (end of 2024) to 200 (end of 2025)."""
    from palermo.tracking.services import plans

    plan = plan or make_plan()
    measure = plans.measure_create(
        actor=None, plan=plan, title=f"Measure {next(_numbers)}", lead=plan.owner
    )
    values: dict[str, object] = {
        "name": f"Indicator {next(_numbers)}",
        "unit": "cases",
        "baseline_value": 100,
        "baseline_date": datetime.date(2024, 12, 31),
        "target_value": 200,
        "target_date": datetime.date(2025, 12, 31),
        "direction": "increase",
        "frequency": "monthly",
        "reporting_body": reporting_body or plan.owner,
    }
    values.update(fields)
    return plans.indicator_create(actor=None, measure=measure, **values)  # type: ignore[arg-type]
