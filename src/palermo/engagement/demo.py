"""The demo alliance of the Pakistan example: members, events, statements and minutes.

Organisation names here are illustrative (types and cities from the mission brief); the demo
holds no contact details. Dates, headcounts and events come from the brief. Idempotent: an
existing alliance is left as it is.
"""

import datetime
from typing import Any

from django.db import transaction

from palermo.engagement.models import Alliance, Event, Organisation, Person
from palermo.engagement.services import alliances as alliance_services
from palermo.engagement.services import events as event_services
from palermo.engagement.services import registry as registry_services

ALLIANCE_NAME = "Civil Society Alliance for the UNTOC Review (Pakistan)"
COORDINATOR = "Civil Society Alliance (demo coordinating think tank)"
LAUNCH = datetime.date(2022, 9, 15)

CITIES = ("Islamabad", "Lahore", "Karachi", "Peshawar", "Quetta")
# (name pattern, kind, sectors): one member per city for each but the last two, which with
# the coordinator and the bar council make 50 members at launch.
MEMBER_TYPES = (
    ("Legal Aid Society", "civil_society", ["Legal experts/NGO", "Legal aid"]),
    ("Human Rights Forum", "civil_society", ["Human Rights"]),
    ("Anti-Trafficking Network", "civil_society", ["TIP/NGO", "Trafficking in persons"]),
    ("University Faculty of Law", "academia", ["Academia"]),
    ("Women's Rights Collective", "civil_society", ["Women's rights", "Human Rights"]),
    ("Migrant Workers' Support Centre", "civil_society", ["Migration", "Labour rights"]),
    ("Citizens-Police Liaison Committee", "civil_society", ["Law enforcement"]),
    ("Bar Association", "professional_body", ["Legal experts/NGO"]),
    ("Youth Development Network", "civil_society", ["Youth"]),
    ("Media Watch", "media", ["Media"]),
)
# Members that left during 2023 (pattern index, city index): 50 at launch, 35 by 2024.
LEFT_IN_2023 = [(type_index, city_index) for type_index in (4, 5, 8) for city_index in range(5)]
SKIPPED = {(9, 3), (9, 4)}
EXPERT_FIELDS = (
    "Criminal law",
    "Migration law",
    "Victim support",
    "Anti-money-laundering",
    "Firearms control",
)

EVENTS: list[dict[str, Any]] = [
    {
        "kind": Event.Kind.SCOPING_MEETING,
        "title": "Scoping meeting of civil society on the UNTOC review",
        "starts_on": datetime.date(2022, 8, 24),
        "in_person_count": 46,
    },
    {
        "kind": Event.Kind.PILOT_LAUNCH,
        "title": "Launch of the civil-society pilot initiative",
        "starts_on": LAUNCH,
        "in_person_count": 45,
        "description": "45 senior representatives of civil society, academia and the bar.",
    },
    {
        "kind": Event.Kind.CONSTRUCTIVE_DIALOGUE,
        "title": "Constructive dialogue on Firearms",
        "starts_on": datetime.date(2024, 4, 4),
        "instruments": ["firearms"],
        "themes": ["Firearms"],
        "statement": ("Written statement on Firearms", 6),
    },
    {
        "kind": Event.Kind.CONSTRUCTIVE_DIALOGUE,
        "title": "Constructive dialogue on International Cooperation",
        "starts_on": datetime.date(2024, 6, 7),
        "instruments": ["untoc"],
    },
    {
        "kind": Event.Kind.CONSTRUCTIVE_DIALOGUE,
        "title": "Constructive dialogue on Technical Assistance",
        "starts_on": datetime.date(2024, 6, 7),
        "instruments": ["untoc"],
    },
    {
        "kind": Event.Kind.CONSTRUCTIVE_DIALOGUE,
        "title": "Constructive dialogue on Trafficking in Persons",
        "starts_on": datetime.date(2024, 7, 10),
        "instruments": ["tip"],
        "themes": ["Trafficking in persons"],
        "statement": ("Written statement on Trafficking in Persons", 6),
    },
    {
        "kind": Event.Kind.CONSTRUCTIVE_DIALOGUE,
        "title": "Constructive dialogue on Smuggling of Migrants",
        "starts_on": datetime.date(2024, 7, 15),
        "instruments": ["som"],
        "themes": ["Smuggling of migrants"],
        "statement": ("Written statement on Smuggling of Migrants", 3),
    },
    {
        "kind": Event.Kind.COP_SESSION,
        "title": "Conference of the Parties, 12th session",
        "starts_on": datetime.date(2024, 10, 14),
        "ends_on": datetime.date(2024, 10, 18),
        "city": "Vienna",
        "instruments": ["untoc", "tip", "som", "firearms"],
    },
    {
        "kind": Event.Kind.INTERNATIONAL_DAY,
        "title": "International Day against Transnational Organized Crime 2024",
        "starts_on": datetime.date(2024, 11, 15),
        "in_person_count": 31,
        "online_count": 86,
        "online": True,
    },
]

