"""The curated sectors and themes every registry starts with; users add their own."""

from django.db import migrations

CURATED = (
    "Human rights",
    "Legal aid",
    "Trafficking in persons",
    "Smuggling of migrants",
    "Firearms",
    "Narcotics",
    "Money laundering",
    "Corruption",
    "Cybercrime",
    "Women's rights",
    "Children's rights",
    "Youth",
    "Law enforcement",
    "Academia",
    "Media",
    "Victim support",
    "Migration",
    "Labour rights",
)


def add_themes(apps, schema_editor):  # type: ignore[no-untyped-def]
    theme = apps.get_model("engagement", "Theme")
    for name in CURATED:
        if not theme.objects.filter(name__iexact=name).exists():
            theme.objects.create(name=name, curated=True)


class Migration(migrations.Migration):
    dependencies = [("engagement", "0002_registry_alliances_events_minutes")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
