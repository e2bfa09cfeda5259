"""The search index: one document per searchable record."""

from typing import ClassVar

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """One searchable record, kept by `palermo.core.search`; the engine indexes title and body."""

    kind = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)
    # The State the record belongs to; empty for reference records everyone may find.
    state = models.CharField(max_length=3, blank=True, db_index=True)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    # Path without the language prefix, e.g. "/instruments/untoc/5/".
    path = models.CharField(max_length=255)
    # Filled and used on PostgreSQL only; SQLite searches an FTS5 table kept by triggers.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"
