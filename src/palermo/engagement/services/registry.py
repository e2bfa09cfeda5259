"""Writes to the registry: organisations, their themes, and people."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from palermo.core.audit import audit_created, audit_deleted, audited_update
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.engagement import messages, permissions, search
from palermo.engagement.models import Organisation, Person, Theme
from palermo.engagement.phones import PHONE_SEPARATOR, normalise_phone, read_phone, read_phones
from palermo.engagement.themes import CURATED_THEMES

ORGANISATION_FIELDS = ("name", "acronym", "kind", "city", "region", "country", "website", "parent")
PERSON_FIELDS = (
    "name",
    "title",
    "organisation",
    "country",
    "roles",
    "expertise",
    "email",
    "phone",
    "other_phones",
)


def themes_get_or_create(names: Iterable[str]) -> list[Theme]:
    """The themes with these names (any case), creating the ones that do not exist yet."""
    themes: list[Theme] = []
    for raw in names:
        name = " ".join(raw.split())
        if not name:
            continue
        theme = Theme.objects.filter(name__iexact=name).first()
        if theme is None:
            theme = Theme(name=name[:100], curated=name in CURATED_THEMES)
            theme.full_clean()
            theme.save()
        if theme not in themes:
            themes.append(theme)
    return themes


@transaction.atomic
def themes_load_curated() -> int:
    """Make sure the curated themes exist (reference data); return how many were added."""
    before = Theme.objects.count()
    themes_get_or_create(CURATED_THEMES)
    Theme.objects.filter(name__in=CURATED_THEMES).update(curated=True)
    return Theme.objects.count() - before


def _check_parent(organisation: Organisation, parent: Organisation | None) -> None:
    if parent is None:
        return
    if parent.country and organisation.country and parent.country != organisation.country:
        raise ValidationError({"parent": messages.ORGANISATION_PARENT_OTHER_STATE})
    ancestor: Organisation | None = parent
    while ancestor is not None:
        if organisation.pk is not None and ancestor.pk == organisation.pk:
            raise ValidationError({"parent": messages.ORGANISATION_PARENT_LOOP})
        ancestor = ancestor.parent


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    country: str = "",
    acronym: str = "",
    city: str = "",
    region: str = "",
    website: str = "",
    parent: Organisation | None = None,
    themes: Iterable[str] = (),
) -> Organisation:
    if actor is not None:
        require(permissions.can_create_organisation(actor))
    organisation = Organisation(
        name=" ".join(name.split()),
        acronym=acronym.strip(),
        kind=kind,
        country=country.upper(),
        city=city.strip(),
        region=region.strip(),
        website=website.strip(),
        parent=parent,
    )
    _check_parent(organisation, parent)
    organisation.full_clean()
    organisation.save()
    organisation.themes.set(themes_get_or_create(themes))
    audit_created(actor=actor, obj=organisation)
    search.index_organisation(organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: User | None,
    organisation: Organisation,
    themes: Iterable[str] | None = None,
    **fields: Any,
) -> Organisation:
    if actor is not None:
        require(permissions.can_edit_organisation(actor, organisation))
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    if "country" in fields:
        fields["country"] = (fields["country"] or "").upper()
    if "parent" in fields:
        _check_parent(organisation, fields["parent"])
    audited_update(actor=actor, obj=organisation, fields=fields)
    if themes is not None:
        organisation.themes.set(themes_get_or_create(themes))
    search.index_organisation(organisation)
    return organisation


@transaction.atomic
def organisation_delete(*, actor: User, organisation: Organisation) -> None:
    require(permissions.can_edit_organisation(actor, organisation))
    audit_deleted(actor=actor, obj=organisation)
    organisation_id = organisation.pk
    try:
        organisation.delete()
    except ProtectedError as error:
        raise ValidationError(messages.ORGANISATION_IN_USE) from error
    search.unindex("organisation", organisation_id)


def _person_country(organisation: Organisation | None, country: str) -> str:
    if organisation is not None and organisation.country:
        return organisation.country
    return country.upper()


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    name: str,
    organisation: Organisation | None = None,
    country: str = "",
    title: str = "",
    roles: str = "",
    expertise: str = "",
    email: str = "",
    phone: str = "",
    other_phones: str = "",
    keep_unverified_phones: bool = False,
) -> Person:
    """A person, with e-mail and phones in one form.

    `keep_unverified_phones` keeps numbers the phone library cannot verify as written (an
    import's choice, shown to the user in its preview) instead of refusing them.
    """
    if actor is not None:
        require(permissions.can_create_person(actor, organisation))
    country = _person_country(organisation, country)
    if organisation is None and not country:
        raise ValidationError({"country": messages.PERSON_NEEDS_COUNTRY})
    person = Person(
        name=" ".join(name.split()),
        organisation=organisation,
        country=country,
        title=title.strip(),
        roles=roles.strip(),
        expertise=expertise.strip(),
        email=email.strip().lower(),
        phone=_phone_field(phone, country, keep_unverified=keep_unverified_phones),
        other_phones=_other_phones_field(
            other_phones, country, keep_unverified=keep_unverified_phones
        ),
    )
    person.full_clean()
    person.save()
    audit_created(actor=actor, obj=person)
    search.index_person(person)
    return person


def _phone_field(raw: str, country: str, *, keep_unverified: bool = False) -> str:
    try:
        if keep_unverified:
            return read_phone(raw, country).number if raw.strip() else ""
        return normalise_phone(raw, country)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from error


def _other_phones_field(raw: str, country: str, *, keep_unverified: bool = False) -> str:
    """'0300-1234567; 051 9201234' -> '+923001234567; +92519201234', each read like the phone."""
    try:
        readings = read_phones(raw, country)
    except ValidationError as error:
        raise ValidationError({"other_phones": error.messages}) from error
    numbers: list[str] = []
    for reading in readings:
        if not reading.verified and not keep_unverified:
            raise ValidationError(
                {"other_phones": messages.PHONE_INVALID % {"value": reading.written}}
            )
        if reading.number not in numbers:
            numbers.append(reading.number)
    return PHONE_SEPARATOR.join(numbers)


@transaction.atomic
def person_update(
    *, actor: User | None, person: Person, keep_unverified_phones: bool = False, **fields: Any
) -> Person:
    if actor is not None:
        require(permissions.can_edit_person(actor, person))
        if "organisation" in fields:
            require(permissions.can_create_person(actor, fields["organisation"]))
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    organisation = fields.get("organisation", person.organisation)
    country = _person_country(organisation, fields.get("country", person.country) or "")
    if organisation is None and not country:
        raise ValidationError({"country": messages.PERSON_NEEDS_COUNTRY})
    fields["country"] = country
    if "email" in fields:
        fields["email"] = (fields["email"] or "").strip().lower()
    # A number kept as written by an import stays until someone changes it: editing the
    # person's title must not fail on it.
    if "phone" in fields and (fields["phone"] or "") != person.phone:
        fields["phone"] = _phone_field(
            fields["phone"] or "", country, keep_unverified=keep_unverified_phones
        )
    if "other_phones" in fields and (fields["other_phones"] or "") != person.other_phones:
        fields["other_phones"] = _other_phones_field(
            fields["other_phones"] or "", country, keep_unverified=keep_unverified_phones
        )
    audited_update(actor=actor, obj=person, fields=fields)
    search.index_person(person)
    return person


@transaction.atomic
def person_delete(*, actor: User, person: Person) -> None:
    require(permissions.can_edit_person(actor, person))
    audit_deleted(actor=actor, obj=person)
    person_id = person.pk
    try:
        person.delete()
    except ProtectedError as error:
        raise ValidationError(messages.PERSON_IN_USE) from error
    search.unindex("person", person_id)
