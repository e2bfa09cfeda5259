"""How collections appear in the search index: their description only, never an entity."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils import translation

from palermo.core.search import Document, index_document, register_source, remove_document
from palermo.networks.models import Collection


def collection_document(collection: Collection) -> Document:
    with translation.override("en"):
        path = reverse("networks:collection-detail", args=[collection.pk]).removeprefix("/en")
    return Document(
        kind="collection",
        object_id=str(collection.pk),
        title=f"{collection.name} ({collection.source})" if collection.source else collection.name,
        body=collection.description,
        path=path,
        state=collection.country,
    )


def index_collection(collection: Collection) -> None:
    index_document(collection_document(collection))


def unindex_collection(collection_id: int) -> None:
    remove_document("collection", str(collection_id))


def _collections() -> Iterator[Document]:
    for collection in Collection.objects.all():
        yield collection_document(collection)


# A collection's description is read like any national record of its State; not public.
register_source("collection", _collections)