# The scoping meeting's minutes: (decision, [(action, owners, due, status)]).
MINUTES_SUMMARY = (
    "Civil-society organisations, the bar and academia met to scope their part in Pakistan's "
    "review under Cluster 1 and agreed how the alliance will work."
)
DECISIONS: list[tuple[str, list[tuple[str, list[str], datetime.date, str]]]] = [
    (
        "The National Focal Person and the UNODC office will reach out to the Ministry of "
        "Interior to agree how civil society takes part in the review.",
        [
            (
                "Write to the Ministry of Interior proposing a joint consultation.",
                ["UNODC Country Office Pakistan"],
                datetime.date(2022, 9, 10),
                "done",
            ),
        ],
    ),
    (
        "The alliance launches a pilot initiative and maps its stakeholders by sector.",
        [
            (
                "Circulate the stakeholder map to members for corrections.",
                [COORDINATOR],
                datetime.date(2022, 9, 12),
                "done",
            ),
            (
                "Nominate the bar's focal person for the standardized questionnaire.",
                ["Pakistan Bar Council"],
                datetime.date(2022, 10, 31),
                "open",
            ),
        ],
    ),
    (
        "Regional consultations are held in five cities before the parallel report.",
        [
            (
                "Hold the regional consultations in Islamabad, Lahore, Karachi, Peshawar and "
                "Quetta.",
                [COORDINATOR],
                datetime.date(2022, 12, 15),
                "in_progress",
            ),
        ],
    ),
    (
        "The parallel report will be finalised by mid-October.",
        [
            (
                "Finalise and circulate the parallel report.",
                [COORDINATOR],
                datetime.date(2022, 10, 15),
                "done",
            ),
        ],
    ),
]


def _organisation(name: str, kind: str, themes: list[str], city: str = "") -> Organisation:
    existing = Organisation.objects.filter(name=name, country="PAK").first()
    if existing is not None:
        return existing
    return registry_services.organisation_create(
        actor=None, name=name, kind=kind, country="PAK", city=city, themes=themes
    )


def _members(alliance: Alliance) -> None:
    left = set(LEFT_IN_2023)
    for type_index, (pattern, kind, themes) in enumerate(MEMBER_TYPES):
        for city_index, city in enumerate(CITIES):
            if (type_index, city_index) in SKIPPED:
                continue
            organisation = _organisation(f"{city} {pattern}", kind, themes, city)
            membership = alliance_services.membership_add(
                actor=None, alliance=alliance, organisation=organisation, joined_on=LAUNCH
            )
            if (type_index, city_index) in left:
                alliance_services.membership_end(
                    actor=None,
                    membership=membership,
                    left_on=datetime.date(2023, 1 + 2 * city_index, 1 + type_index),
                )
    for number in range(1, 66):
        expert = registry_services.person_create(
            actor=None,
            name=f"Demo expert {number:02d}",
            country="PAK",
            roles="Individual expert",
            expertise=EXPERT_FIELDS[number % len(EXPERT_FIELDS)],
        )
        joined = datetime.date(2023, 1, 15) + datetime.timedelta(days=7 * number)
        alliance_services.membership_add(
            actor=None, alliance=alliance, person=expert, joined_on=joined
        )


