"""Full-text search behind one interface: SQLite FTS5 locally, PostgreSQL full text in production.

Apps keep their records findable by calling `index_document`/`remove_document` from their
services, and register a source with `register_source` so `palermo search_reindex` can rebuild.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from palermo.core.models import SearchDocument

START, STOP = "\u27e6", "\u27e7"  # markers no indexed text uses, turned into <mark> after escaping
CONFIG = "english"
MAX_RESULTS = 50


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: str
    title: str
    body: str
    path: str
    state: str = ""


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: str
    state: str
    path: str
    title: SafeString
    snippet: SafeString
    score: float


Source = Callable[[], Iterable[Document]]
_sources: dict[str, Source] = {}
_public: set[str] = set()


def register_source(kind: str, source: Source, *, public: bool = False) -> None:
    """Make a kind rebuildable; `public` kinds are what visitors without an account may find."""
    _sources[kind] = source
    if public:
        _public.add(kind)
    else:
        _public.discard(kind)


def public_kinds() -> frozenset[str]:
    return frozenset(_public)


def _highlighted(text: str) -> SafeString:
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped first


def index_document(document: Document) -> None:
    """Add or refresh one record in the index."""
    stored, _created = SearchDocument.objects.update_or_create(
        kind=document.kind,
        object_id=document.object_id,
        defaults={
            "title": document.title[:500],
            "body": document.body,
            "path": document.path,
            "state": document.state,
        },
    )
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(pk=stored.pk).update(
            search_vector=SearchVector("title", weight="A", config=CONFIG)
            + SearchVector("body", weight="B", config=CONFIG)
        )


def remove_document(kind: str, object_id: str) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()


def reindex() -> dict[str, int]:
    """Rebuild the whole index from the registered sources."""
    counts: dict[str, int] = {}
    for kind, source in _sources.items():
        SearchDocument.objects.filter(kind=kind).delete()
        counts[kind] = 0
        for document in source():
            index_document(document)
            counts[kind] += 1
    return counts


def search(
    query: str,
    *,
    states: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    limit: int = MAX_RESULTS,
) -> list[Hit]:
    """Ranked hits for a query; `states` limits national records (reference records always show)."""
    terms = re.findall(r"\w+", query)
    if not terms:
        return []
    state_filter = None if states is None else ["", *states]
    kind_filter = None if kinds is None else list(kinds)
    if connection.vendor == "postgresql":
        return _search_postgresql(" ".join(terms), state_filter, kind_filter, limit)
    return _search_sqlite(terms, state_filter, kind_filter, limit)


def _search_sqlite(
    terms: list[str], states: list[str] | None, kinds: list[str] | None, limit: int
) -> list[Hit]:
    match = " ".join('"{}"'.format(term.replace('"', "")) for term in terms)
    where, params = ["core_searchdocument_fts MATCH %s"], [match]
    if states is not None:
        where.append(f"d.state IN ({', '.join(['%s'] * len(states))})")
        params.extend(states)
    if kinds is not None:
        where.append(f"d.kind IN ({', '.join(['%s'] * len(kinds))})")
        params.extend(kinds)
    sql = f"""
        SELECT d.kind, d.object_id, d.state, d.path,
               highlight(core_searchdocument_fts, 0, %s, %s),
               snippet(core_searchdocument_fts, 1, %s, %s, '…', 24),
               bm25(core_searchdocument_fts, 5.0, 1.0) AS score
        FROM core_searchdocument_fts
        JOIN core_searchdocument d ON d.id = core_searchdocument_fts.rowid
        WHERE {" AND ".join(where)}
        ORDER BY score, d.id
        LIMIT %s
    """  # noqa: S608 - only placeholders are interpolated
    with connection.cursor() as cursor:
        cursor.execute(sql, [START, STOP, START, STOP, *params, limit])
        rows = cursor.fetchall()
    return [
        Hit(kind, object_id, state, path, _highlighted(title), _highlighted(snippet), -score)
        for kind, object_id, state, path, title, snippet, score in rows
    ]


def _search_postgresql(
    text: str, states: list[str] | None, kinds: list[str] | None, limit: int
) -> list[Hit]:
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    documents = SearchDocument.objects.filter(search_vector=query)
    if states is not None:
        documents = documents.filter(state__in=states)
    if kinds is not None:
        documents = documents.filter(kind__in=kinds)
    documents = documents.annotate(
        score=SearchRank(F("search_vector"), query),
        title_marked=SearchHeadline(
            "title", query, config=CONFIG, start_sel=START, stop_sel=STOP, highlight_all=True
        ),
        body_marked=SearchHeadline(
            "body", query, config=CONFIG, start_sel=START, stop_sel=STOP, max_words=30, min_words=12
        ),
    ).order_by("-score", "id")[:limit]
    return [
        Hit(
            d.kind,
            d.object_id,
            d.state,
            d.path,
            _highlighted(d.title_marked),
            _highlighted(d.body_marked if d.body else ""),
            float(d.score),
        )
        for d in documents
    ]
