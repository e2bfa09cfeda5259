"""Themes to count recommendations by, and the SDG targets they most often serve.

SDG target texts: the global indicator framework, A/RES/71/313 (annex).
"""

from django.db import migrations

THEMES = (
    ("trafficking-in-persons", "Trafficking in persons"),
    ("smuggling-of-migrants", "Smuggling of migrants"),
    ("firearms", "Firearms"),
    ("corruption", "Corruption"),
    ("money-laundering", "Money laundering"),
    ("cybercrime", "Cybercrime"),
    ("victims-and-witnesses", "Victims and witnesses"),
    ("data-and-research", "Data and research"),
    ("international-cooperation", "International cooperation"),
    ("prevention-and-awareness", "Prevention and awareness"),
    ("border-control", "Border control"),
    ("legislation", "Legislation"),
    ("capacity-building", "Capacity building"),
    ("civil-society-participation", "Civil-society participation"),
)

SDG_TARGETS = (
    ("5.2", "Eliminate all forms of violence against all women and girls in the public and private spheres, including trafficking and sexual and other types of exploitation."),
    ("8.7", "Take immediate and effective measures to eradicate forced labour, end modern slavery and human trafficking and secure the prohibition and elimination of the worst forms of child labour, including recruitment and use of child soldiers, and by 2025 end child labour in all its forms."),
    ("10.7", "Facilitate orderly, safe, regular and responsible migration and mobility of people, including through the implementation of planned and well-managed migration policies."),
    ("16.1", "Significantly reduce all forms of violence and related death rates everywhere."),
    ("16.2", "End abuse, exploitation, trafficking and all forms of violence against and torture of children."),
    ("16.3", "Promote the rule of law at the national and international levels and ensure equal access to justice for all."),
    ("16.4", "By 2030, significantly reduce illicit financial and arms flows, strengthen the recovery and return of stolen assets and combat all forms of organized crime."),
    ("16.5", "Substantially reduce corruption and bribery in all their forms."),
    ("16.a", "Strengthen relevant national institutions, including through international cooperation, for building capacity at all levels, in particular in developing countries, to prevent violence and combat terrorism and crime."),
    ("17.18", "By 2020, enhance capacity-building support to developing countries, including for least developed countries and small island developing States, to increase significantly the availability of high-quality, timely and reliable data disaggregated by income, gender, age, race, ethnicity, migratory status, disability, geographic location and other characteristics relevant in national contexts."),
)


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    theme = apps.get_model("tracking", "Theme")
    target = apps.get_model("tracking", "SdgTarget")
    for code, name in THEMES:
        theme.objects.get_or_create(code=code, defaults={"name": name})
    for code, title in SDG_TARGETS:
        target.objects.get_or_create(code=code, defaults={"title": title})


class Migration(migrations.Migration):
    dependencies = [("tracking", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
