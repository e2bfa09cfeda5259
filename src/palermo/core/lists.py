"""What every list page shares: sorting by a whitelisted column, paging, shareable links."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise

M = TypeVar("M", bound=Model)
PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    order_by: str = ""  # empty: the column cannot be sorted


@dataclass(frozen=True)
class HeaderCell:
    label: str | Promise
    url: str
    sorted: str  # "ascending", "descending" or "none" (aria-sort)


def sort_queryset(
    request: HttpRequest, queryset: QuerySet[M], columns: list[Column], default: str
) -> tuple[QuerySet[M], str]:
    """Order by `?sort=key` or `?sort=-key` when the key names a sortable column."""
    requested = request.GET.get("sort", default)
    key = requested.removeprefix("-")
    column = next((c for c in columns if c.key == key and c.order_by), None)
    if column is None:
        requested, key = default, default.removeprefix("-")
        column = next(c for c in columns if c.key == key)
    prefix = "-" if requested.startswith("-") else ""
    return queryset.order_by(prefix + column.order_by, prefix + "pk"), requested


def header_cells(request: HttpRequest, columns: list[Column], current: str) -> list[HeaderCell]:
    cells = []
    for column in columns:
        if not column.order_by:
            cells.append(HeaderCell(column.label, "", "none"))
            continue
        state = "none"
        next_sort = column.key
        if current == column.key:
            state, next_sort = "ascending", "-" + column.key
        elif current == "-" + column.key:
            state = "descending"
        cells.append(
            HeaderCell(column.label, query_with(request, sort=next_sort, page=None), state)
        )
    return cells


def query_with(request: HttpRequest, **changes: Any) -> str:
    """The current query string with some parameters changed (None removes one)."""
    params = request.GET.copy()
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def paginate(request: HttpRequest, queryset: QuerySet[M], per_page: int = PAGE_SIZE) -> Page[M]:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def page_query(request: HttpRequest) -> str:
    """The query string to put before `page=N`: the current filters and sort, no page."""
    query = query_with(request, page=None)
    return query if query == "?" else query + "&"


def list_context(
    request: HttpRequest, queryset: QuerySet[M], columns: list[Column], default_sort: str
) -> dict[str, Any]:
    """Sort, page and describe a list for the shared table templates."""
    ordered, current = sort_queryset(request, queryset, columns, default_sort)
    page = paginate(request, ordered)
    return {
        "page_obj": page,
        "object_list": page.object_list,
        "count": page.paginator.count,
        "header": header_cells(request, columns, current),
        "page_query": page_query(request),
    }


class MappedRows(Generic[M]):
    """A queryset whose rows are shaped by `shape` only when a page of them is read.

    An API list that shapes each row in Python (a person with the contact details the reader
    may see) hands this to the paginator, which counts in the database and shapes one page.
    """

    def __init__(self, queryset: QuerySet[M], shape: Callable[[M], Any]) -> None:
        self.queryset = queryset
        self.shape = shape

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index: slice) -> list[Any]:
        return [self.shape(row) for row in self.queryset[index]]
