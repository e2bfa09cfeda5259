"""Organisations and people. Contact details come back empty unless the reader may see them."""

from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from palermo.core.api_types import Id, PatchSchema, choices_schema
from palermo.core.audit import contact_view_record
from palermo.core.http import acting_user
from palermo.engagement.models import Organisation, Person
from palermo.engagement.selectors import registry as registry_selectors
from palermo.engagement.selectors.registry import Contact
from palermo.engagement.services import registry as registry_services

router = Router(tags=["engagement: registry"])

OrganisationKind = Annotated[
    Organisation.Kind, choices_schema(Organisation.Kind, "OrganisationKind")
]


class OrganisationOut(Schema):
    id: int
    name: str
    acronym: str
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    themes: list[str]
    city: str
    region: str
    country: str
    website: str
    parent_id: int | None

    @staticmethod
    def resolve_themes(obj: Organisation) -> list[str]:
        return [theme.name for theme in obj.themes.all()]


class OrganisationIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    kind: OrganisationKind
    country: str = ""
    acronym: str = Field(default="", max_length=32)
    city: str = Field(default="", max_length=100)
    region: str = Field(default="", max_length=100)
    website: str = ""
    parent_id: Id | None = None
    themes: list[str] = []


class OrganisationPatch(PatchSchema):
    model = Organisation

    name: str | None = Field(default=None, min_length=1, max_length=255)
    kind: OrganisationKind | None = None
    country: str | None = None
    acronym: str | None = Field(default=None, max_length=32)
    city: str | None = Field(default=None, max_length=100)
    region: str | None = Field(default=None, max_length=100)
    website: str | None = None
    parent_id: Id | None = None
    themes: list[str] | None = None


