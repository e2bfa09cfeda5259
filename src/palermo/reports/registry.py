"""The kinds of report users can generate; each builder registers its own.

A builder module under `palermo.reports.builders` calls `register(ReportKind(...))` when it is
imported; `kinds()` and `get()` import every builder module the first time they are asked, so
no list of builders is kept by hand.
"""

import builtins
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from palermo.reports.document import Document

if TYPE_CHECKING:
    from palermo.core.models import User
    from palermo.instruments.models import State

FORMATS = ("html", "pdf", "docx", "xlsx")

ParamValue = int | str


class ReportError(Exception):
    """A builder cannot build this report; the message (a sentence) is shown to the user."""


Params = dict[str, ParamValue]


@dataclass(frozen=True)
class Param:
    """One parameter a kind needs: a review id, a plan id and a period, an alliance and a year."""

    name: str
    label: str | Promise
    type: builtins.type[int] | builtins.type[str] = int
    help_text: str | Promise = ""
    # A text parameter may be one of these (value, label) pairs, the first when not given.
    choices: tuple[tuple[str, str | Promise], ...] = ()
    # An optional parameter left blank is simply absent from the parameters.
    required: bool = True
    # An id parameter picked by name: (id, name) pairs of what this user may see.
    options: Callable[[Any], list[tuple[int, str]]] | None = None
    # A text parameter holding a month ("2025-03"), asked with a month picker.
    month: bool = False


@dataclass(frozen=True)
class ReportKind:
    code: str
    label: str | Promise
    formats: tuple[str, ...]
    params: tuple[Param, ...]
    # build(params, language, user): runs inside translation.override(language).
    build: Callable[[Params, str, "User"], Document]
    can_generate: Callable[["User", Params], bool]
    description: str | Promise = ""
    # The State the report is about (who may see it); by default the requester's State.
    state: Callable[[Params], "State | None"] | None = None
    # A short human description of the parameters ("Pakistan — cluster 1 (2021)").
    describe: Callable[[Params], str] | None = None

    def parse_params(self, raw: Mapping[str, Any]) -> Params:
        """The kind's parameters from a query string or JSON body, or a ValidationError."""
        params: Params = {}
        errors: dict[str, str] = {}
        for param in self.params:
            value = raw.get(param.name)
            text = "" if value is None else str(value).strip()
            if param.choices:
                values = [choice for choice, _label in param.choices]
                if not text:
                    params[param.name] = values[0]
                elif text in values:
                    params[param.name] = text
                else:
                    errors[param.name] = _("%(name)s must be one of: %(choices)s.") % {
                        "name": param.label,
                        "choices": ", ".join(values),
                    }
            elif not text and not param.required:
                continue
            elif not text:
                errors[param.name] = _("%(name)s is required.") % {"name": param.label}
            elif param.type is int:
                try:
                    params[param.name] = int(text)
                except ValueError:
                    errors[param.name] = _("%(name)s must be a whole number.") % {
                        "name": param.label
                    }
            else:
                params[param.name] = text
        if errors:
            raise ValidationError(errors)
        return params

    def params_label(self, params: Mapping[str, Any]) -> str:
        """What the parameters say, for lists and notifications."""
        if self.describe is not None:
            try:
                described = self.describe(dict(params))
            except Exception:  # noqa: BLE001 - a stale id must not break a list page
                described = ""
            if described:
                return described
        labels = {param.name: param.label for param in self.params}
        return ", ".join(f"{labels.get(name, name)} {value}" for name, value in params.items())


_kinds: dict[str, ReportKind] = {}
_discovered = False


def register(kind: ReportKind) -> ReportKind:
    """Make a kind available; registering another kind under a taken code is an error."""
    unknown = set(kind.formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"Unknown formats for report kind {kind.code}: {sorted(unknown)}")
    existing = _kinds.get(kind.code)
    if existing is not None and existing is not kind:
        raise ValueError(f"A report kind {kind.code!r} is already registered.")
    _kinds[kind.code] = kind
    return kind


def unregister(code: str) -> None:
    _kinds.pop(code, None)


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    _discovered = True
    from palermo.reports import builders

    for module in pkgutil.iter_modules(builders.__path__):
        importlib.import_module(f"{builders.__name__}.{module.name}")


def kinds() -> list[ReportKind]:
    _discover()
    return sorted(_kinds.values(), key=lambda kind: str(kind.label))


def get(code: str) -> ReportKind | None:
    _discover()
    return _kinds.get(code)
