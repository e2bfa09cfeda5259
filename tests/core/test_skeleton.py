"""Every app has the same skeleton (docs/architecture.md, "One skeleton for every app").

Each room (models, services, selectors, api, views) is a package of topic modules, and its
`__init__` only assembles: it defines nothing and re-exports nothing from outside the room.
Callers import the topic module of services, selectors and views, so their `__init__` holds
a docstring and nothing else. An app with pages has its rules in `permissions.py`.
"""

import ast
from pathlib import Path

import pytest

import palermo

ROOMS = ("models", "services", "selectors", "api", "views")
IMPORTED_BY_TOPIC = ("services", "selectors", "views")
APPS = sorted(path.parent for path in Path(palermo.__file__).parent.glob("*/apps.py"))
EXEMPT: set[str] = set()
CHECKED = [app for app in APPS if app.name not in EXEMPT]


def _rooms(app: Path) -> list[Path]:
    return [app / room for room in ROOMS if (app / room / "__init__.py").exists()]


def test_the_apps_are_found() -> None:
    assert {app.name for app in APPS} >= {"core", "instruments", "reviews", "tracking"}


@pytest.mark.parametrize("app", CHECKED, ids=lambda app: app.name)
def test_every_room_is_a_package(app: Path) -> None:
    modules = [f"{app.name}/{room}.py" for room in ROOMS if (app / f"{room}.py").exists()]

    assert modules == []


@pytest.mark.parametrize("app", CHECKED, ids=lambda app: app.name)
def test_a_rooms_init_defines_nothing(app: Path) -> None:
    defined = [
        f"{room.name}/__init__.py: {node.name}"
        for room in _rooms(app)
        for node in ast.parse((room / "__init__.py").read_text()).body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]

    assert defined == []


@pytest.mark.parametrize("app", CHECKED, ids=lambda app: app.name)
def test_services_selectors_and_views_are_imported_by_topic(app: Path) -> None:
    filled = [
        f"{room.name}/__init__.py: line {node.lineno}"
        for room in _rooms(app)
        if room.name in IMPORTED_BY_TOPIC
        for index, node in enumerate(ast.parse((room / "__init__.py").read_text()).body)
        if not (index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
    ]

    assert filled == []


@pytest.mark.parametrize("app", CHECKED, ids=lambda app: app.name)
def test_a_rooms_init_reexports_only_its_own_topics(app: Path) -> None:
    foreign = []
    for room in _rooms(app):
        own = f"palermo.{app.name}.{room.name}"
        for node in ast.parse((room / "__init__.py").read_text()).body:
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            foreign += [
                f"{room.name}/__init__.py: {module}"
                for module in modules
                if module.startswith("palermo")
                and not module.startswith(f"{own}.")
                and module != own
            ]

    assert foreign == []


@pytest.mark.parametrize(
    "app", [app for app in CHECKED if (app / "views").exists()], ids=lambda app: app.name
)
def test_an_app_with_pages_has_permissions(app: Path) -> None:
    assert (app / "permissions.py").exists()
