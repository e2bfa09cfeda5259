"""Search, over what the reader may find."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from palermo.core.selectors import search as search_selectors

router = Router()


class SearchHitOut(Schema):
    kind: str
    id: str = Field(alias="object_id")
    state: str
    path: str
    title: str
    snippet: str
    score: float


@router.get("/search", response=list[SearchHitOut], auth=None)
def search(request: HttpRequest, q: str, kind: str = "") -> Any:
    """Ranked full-text search; title and snippet mark matches with <mark>…</mark>."""
    return search_selectors.search_hits(user=request.user, query=q, kinds=[kind] if kind else None)
