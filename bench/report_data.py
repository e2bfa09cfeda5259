"""Data for bench/reports.py --click-to-file: the demo database, one request per report kind.

Run by bench/reports.py in a child process whose environment names the database; prints JSON.

    python bench/report_data.py prepare    # migrate, reference, demo; print the requests

For every report kind it finds a demo user who may generate it and parameters the demo data
fills (the first subject the user may pick, this month, the latest year that builds), gives that
user an API token, and times building and rendering the document here, in this process: the
baseline that click-to-file is measured against (the median of three warm runs per format, after
one run that warms the renderer).
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")

import django  # noqa: E402 - needs src/ on the path.

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from palermo.core.models import User  # noqa: E402
from palermo.core.services import tokens as token_services  # noqa: E402
from palermo.reports import registry, renderers  # noqa: E402
from palermo.reports.registry import Param, Params, ReportError, ReportKind  # noqa: E402

LANGUAGE = "en"


def _values(param: Param, user: User) -> list[Any]:
    """The values worth trying for one parameter, best first."""
    today = timezone.localdate()
    if param.choices:
        return [param.choices[0][0]]
    if param.options is not None:
        return [pk for pk, _label in param.options(user)[:3]]
    if param.month:
        return [today.strftime("%Y-%m")]
    if param.name == "year":
        return [today.year, today.year - 1, today.year - 2]
    if not param.required:
        return [None]
    return []


def _candidates(kind: ReportKind, user: User) -> list[Params]:
    combinations: list[Params] = [{}]
    for param in kind.params:
        values = _values(param, user)
        if not values:
            return []
        combinations = [
            {**params, **({} if value is None else {param.name: value})}
            for params in combinations
            for value in values
        ]
    return combinations


def _request(kind: ReportKind) -> tuple[User, Params] | None:
    """The first demo user and parameters for which the kind builds a document."""
    for user in User.objects.filter(is_active=True).order_by("username"):
        for params in _candidates(kind, user):
            if not kind.can_generate(user, params):
                continue
            try:
                with translation.override(LANGUAGE):
                    kind.build(dict(params), LANGUAGE, user)
            except ReportError:
                continue
            return user, params
    return None


def _in_process(kind: ReportKind, user: User, params: Params) -> dict[str, float]:
    """Seconds to build and render the document here, per format (median of three, warm)."""
    seconds: dict[str, float] = {}
    for fmt in kind.formats:
        times = []
        for run in range(4):
            began = time.perf_counter()
            with translation.override(LANGUAGE):
                document = kind.build(dict(params), LANGUAGE, user)
                renderers.render(document, fmt)
            if run:  # the first warms the renderer and its caches
                times.append(time.perf_counter() - began)
        seconds[fmt] = statistics.median(times)
    return seconds


def prepare() -> dict[str, Any]:
    for command in ("migrate", "reference", "demo"):
        options = {"interactive": False} if command == "migrate" else {}
        call_command(command, verbosity=0, **options)
    tokens: dict[str, str] = {}
    requests = []
    missing = []
    for kind in registry.kinds():
        found = _request(kind)
        if found is None:
            missing.append(kind.code)
            continue
        user, params = found
        if user.username not in tokens:
            _token, raw = token_services.token_create(
                actor=None, owner=user, name="reports bench", days=1
            )
            tokens[user.username] = raw
        requests.append(
            {
                "kind": kind.code,
                "params": params,
                "formats": list(kind.formats),
                "user": user.username,
                "token": tokens[user.username],
                "in_process": _in_process(kind, user, params),
            }
        )
    return {"requests": requests, "missing": missing}


if __name__ == "__main__":
    if sys.argv[1:] != ["prepare"]:
        raise SystemExit(__doc__)
    print(json.dumps(prepare()))  # noqa: T201
