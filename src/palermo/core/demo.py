"""The demo data set: one account per role, in the organisations of the Pakistan example.

Idempotent: what exists is left as it is, so a second run writes nothing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from palermo.core.audit import audit_context
from palermo.core.models import User
from palermo.core.roles import Role
from palermo.core.services import users as user_services
from palermo.engagement.models import Organisation
from palermo.engagement.services import registry as registry_services

DEMO_ORGANISATIONS = [
    ("National Police Bureau", Organisation.Kind.GOVERNMENT, "PAK"),
    ("Federal Investigation Agency", Organisation.Kind.GOVERNMENT, "PAK"),
    ("Ministry of Interior", Organisation.Kind.GOVERNMENT, "PAK"),
    ("Ministry of Foreign Affairs", Organisation.Kind.GOVERNMENT, "PAK"),
    ("National Accountability Bureau", Organisation.Kind.GOVERNMENT, "PAK"),
    ("Financial Monitoring Unit", Organisation.Kind.GOVERNMENT, "PAK"),
    ("Pakistan Bar Council", Organisation.Kind.CIVIL_SOCIETY, "PAK"),
    (
        "Civil Society Alliance (demo coordinating think tank)",
        Organisation.Kind.CIVIL_SOCIETY,
        "PAK",
    ),
    ("Government of Tonga", Organisation.Kind.GOVERNMENT, "TON"),
    ("UNODC Country Office Pakistan", Organisation.Kind.INTERNATIONAL, "PAK"),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    organisation: str
    role: Role


DEMO_ACCOUNTS = [
    DemoAccount("secretariat", "Demo", "Secretariat", "National Police Bureau", Role.SECRETARIAT),
    DemoAccount("focal", "Demo", "Focal Person", "Federal Investigation Agency", Role.FOCAL_PERSON),
    DemoAccount("reviewer", "Demo", "Reviewer", "Government of Tonga", Role.PEER_REVIEWER),
    DemoAccount(
        "coordinator",
        "Demo",
        "Coordinator",
        "Civil Society Alliance (demo coordinating think tank)",
        Role.CS_COORDINATOR,
    ),
    DemoAccount("member", "Demo", "Member", "Pakistan Bar Council", Role.CS_MEMBER),
    DemoAccount("monitor", "Demo", "Monitor", "Ministry of Interior", Role.PLAN_MONITOR),
    DemoAccount("analyst", "Demo", "Analyst", "National Police Bureau", Role.ANALYST),
]


class DemoModeOffError(Exception):
    """Demo data is only loaded when PALERMO_DEMO is on."""


@transaction.atomic
def demo_load() -> dict[str, int]:
    """Create the demo organisations and accounts that do not exist yet; return what was made."""
    if not settings.PALERMO_DEMO:
        raise DemoModeOffError("Set PALERMO_DEMO=1 to load the demo data.")
    created = {"organisations": 0, "users": 0}
    with audit_context(channel="demo"):
        organisations: dict[str, Organisation] = {}
        for name, kind, country in DEMO_ORGANISATIONS:
            organisation = Organisation.objects.filter(name=name, country=country).first()
            if organisation is None:
                organisation = registry_services.organisation_create(
                    actor=None, name=name, kind=kind, country=country
                )
                created["organisations"] += 1
            organisations[name] = organisation
        for account in DEMO_ACCOUNTS:
            if User.objects.filter(username=account.username).exists():
                continue
            user_services.user_create(
                actor=None,
                username=account.username,
                password=settings.PALERMO_DEMO_PASSWORD,
                first_name=account.first_name,
                last_name=account.last_name,
                email=f"{account.username}@demo.palermo.invalid",
                organisation=organisations[account.organisation],
                roles=(account.role,),
                is_demo=True,
            )
            created["users"] += 1
    return created
