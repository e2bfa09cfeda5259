"""Data for bench/load.py: the demo database, its identifiers, and N times its rows.

Run by bench/load.py in a child process whose environment names the database; prints JSON.

    python bench/load_data.py prepare      # migrate, reference, demo; print ids and tokens
    python bench/load_data.py scale N      # add N - 1 copies of the demo rows (bulk_create)
"""

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

import django  # noqa: E402 - needs src/ on the path.

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import models, transaction  # noqa: E402

from palermo.core.models import AuditEvent, User  # noqa: E402
from palermo.core.services import tokens as token_services  # noqa: E402
from palermo.engagement.models import Event, Organisation, Person  # noqa: E402
from palermo.instruments.models import Cluster, State  # noqa: E402
from palermo.reviews.models import ArticleAnswer, Question, Review  # noqa: E402
from palermo.reviews.permissions import can_edit_answer  # noqa: E402
from palermo.reviews.services.opening import review_open  # noqa: E402
from palermo.tracking.models import (  # noqa: E402
    ActionPlan,
    Indicator,
    Measure,
    Measurement,
    Recommendation,
)
from palermo.tracking.permissions import can_report  # noqa: E402

USER = "secretariat"
CLIENTS_AT_MOST = 24


def prepare() -> dict[str, Any]:
    for command in ("migrate", "reference", "demo"):
        call_command(
            command, verbosity=0, **({"interactive": False} if command == "migrate" else {})
        )
    user = User.objects.get(username=USER)
    _token, raw = token_services.token_create(actor=None, owner=user, name="load bench", days=1)
    review = Review.objects.order_by("pk").first()
    plan = ActionPlan.objects.order_by("pk").first()
    if review is None or plan is None:
        raise SystemExit("The demo made no review or no action plan.")
    # The demo review is with its peer reviewers; answers are saved in drafting ones, opened
    # until each of 24 clients has an answer of its own (two clients saving one answer would
    # be told, rightly, that the other saved it meanwhile: 409).
    answers: list[dict[str, int]] = []
    for cycle in range(2, 6):
        opened = review_open(
            actor=None,
            state=State.objects.get(iso3="PAK"),
            cluster=Cluster.objects.get(number=1),
            year=2024,
            cycle=cycle,
        )
        answers += [
            {"review": opened.pk, "answer": answer.pk}
            for answer in ArticleAnswer.objects.filter(review=opened).select_related("review")
            if can_edit_answer(user, answer)
        ]
        if len(answers) >= CLIENTS_AT_MOST:
            break
    measurements = [
        {"indicator": m.indicator_id, "period": m.period.isoformat(), "value": str(m.value)}
        for m in Measurement.objects.select_related("indicator__measure__plan").order_by("pk")
        if can_report(user, m.indicator)
    ]
    people = list(Person.objects.filter(country="PAK").values_list("pk", flat=True)[:40])
    return {
        "user": USER,
        "token": raw,
        "review": review.pk,
        "plan": plan.pk,
        "answers": answers,
        "measurements": measurements[:40],
        "people": people,
    }


def _clone(
    model: type[models.Model],
    rows: list[Any],
    copy: int,
    remap: dict[type[models.Model], dict[int, int]],
    tweak: Any = None,
) -> None:
    """Insert one copy of `rows`, pointing foreign keys at the copies made before it."""
    made = []
    for row in rows:
        new = model(
            **{
                field.attname: getattr(row, field.attname)
                for field in model._meta.concrete_fields
                if not field.primary_key
            }
        )
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in remap:
                old = getattr(row, field.attname)
                if old is not None:
                    setattr(new, field.attname, remap[field.related_model].get(old, old))  # type: ignore[index]
        if tweak is not None:
            tweak(new, copy)
        made.append(new)
    created = model.objects.bulk_create(made, batch_size=500)  # type: ignore[attr-defined]
    if any(obj.pk is None for obj in created):  # MySQL-like backends do not return ids.
        raise RuntimeError(f"{model.__name__}: bulk_create returned no ids.")
    remap[model] = {row.pk: obj.pk for row, obj in zip(rows, created, strict=True)}


def _suffix(field: str) -> Any:
    def tweak(obj: Any, copy: int) -> None:
        setattr(obj, field, f"{getattr(obj, field)} ({copy})")

    return tweak


def _cycle(obj: Any, copy: int) -> None:
    # Reviews of one State and cluster differ by cycle; the demo's use cycles 1 and 2.
    obj.cycle = obj.cycle + 10 * copy


def scale(times: int) -> dict[str, int]:
    """Add `times - 1` copies of the demo rows.

    Organisations, people, events, reviews (their questions and answers), action plans (measures,
    indicators, measurements), recommendations and audit events.
    """
    originals = {
        Organisation: list(Organisation.objects.all()),
        Person: list(Person.objects.all()),
        Event: list(Event.objects.all()),
        Review: list(Review.objects.all()),
        Question: list(Question.objects.all()),
        ArticleAnswer: list(ArticleAnswer.objects.all()),
        ActionPlan: list(ActionPlan.objects.all()),
        Measure: list(Measure.objects.all()),
        Indicator: list(Indicator.objects.all()),
        Measurement: list(Measurement.objects.all()),
        Recommendation: list(Recommendation.objects.all()),
        AuditEvent: list(AuditEvent.objects.all()),
    }
    tweaks = {Organisation: _suffix("name"), Review: _cycle, ActionPlan: _suffix("title")}
    for copy in range(1, times):
        with transaction.atomic():
            remap: dict[type[models.Model], dict[int, int]] = {}
            for model, rows in originals.items():
                _clone(model, rows, copy, remap, tweaks.get(model))
    return {model.__name__: model.objects.count() for model in originals}  # type: ignore[attr-defined]


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        result: dict[str, Any] = prepare()
    else:
        result = scale(int(sys.argv[2]))
    sys.stdout.write(json.dumps(result) + "\n")