def _organisation(request: HttpRequest, organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return None
    return get_object_or_404(
        registry_selectors.organisation_list(user=request.user), pk=organisation_id
    )


@router.get("/organisations", response=list[OrganisationOut])
@paginate
def list_organisations(
    request: HttpRequest, search: str = "", kind: str = "", theme: str = "", city: str = ""
) -> Any:
    return registry_selectors.organisation_list(
        user=request.user, search=search, kind=kind, theme=theme, city=city
    )


@router.get("/organisations/{int:organisation_id}", response=OrganisationOut)
def get_organisation(request: HttpRequest, organisation_id: int) -> Organisation | None:
    return _organisation(request, organisation_id)


@router.post("/organisations", response={201: OrganisationOut})
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[Organisation]:
    data = payload.dict()
    data["parent"] = _organisation(request, data.pop("parent_id"))
    organisation = registry_services.organisation_create(actor=acting_user(request), **data)
    return Status(201, organisation)


@router.patch("/organisations/{int:organisation_id}", response=OrganisationOut)
def update_organisation(
    request: HttpRequest, organisation_id: int, payload: OrganisationPatch
) -> Organisation:
    organisation = get_object_or_404(
        registry_selectors.organisation_list(user=request.user), pk=organisation_id
    )
    data = payload.dict(exclude_unset=True)
    if "parent_id" in data:
        data["parent"] = _organisation(request, data.pop("parent_id"))
    return registry_services.organisation_update(
        actor=acting_user(request), organisation=organisation, **data
    )


@router.delete("/organisations/{int:organisation_id}", response={204: None})
def delete_organisation(request: HttpRequest, organisation_id: int) -> Status[None]:
    organisation = get_object_or_404(
        registry_selectors.organisation_list(user=request.user), pk=organisation_id
    )
    registry_services.organisation_delete(actor=acting_user(request), organisation=organisation)
    return Status(204, None)


class PersonOut(Schema):
    id: int
    name: str
    title: str
    organisation_id: int | None
    country: str
    roles: str
    expertise: str
    # Null, with contact_visible false, for readers outside the person's organisation.
    email: str | None
    phone: str | None
    other_phones: str | None = None
    contact_visible: bool


class PersonIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    organisation_id: Id | None = None
    country: str = ""
    title: str = Field(default="", max_length=255)
    roles: str = Field(default="", max_length=255)
    expertise: str = ""
    email: str | None = Field(default=None, max_length=254)
    phone: str = ""
    other_phones: str = Field(default="", max_length=255, description="Separated by semicolons")


class PersonPatch(PatchSchema):
    model = Person

    name: str | None = Field(default=None, min_length=1, max_length=255)
    organisation_id: Id | None = None
    country: str | None = None
    title: str | None = Field(default=None, max_length=255)
    roles: str | None = Field(default=None, max_length=255)
    expertise: str | None = None
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = None
    other_phones: str | None = Field(default=None, max_length=255)


def person_out(person: Person, contact: Contact) -> dict[str, Any]:
    return {
        "id": person.pk,
        "name": person.name,
        "title": person.title,
        "organisation_id": person.organisation_id,
        "country": person.country,
        "roles": person.roles,
        "expertise": person.expertise,
        "email": contact.email if contact.visible else None,
        "phone": contact.phone if contact.visible else None,
        "other_phones": contact.other_phones if contact.visible else None,
        "contact_visible": contact.visible,
    }


class PeopleAnswer:
    """The people found, shaped one page at a time, as the paginator slices them.

    Only the page sent is shaped, so the contact details it carries are the ones recorded
    in the audit trail: one event per answer.
    """

    def __init__(self, request: HttpRequest, people: QuerySet[Person]) -> None:
        self.request = request
        self.people = people

    def __len__(self) -> int:
        return self.people.count()

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        people = list(self.people[page])
        contacts = [
            registry_selectors.person_contact(user=self.request.user, person=p) for p in people
        ]
        contact_view_record(
            actor=acting_user(self.request),
            people=[p for p, contact in zip(people, contacts, strict=True) if contact.shown],
            where="API people list",
        )
        return [
            person_out(person, contact) for person, contact in zip(people, contacts, strict=True)
        ]


@router.get("/people", response=list[PersonOut])
@paginate
def list_people(
    request: HttpRequest, search: str = "", organisation_id: Id | None = None
) -> PeopleAnswer:
    people = registry_selectors.person_list(
        user=request.user, search=search, organisation_id=organisation_id
    )
    return PeopleAnswer(request, people.order_by("name", "pk"))


def _person(request: HttpRequest, person_id: int) -> Person:
    return get_object_or_404(registry_selectors.person_list(user=request.user), pk=person_id)


@router.get("/people/{int:person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int) -> dict[str, Any]:
    person = _person(request, person_id)
    contact = registry_selectors.person_contact(user=request.user, person=person)
    if contact.shown:
        contact_view_record(actor=acting_user(request), people=[person], where="API")
    return person_out(person, contact)


def _written_person_out(request: HttpRequest, person: Person) -> dict[str, Any]:
    """A person just written, echoed to the writer: what they sent, not a read to audit."""
    return person_out(person, registry_selectors.person_contact(user=request.user, person=person))


@router.post("/people", response={201: PersonOut})
def create_person(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    data["organisation"] = _organisation(request, data.pop("organisation_id"))
    data["email"] = data["email"] or ""
    person = registry_services.person_create(actor=acting_user(request), **data)
    return Status(201, _written_person_out(request, person))


@router.patch("/people/{int:person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> dict[str, Any]:
    person = _person(request, person_id)
    data = payload.dict(exclude_unset=True)
    if "organisation_id" in data:
        data["organisation"] = _organisation(request, data.pop("organisation_id"))
    if "email" in data:
        data["email"] = data["email"] or ""
    registry_services.person_update(actor=acting_user(request), person=person, **data)
    return _written_person_out(request, person)


@router.delete("/people/{int:person_id}", response={204: None})
def delete_person(request: HttpRequest, person_id: int) -> Status[None]:
    registry_services.person_delete(actor=acting_user(request), person=_person(request, person_id))
    return Status(204, None)