def _instruments(codes: list[str]) -> list[Any]:
    from django.apps import apps

    instrument = apps.get_model("instruments", "Instrument")
    return list(instrument.objects.filter(code__in=codes))


def _events(alliance: Alliance, coordinator: Organisation) -> dict[str, Event]:
    events = {}
    for spec in EVENTS:
        data = dict(spec)
        statement = data.pop("statement", None)
        instruments = _instruments(data.pop("instruments", []))
        themes = data.pop("themes", [])
        event = event_services.event_create(
            actor=None,
            alliance=alliance,
            country="PAK",
            organisers=[coordinator],
            instruments=instruments,
            themes=themes,
            **data,
        )
        if statement is not None:
            title, points = statement
            event_services.statement_create(
                actor=None,
                event=event,
                organisation=coordinator,
                title=title,
                delivered_on=event.starts_on,
                language="en",
                text=(
                    f"Delivered by the alliance at the {event.title.lower()}. The statement "
                    f"sets out {points} recommendations to the Government of Pakistan."
                ),
            )
        events[event.title] = event
    return events


def _minutes(event: Event) -> None:
    from palermo.engagement.services import minutes as minutes_services

    minutes = minutes_services.minutes_record(actor=None, event=event, summary=MINUTES_SUMMARY)
    for text, actions in DECISIONS:
        decision = minutes_services.decision_add(actor=None, minutes=minutes, text=text)
        for action, owners, due, status in actions:
            organisation = Organisation.objects.filter(name__in=owners).first()
            item = minutes_services.action_item_create(
                actor=None,
                decision=decision,
                text=action,
                owner_organisation=organisation,
                due_on=due,
            )
            if status != "open":
                minutes_services.action_item_set_status(
                    actor=None,
                    item=item,
                    status=status,
                    note="Reported at the alliance's next meeting." if status == "done" else "",
                    completed_on=due if status == "done" else None,
                )


@transaction.atomic
def demo_load() -> dict[str, int]:
    if Alliance.objects.filter(name=ALLIANCE_NAME).exists():
        return {"alliances": 0}
    organisations_before, people_before = Organisation.objects.count(), Person.objects.count()
    coordinator = Organisation.objects.get(name=COORDINATOR, country="PAK")
    registry_services.organisation_update(
        actor=None, organisation=coordinator, city="Islamabad", themes=["Research", "Human rights"]
    )
    alliance = alliance_services.alliance_create(
        actor=None,
        name=ALLIANCE_NAME,
        coordinator=coordinator,
        founded_on=LAUNCH,
        description=(
            "Civil-society organisations, the bar, universities and experts taking part in "
            "Pakistan's review. Demo data: member names are illustrative."
        ),
    )
    alliance_services.membership_add(
        actor=None, alliance=alliance, organisation=coordinator, joined_on=LAUNCH
    )
    bar_council = Organisation.objects.get(name="Pakistan Bar Council", country="PAK")
    registry_services.organisation_update(
        actor=None, organisation=bar_council, themes=["Legal experts/NGO", "Human rights"]
    )
    alliance_services.membership_add(
        actor=None, alliance=alliance, organisation=bar_council, joined_on=LAUNCH
    )
    _members(alliance)
    events = _events(alliance, coordinator)
    _minutes(events[EVENTS[0]["title"]])
    return {
        "alliances": 1,
        "organisations": Organisation.objects.count() - organisations_before,
        "people": Person.objects.count() - people_before,
        "events": len(events),
        "minutes": 1,
    }
