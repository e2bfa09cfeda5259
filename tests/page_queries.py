"""Shared by the tests/<app>/test_page_queries.py files: the demo data, more of it, and a
page's query count.

A page's queries must not grow with the rows it lists or summarises: each test counts a page's
queries on the demo data, copies the demo's rows twice more, and counts again.
"""

import io
from typing import Any

from django.core.management import call_command
from django.db import connection, models
from django.test import Client

from palermo.core.models import AuditEvent, User
from palermo.engagement.models import Event, Organisation, Person
from palermo.reviews.models import ArticleAnswer, Question, Review
from palermo.tracking.models import ActionPlan, Indicator, Measure, Measurement, Recommendation

GROWN = (
    Organisation,
    Person,
    Event,
    Review,
    Question,
    ArticleAnswer,
    ActionPlan,
    Measure,
    Indicator,
    Measurement,
    Recommendation,
    AuditEvent,
)


def load_demo(settings: Any) -> None:
    settings.PALERMO_DEMO = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("demo", stdout=io.StringIO())


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def count_queries(client: Client, url: str) -> int:
    return len(page_queries(client, url))


def page_queries(client: Client, url: str) -> list[str]:
    """The queries of one request for `url`, after a first request has warmed the caches."""
    assert client.get(url).status_code == 200
    executed: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url)
    assert response.status_code == 200
    return executed


def grow(copies: int = 2) -> None:
    """Add `copies` copies of the demo's rows, foreign keys pointing at the copies."""
    originals = {model: list(model.objects.all()) for model in GROWN}  # type: ignore[attr-defined]
    for copy in range(1, copies + 1):
        remap: dict[type[models.Model], dict[int, int]] = {}
        for model, rows in originals.items():
            made = [_copy(model, row, copy, remap) for row in rows]
            created = model.objects.bulk_create(made)  # type: ignore[attr-defined]
            remap[model] = {row.pk: new.pk for row, new in zip(rows, created, strict=True)}


def _copy(model: type[models.Model], row: Any, copy: int, remap: dict[Any, dict[int, int]]) -> Any:
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        value = getattr(row, field.attname)
        if field.is_relation and field.related_model in remap and value is not None:
            value = remap[field.related_model].get(value, value)
        values[field.attname] = value
    new = model(**values)
    if model is Organisation:
        new.name = f"{row.name} ({copy})"
    elif model is Review:
        new.cycle = row.cycle + copy
    return new
