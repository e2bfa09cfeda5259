"""How organisations, people and events appear in the search index (never contact details)."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils import translation

from palermo.core.search import Document, index_document, register_source, remove_document
from palermo.engagement.models import Event, Organisation, Person


def _path(url_name: str, *args: object) -> str:
    """A path without the language prefix; the search page adds the reader's language."""
    with translation.override("en"):
        return reverse(url_name, args=args).removeprefix("/en")


def organisation_document(organisation: Organisation) -> Document:
    acronym = f" ({organisation.acronym})" if organisation.acronym else ""
    themes = ", ".join(theme.name for theme in organisation.themes.all())
    return Document(
        kind="organisation",
        object_id=str(organisation.pk),
        title=organisation.name + acronym,
        body=" ".join(part for part in (themes, organisation.city, organisation.region) if part),
        path=_path("engagement:organisation-detail", organisation.pk),
        state=organisation.country,
    )


def person_document(person: Person) -> Document:
    organisation = person.organisation.name if person.organisation else ""
    return Document(
        kind="person",
        object_id=str(person.pk),
        title=person.name,
        body=" ".join(
            part for part in (person.title, organisation, person.roles, person.expertise) if part
        ),
        path=_path("engagement:person-detail", person.pk),
        state=person.country,
    )


def event_document(event: Event) -> Document:
    place = ", ".join(part for part in (event.venue, event.city) if part)
    return Document(
        kind="event",
        object_id=str(event.pk),
        title=f"{event.title} ({event.starts_on.isoformat()})",
        body=" ".join(
            part for part in (event.get_kind_display(), place, event.description) if part
        ),
        path=_path("engagement:event-detail", event.pk),
        state=event.country,
    )


def index_organisation(organisation: Organisation) -> None:
    index_document(organisation_document(organisation))


def index_person(person: Person) -> None:
    index_document(person_document(person))


def index_event(event: Event) -> None:
    index_document(event_document(event))


def unindex(kind: str, object_id: int) -> None:
    remove_document(kind, str(object_id))


def _organisations() -> Iterator[Document]:
    for organisation in Organisation.objects.prefetch_related("themes"):
        yield organisation_document(organisation)


def _people() -> Iterator[Document]:
    for person in Person.objects.select_related("organisation"):
        yield person_document(person)


def _events() -> Iterator[Document]:
    for event in Event.objects.all():
        yield event_document(event)


register_source("organisation", _organisations)
register_source("person", _people)
register_source("event", _events)
