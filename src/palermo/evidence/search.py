"""How datasets appear in the search index: their description only, never their records."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils import translation

from palermo.core.search import Document, index_document, register_source
from palermo.evidence.models import Dataset


def dataset_document(dataset: Dataset) -> Document:
    with translation.override("en"):
        path = reverse("evidence:dataset-detail", args=[dataset.pk]).removeprefix("/en")
    return Document(
        kind="dataset",
        object_id=str(dataset.pk),
        title=f"{dataset.name} ({dataset.source_organisation})",
        body=" ".join(filter(None, [dataset.description, dataset.geography, dataset.period])),
        path=path,
        state=dataset.country,
    )


def index_dataset(dataset: Dataset) -> None:
    index_document(dataset_document(dataset))


def _datasets() -> Iterator[Document]:
    for dataset in Dataset.objects.all():
        yield dataset_document(dataset)


# A dataset's description is read like any national record of its State; not public.
register_source("dataset", _datasets)
