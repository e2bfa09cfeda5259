"""Demo networks: a clearly labelled, invented smuggling network along a western route.

Every name is made up and describes no real person, company or place of business. The demo
analyst owns the collection: recruiters and a travel agency in Punjab, brokers in Quetta and
abroad, a border official paid along the way, companies owning each other in a circle, and
payments between them, with the places where people were recruited, moved and exploited.
"""

import json
import tempfile
from pathlib import Path
from typing import Any

from palermo.core.models import User
from palermo.evidence.models import Dataset
from palermo.networks.models import Collection, Entity
from palermo.networks.services import collections, entities, imports

NAME = "Western route smuggling network (invented demo)"

PEOPLE = {
    "rana": ("Rana Tufail", "pk"),
    "zaheer": ("Zaheer Abbasi", "pk"),
    "gul": ("Gul Meena", "af"),
    "imtiaz": ("Imtiaz Qureshi", "pk"),
    "sabir": ("Naveed Sabir", "pk"),
    "farah": ("Farah Jamil", "pk"),
    "kamran": ("Kamran Ilyas", "pk"),
    "tariq": ("Tariq Mehmood", "pk"),
    "baloch": ("Shahzad Rind", "pk"),
    "hamid": ("Hamid Karimi", "ir"),
    "yusuf": ("Yusuf Demir", "tr"),
    "nikos": ("Nikos Petridis", "gr"),
    "sadia": ("Sadia Noor", "pk"),
    "rana_urdu": ("رانا طفیل", "pk"),
}
COMPANIES = {
    "crescent": ("Crescent Travel Services", "pk"),
    "indus": ("Indus Horizon Holdings", "ae"),
    "dune": ("Blue Dune Trading", "ae"),
    "caravan": ("Caravan Overseas Employment Promoters", "pk"),
    "aegean": ("Aegean Harvest Farms", "gr"),
}
PLACES = {
    "gujrat": ("Main bazaar, Gujrat", "pk", "recruitment"),
    "mandi": ("Mandi Bahauddin bus stand", "pk", "recruitment"),
    "quetta": ("Quetta bus terminal", "pk", "transit"),
    "taftan": ("Taftan border crossing", "pk", "transit"),
    "van": ("Van safe house", "tr", "transit"),
    "athens": ("Omonia, Athens", "gr", "exploitation"),
    "manolada": ("Strawberry fields, Manolada", "gr", "exploitation"),
}
LINKS: list[tuple[str, str, dict[str, list[str]]]] = [
    ("own-1", "Ownership", {"owner": ["indus"], "asset": ["crescent"], "percentage": ["60"]}),
    ("own-2", "Ownership", {"owner": ["dune"], "asset": ["indus"], "percentage": ["100"]}),
    ("own-3", "Ownership", {"owner": ["crescent"], "asset": ["dune"], "percentage": ["51"]}),
    ("own-4", "Ownership", {"owner": ["sadia"], "asset": ["caravan"], "percentage": ["80"]}),
    ("dir-1", "Directorship", {"director": ["rana"], "organization": ["crescent"]}),
    ("dir-2", "Directorship", {"director": ["sadia"], "organization": ["indus"]}),
    ("emp-1", "Employment", {"employee": ["zaheer"], "employer": ["crescent"]}),
    ("emp-2", "Employment", {"employee": ["sabir"], "employer": ["caravan"]}),
    ("emp-3", "Employment", {"employee": ["nikos"], "employer": ["aegean"]}),
    ("fam-1", "Family", {"person": ["zaheer"], "relative": ["gul"], "relationship": ["Cousin"]}),
    ("fam-2", "Family", {"person": ["rana"], "relative": ["farah"], "relationship": ["Sister"]}),
    ("asc-1", "Associate", {"person": ["rana"], "associate": ["imtiaz"]}),
    ("asc-2", "Associate", {"person": ["baloch"], "associate": ["hamid"]}),
    ("asc-3", "Associate", {"person": ["hamid"], "associate": ["yusuf"]}),
    ("asc-4", "Associate", {"person": ["yusuf"], "associate": ["nikos"]}),
    ("asc-5", "Associate", {"person": ["zaheer"], "associate": ["baloch"]}),
    ("rep-1", "Representation", {"agent": ["kamran"], "client": ["caravan"]}),
    ("unk-1", "UnknownLink", {"subject": ["tariq"], "object": ["sabir"], "role": ["Driver"]}),
]
PAYMENTS = [
    ("rana", "imtiaz", "250000", "PKR", "2024-03-10"),
    ("crescent", "zaheer", "90000", "PKR", "2024-03-12"),
    ("zaheer", "baloch", "400000", "PKR", "2024-03-20"),
    ("baloch", "hamid", "1500", "USD", "2024-04-02"),
    ("hamid", "yusuf", "2500", "EUR", "2024-04-20"),
    ("yusuf", "nikos", "3000", "EUR", "2024-05-15"),
    ("aegean", "nikos", "12000", "EUR", "2024-09-30"),
    ("caravan", "kamran", "150000", "PKR", "2024-02-01"),
    ("sadia", "kamran", "75000", "PKR", "2024-02-15"),
    ("indus", "dune", "40000", "AED", "2024-06-01"),
]
ADDRESSES = {"rana": "gujrat", "sabir": "mandi", "baloch": "quetta", "nikos": "athens"}
# FtM topics, so the graph page's topic filter has something to choose.
TOPICS = {
    "rana": ["crime.traffick.human", "crime.boss"],
    "imtiaz": ["role.pep"],
    "baloch": ["crime.traffick.human"],
    "hamid": ["crime.traffick.human"],
    "yusuf": ["crime.traffick.human"],
    "dune": ["crime.fin"],
}


