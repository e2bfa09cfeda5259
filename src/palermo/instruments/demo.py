"""Demo legislation: Pakistan's laws named in the mission brief, mapped to the articles."""

from pathlib import Path

import yaml

from palermo.instruments.models import Article, Law, State
from palermo.instruments.reference import reference_load
from palermo.instruments.services import legislation as legislation_services

DEMO_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "legislation_pak.yaml"


def demo_load() -> dict[str, int]:
    with DEMO_FILE.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream)
    reference_load()  # the States and articles the laws point to
    state = State.objects.get(iso3=data["state"])
    created = {"laws": 0}
    for item in data["laws"]:
        if Law.objects.filter(state=state, title=item["title"]).exists():
            continue
        law = legislation_services.law_create(
            actor=None,
            state=state,
            title=item["title"],
            short_title=item.get("short_title", ""),
            year=item.get("year"),
            kind=item.get("kind", Law.Kind.ACT),
            status=item.get("status", Law.Status.IN_FORCE),
            source_url=item.get("source_url", ""),
        )
        created["laws"] += 1
        for provision_data in item.get("provisions", []):
            provision = legislation_services.provision_create(
                actor=None,
                law=law,
                section=provision_data.get("section", ""),
                heading=provision_data.get("heading", ""),
                text=provision_data.get("text", ""),
            )
            for mapping in provision_data.get("articles", []):
                code, number = mapping["article"].split(":")
                article = Article.objects.get(instrument__code=code, number=int(number))
                legislation_services.mapping_add(
                    actor=None, provision=provision, article=article, note=mapping.get("note", "")
                )
    return created
