"""Whole pages kept for their reader until a table the page read is written.

A page is kept per reader (their session and CSRF cookie, so a kept page never reaches anyone
else and its forms keep working), per address and language, per day, for at most
`PALERMO_PAGE_CACHE_SECONDS`. It is served again only while every table it read is unchanged.

How a change is seen, whatever made it (a service, `update()`, a bulk import, raw SQL, the task
worker, another server process):

- every statement on every connection passes through `_execute` (a Django execute wrapper,
  installed when the connection opens); a statement that writes notes the tables it names;
- after the transaction commits, each of those tables gets a new random version in
  `core_tableversion` (`_flush`, one statement per table, in name order). The version is written
  after the data, so a reader that saw the old version read the data before the write or after
  it; either way the page it keeps is stale the moment the new version is committed;
- while a page is built, the tables named by its reads are recorded; the page is kept with the
  versions those tables had *before* it was built, and served again only if they still do.

What is never kept: anything but a 200 HTML answer to a GET; a page whose building wrote
anything (a read of contact details is audited, and serving it again would skip that record);
a page that sets a cookie, or shows or leaves a message; pages while this connection has writes
not yet committed (tests inside one transaction). Views opt in with `@cached_page`; a view whose
page depends on anything but the database (files, the clock within a day) must not.
"""

import functools
import hashlib
import logging
import random
import re
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_TABLE = "core_tableversion"
# The statements that change data or schema; anything else only reads.
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "ALTER", "DROP", "TRUNCATE")
UPSERT = (
    f'INSERT INTO "{VERSION_TABLE}" ("name", "version") VALUES (%s, %s) '  # noqa: S608 - a constant.
    'ON CONFLICT ("name") DO UPDATE SET "version" = excluded."version"'
)
# A kept page larger than this is not worth its memory.
LARGEST_PAGE = 2 * 1024 * 1024
LONGEST_REMEMBERED_SQL = 4000
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_recording = threading.local()


@dataclass
class _Recorder:
    tables: set[str] = field(default_factory=set)
    wrote: bool = False


@dataclass(frozen=True)
class _Kept:
    versions: dict[str, int | None]
    status: int
    headers: list[tuple[str, str]]
    content: bytes


def enabled() -> bool:
    return bool(getattr(settings, "PALERMO_PAGE_CACHE_SECONDS", 0))


@functools.cache
def _tables() -> frozenset[str]:
    return frozenset(
        model._meta.db_table for model in apps.get_models(include_auto_created=True)
    ) - {VERSION_TABLE}


def tables_named(sql: str) -> frozenset[str]:
    """The tables a statement names (every word that is a table's name, quoted or not)."""
    if len(sql) > LONGEST_REMEMBERED_SQL:  # a bulk insert: seen once, not worth remembering
        return frozenset(WORD.findall(sql)) & _tables()
    return _remembered_tables_named(sql)


@functools.lru_cache(maxsize=4096)
def _remembered_tables_named(sql: str) -> frozenset[str]:
    return frozenset(WORD.findall(sql)) & _tables()


def _is_write(sql: str) -> bool:
    return sql.lstrip(" \n\t(")[:8].upper().startswith(WRITES)


