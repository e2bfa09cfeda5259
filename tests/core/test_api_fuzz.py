"""Schemathesis walks every operation of /api/v1/openapi.json: no 5xx, every answer as documented.

Requests go in-process to the WSGI application, signed in with a superuser's API token, against a
database holding one record of each kind (and records that depend on others) so that ids hit.
Hypothesis runs derandomized with a bounded number of examples per operation and mode, so a run
is repeatable; each example runs in a savepoint rolled back afterwards, so every example sees the
same records.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import response_schema_conformance

from palermo.wsgi import application
from tests.core.fuzz_data import FuzzData, fuzz_data_make

# Valid requests probe the handlers; invalid ones only the input validation, so fewer suffice.
EXAMPLES = {GenerationMode.POSITIVE: 3, GenerationMode.NEGATIVE: 2}


@pytest.fixture
def wsgi_in_test_transaction() -> Iterator[None]:
    """Keep the test's connection open across requests, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def can_be_invalid(operation: APIOperation) -> bool:
    """Whether an invalid request exists: a string path parameter alone accepts any value."""
    raw = operation.definition.raw
    return "requestBody" in raw or any(
        parameter["in"] != "path" or parameter.get("schema", {}).get("type") != "string"
        for parameter in raw.get("parameters", [])
    )


def fuzz_operation(operation: APIOperation, mode: GenerationMode, data: FuzzData) -> None:
    @settings(
        max_examples=EXAMPLES[mode],
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        with transaction.atomic():
            case.call_and_validate(
                headers=data.headers, checks=[not_a_server_error, response_schema_conformance]
            )
            transaction.set_rollback(True)

    run()


@pytest.mark.django_db
def test_every_operation_answers_without_a_server_error_and_as_documented(
    wsgi_in_test_transaction: None,
) -> None:
    data = fuzz_data_make()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    schema.hook(data.path_parameters_hook())
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        modes = [GenerationMode.POSITIVE]
        if can_be_invalid(operation):
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:
            try:
                fuzz_operation(operation, mode, data)
            except Unsatisfiable:
                # No invalid value exists (a string path parameter takes any string).
                continue
            # Schemathesis raises its findings as an exception group; report every operation's.
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001
                failures.append(f"{operation.label} ({mode}): {exc}")
    assert failures == [], "\n\n".join(failures)