def _entities() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for key, (full, country, _stage) in PLACES.items():
        found.append(
            {"id": key, "schema": "Address", "properties": {"full": [full], "country": [country]}}
        )
    for key, (name, country) in PEOPLE.items():
        properties = {"name": [name], "nationality": [country]}
        if key in ADDRESSES:
            properties["addressEntity"] = [ADDRESSES[key]]
        if key in TOPICS:
            properties["topics"] = TOPICS[key]
        found.append({"id": key, "schema": "Person", "properties": properties})
    for key, (name, country) in COMPANIES.items():
        company = {"name": [name], "jurisdiction": [country]}
        if key in TOPICS:
            company["topics"] = TOPICS[key]
        found.append({"id": key, "schema": "Company", "properties": company})
    for key, schema, properties in LINKS:
        found.append({"id": key, "schema": schema, "properties": properties})
    for number, (payer, beneficiary, amount, currency, date) in enumerate(PAYMENTS, start=1):
        found.append(
            {
                "id": f"pay-{number}",
                "schema": "Payment",
                "properties": {
                    "payer": [payer],
                    "beneficiary": [beneficiary],
                    "amount": [amount],
                    "currency": [currency],
                    "date": [date],
                },
            }
        )
    return found


def demo_load() -> dict[str, int]:
    analyst = User.objects.filter(username="analyst").first()
    if analyst is None or Collection.objects.filter(name=NAME).exists():
        return {"collections": 0}
    collection = collections.collection_create(
        actor=analyst,
        name=NAME,
        description=(
            "Invented people, companies and payments for training and trying the platform: "
            "recruiters in Punjab, brokers along the route through Iran and Turkey, a border "
            "official paid for passage, companies owning each other in a circle. Not real."
        ),
        source="Palermo demo",
        licence="Invented data, no restriction",
        sensitivity="confidential",
        is_synthetic=True,
        datasets=list(Dataset.objects.filter(is_synthetic=True, kind="victims")),
    )
    with tempfile.TemporaryDirectory(prefix="palermo-demo-") as folder:
        path = Path(folder) / "western-route.ftm.json"
        path.write_text("\n".join(json.dumps(entity) for entity in _entities()) + "\n")
        imports.import_file(actor=analyst, collection=collection, path=path)
    for key, (_full, _country, stage) in PLACES.items():
        place = Entity.objects.get(collection=collection, entity_id=key)
        entities.entity_annotate(actor=analyst, entity=place, route_stage=stage)
    return {"collections": 1}