def _execute(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    result = execute(sql, params, many, context)
    recorder: _Recorder | None = getattr(_recording, "recorder", None)
    if _is_write(sql):
        written = tables_named(sql)
        if written:
            _note_written(context["connection"], written)
            if recorder is not None:
                recorder.wrote = True
    elif recorder is not None:
        recorder.tables |= tables_named(sql)
    return result


def install(connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Watch every statement of a new connection (a `connection_created` receiver).

    First in the list: Django's `execute_wrapper()` context manager removes the last wrapper
    when it ends, which must stay the one it added.
    """
    if _execute not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _execute)


@dataclass
class _Connection:
    """What one database connection wrote and has not yet given new versions."""

    written: set[str] = field(default_factory=set)
    flush: Callable[[], None] = lambda: None


_connections: "weakref.WeakKeyDictionary[BaseDatabaseWrapper, _Connection]" = (
    weakref.WeakKeyDictionary()
)


def _state(connection: BaseDatabaseWrapper) -> _Connection:
    state = _connections.get(connection)
    if state is None:
        state = _connections[connection] = _Connection()
        state.flush = functools.partial(_flush, weakref.ref(connection), state)
    return state


def _note_written(connection: BaseDatabaseWrapper, tables: frozenset[str]) -> None:
    state = _state(connection)
    state.written |= tables
    if connection.in_atomic_block:
        if not any(entry[1] is state.flush for entry in connection.run_on_commit):
            connection.on_commit(state.flush, robust=True)
    elif connection.get_autocommit():
        state.flush()
    # Otherwise the transaction is managed by hand; the tables wait for the next commit seen.


def _flush(reference: "weakref.ref[BaseDatabaseWrapper]", state: _Connection) -> None:
    """Give each table written by the committed transaction a new version."""
    tables = sorted(state.written)
    state.written = set()
    connection = reference()
    if not tables or connection is None:
        return
    try:
        _renew(connection, tables)
    except DatabaseError:
        # Before the migration that makes the table (a new database being migrated) there is
        # nothing to keep fresh. Otherwise the database refused: kept pages then end with
        # their time limit, which is all that can be done.
        with connection.cursor() as cursor:
            if VERSION_TABLE in connection.introspection.table_names(cursor):
                logger.warning(
                    "Could not record writes to %s for the page cache.", ", ".join(tables)
                )


def _uncommitted_writes() -> bool:
    """Whether this connection may hold writes not yet committed (so pages must be built).

    Between transactions, tables still listed were written by a transaction that was rolled
    back, or committed by hand (autocommit turned off): both get new versions now, which is
    always safe.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    state = _state(connection)
    if connection.in_atomic_block:
        return bool(state.written)
    if not connection.get_autocommit():
        return True
    if state.written:
        state.flush()
    return False


def invalidate_everything() -> None:
    """Make every kept page stale (after a restore, which writes around Django)."""
    _renew(connections[DEFAULT_DB_ALIAS], sorted(_tables()))


def _renew(connection: BaseDatabaseWrapper, tables: list[str]) -> None:
    """A new random version for each table, in name order (two writers never wait in a ring)."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(UPSERT, [table, random.getrandbits(62)])


def _versions(tables: frozenset[str] | None = None) -> dict[str, int | None] | None:
    """Current versions of these tables (of all, without a list); None before the migration."""
    sql = f'SELECT "name", "version" FROM "{VERSION_TABLE}"'  # noqa: S608 - a constant.
    params: list[str] = []
    if tables is not None:
        params = sorted(tables)
        sql += f' WHERE "name" IN ({", ".join(["%s"] * len(params))})'
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    except DatabaseError:
        return None
    found: dict[str, int | None] = dict.fromkeys(params)
    found.update(rows)
    return found


@contextmanager
def _record() -> Iterator[_Recorder]:
    recorder = _Recorder()
    outer = getattr(_recording, "recorder", None)
    _recording.recorder = recorder
    try:
        yield recorder
    finally:
        _recording.recorder = outer
        if outer is not None:
            outer.tables |= recorder.tables
            outer.wrote = outer.wrote or recorder.wrote


def _key(request: HttpRequest) -> str:
    """The reader (session, what it holds, CSRF secret), the address and language, the day."""
    session = getattr(request, "session", None)
    parts = [
        repr(sorted(session.items())) if session is not None else "",
        request.get_full_path(),
        get_language() or "",
        str(timezone.localdate()),
        request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        str(getattr(request.user, "pk", "") or ""),
    ]
    parts += [
        f"{name}={value}"
        for name, value in sorted(request.headers.items())
        if name.lower().startswith("hx-")
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    # len() loads the messages (stored and added) without marking them shown.
    return storage is not None and len(storage) > 0


def _may_use(request: HttpRequest) -> bool:
    return (
        enabled()
        and request.method == "GET"
        and not _uncommitted_writes()
        and not _has_messages(request)
    )


def _may_keep(request: HttpRequest, response: HttpResponse, recorder: _Recorder) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and len(response.content) <= LARGEST_PAGE
        and not recorder.wrote
        and not _uncommitted_writes()
        and not _new_csrf_secret(request)
        and not (session is not None and session.modified)
        and not _has_messages(request)
    )


def _new_csrf_secret(request: HttpRequest) -> bool:
    """Whether the page was built with a CSRF secret the reader's browser does not hold yet."""
    secret = request.META.get("CSRF_COOKIE")
    return secret is not None and secret != request.COOKIES.get(settings.CSRF_COOKIE_NAME)


def _replay(request: HttpRequest, kept: _Kept) -> HttpResponse:
    if settings.CSRF_COOKIE_NAME in request.COOKIES:
        # As building the page would have: the cookie is sent again, its expiry renewed.
        get_token(request)
    response = HttpResponse(kept.content, status=kept.status)
    for name, value in kept.headers:
        response[name] = value
    return response


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the reader's kept copy of this page while nothing it read has changed."""

    @functools.wraps(view)
    def serve(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _may_use(request):
            return view(request, *args, **kwargs)
        store = caches["pages"]
        key = _key(request)
        kept: _Kept | None = store.get(key)
        if kept is not None and _versions(frozenset(kept.versions)) == kept.versions:
            return _replay(request, kept)
        before = _versions()
        if before is None:
            return view(request, *args, **kwargs)
        with _record() as recorder:
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
        if _may_keep(request, response, recorder):
            read = recorder.tables
            if request.user.is_authenticated:
                # Who the reader is (name, roles on the user row) was read before the view.
                read = read | {request.user._meta.db_table}
            versions = {table: before.get(table) for table in read}
            headers = [(name, value) for name, value in response.items()]
            kept = _Kept(versions, response.status_code, headers, response.content)
            store.set(key, kept, settings.PALERMO_PAGE_CACHE_SECONDS)
        return response

    return serve
