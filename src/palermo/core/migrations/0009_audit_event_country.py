"""Give each audit event the State it belongs to, so the audit log follows the State scope.

Existing events get the State of the record they name where that record still exists and has
one (`core.audit.country_path`), else their actor's State; the rest (the system, acting on no
national record) stay international. Filling the column is the one change ever made to
written events: the append-only guard is lifted for it inside this migration's transaction
and put back before it ends. SQLite rebuilds the table to add a column, which drops its
triggers, so they are installed again afterwards (and after the column is removed again).
"""

import importlib
from collections import defaultdict
from contextlib import contextmanager

from django.apps import apps as global_apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import migrations, models

APPEND_ONLY = importlib.import_module("palermo.core.migrations.0002_audit_append_only")
NO_DELETE = importlib.import_module(
    "palermo.core.migrations.0006_audit_refuses_truncate_and_delete"
)
CHUNK = 500


def _install_sqlite_guard(schema_editor):
    for guard in (APPEND_ONLY, NO_DELETE):
        schema_editor.execute(guard.SQLITE_BACKWARD)
        schema_editor.execute(guard.SQLITE_FORWARD)


@contextmanager
def _guard_lifted(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
    elif vendor == "sqlite":
        for guard in (APPEND_ONLY, NO_DELETE):
            schema_editor.execute(guard.SQLITE_BACKWARD)
    yield
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER USER")
    elif vendor == "sqlite":
        _install_sqlite_guard(schema_editor)


def _path(model):
    """As `core.audit.country_path`, read from the model as the code declares it now."""
    declared = getattr(model, "audit_country_path", None)
    if declared is not None:
        return str(declared)
    try:
        field = model._meta.get_field("country")
    except FieldDoesNotExist:
        return None
    return None if field.is_relation else "country"


def _chunks(items):
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _record_countries(apps, events):
    """{event id: State} for events naming a record that still exists and has a State."""
    found = {}
    types = events.exclude(object_id="").values_list("object_type", flat=True).distinct()
    for object_type in list(types):
        app_label, _dot, model_name = object_type.partition(".")
        try:
            model = apps.get_model(app_label, model_name)
            path = _path(global_apps.get_model(app_label, model_name))
        except (LookupError, ValueError):
            continue
        if path is None:
            continue
        named = list(
            events.filter(object_type=object_type)
            .exclude(object_id="")
            .values_list("pk", "object_id")
        )
        ids = sorted({int(object_id) for _pk, object_id in named if object_id.isdigit()})
        countries = {}
        try:
            for chunk in _chunks(ids):
                rows = model.objects.filter(pk__in=chunk).values_list("pk", path)
                countries.update({str(pk): country for pk, country in rows if country is not None})
        except FieldError:
            continue
        found.update({pk: countries[oid] for pk, oid in named if oid in countries})
    return found


def backfill(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    User = apps.get_model("core", "User")
    # A plain queryset: the model's own refuses updates (its tests run this on the live model).
    events = models.QuerySet(AuditEvent).using(schema_editor.connection.alias)
    found = _record_countries(apps, events)
    # A user's State is their organisation's, or the deployment's (as `User.country` says).
    deployment = str(getattr(settings, "PALERMO_COUNTRY", ""))
    users = {
        pk: country or deployment
        for pk, country in User.objects.values_list("pk", "organisation__country")
    }
    by_country = defaultdict(list)
    for pk, actor_id in events.values_list("pk", "actor_id").iterator():
        country = found.get(pk)
        if country is None and actor_id is not None:
            country = users.get(actor_id, "")
        if country:
            by_country[country].append(pk)
    if not by_country:
        return
    with _guard_lifted(schema_editor):
        for country, pks in by_country.items():
            for chunk in _chunks(pks):
                events.filter(pk__in=chunk).update(country=country)


def reinstall_sqlite_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _install_sqlite_guard(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("core", "0008_audit_object_index")]

    operations = [
        # Undone last: removing the column rebuilds the SQLite table, dropping its triggers.
        migrations.RunPython(migrations.RunPython.noop, reinstall_sqlite_guard),
        migrations.AddField(
            model_name="auditevent",
            name="country",
            field=models.CharField(blank=True, default="", max_length=3, verbose_name="State"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["country", "at"], name="audit_country_idx"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(reinstall_sqlite_guard, migrations.RunPython.noop),
    ]
