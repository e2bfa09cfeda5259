"""Reads of the registry, limited to what the user may see."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from palermo.core.permissions import is_active_user
from palermo.core.scope import scope_filter
from palermo.engagement import permissions
from palermo.engagement.models import Organisation, Person, Theme
from palermo.engagement.phones import PHONE_SEPARATOR, display_phone


def organisation_list(
    *, user: Any, search: str = "", kind: str = "", theme: str = "", city: str = ""
) -> QuerySet[Organisation]:
    """The organisations a user may see: their own State's and the international ones."""
    if not is_active_user(user):
        return Organisation.objects.none()
    organisations = Organisation.objects.filter(scope_filter(user))
    if search:
        organisations = organisations.filter(Q(name__icontains=search) | Q(acronym__iexact=search))
    if kind:
        organisations = organisations.filter(kind=kind)
    if theme:
        organisations = organisations.filter(themes__name__iexact=theme)
    if city:
        organisations = organisations.filter(city__iexact=city)
    return organisations.select_related("parent").prefetch_related("themes").distinct()


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.order_by("-curated", "name")


def person_list(
    *, user: Any, search: str = "", organisation_id: int | None = None
) -> QuerySet[Person]:
    if not is_active_user(user):
        return Person.objects.none()
    people = Person.objects.filter(scope_filter(user)).select_related("organisation")
    if search:
        people = people.filter(
            Q(name__icontains=search)
            | Q(organisation__name__icontains=search)
            | Q(expertise__icontains=search)
        )
    if organisation_id:
        people = people.filter(organisation_id=organisation_id)
    return people


@dataclass(frozen=True)
class Contact:
    """A person's e-mail and phone as this reader may see them."""

    visible: bool
    email: str = ""
    phone: str = ""
    other_phones: str = ""  # further numbers, "; " between them

    @property
    def phone_display(self) -> str:
        """Every number for reading: '+92 300 1234567, +92 51 9201234'."""
        numbers = [self.phone, *self.other_phones.split(PHONE_SEPARATOR)]
        return ", ".join(display_phone(number) for number in numbers if number)

    @property
    def shown(self) -> bool:
        """Whether the reader sees an e-mail or a phone: a read the audit trail records."""
        return self.visible and bool(self.email or self.phone or self.other_phones)


def person_contact(*, user: Any, person: Person) -> Contact:
    if not permissions.can_view_contact(user, person):
        return Contact(visible=False)
    return Contact(
        visible=True, email=person.email, phone=person.phone, other_phones=person.other_phones
    )
