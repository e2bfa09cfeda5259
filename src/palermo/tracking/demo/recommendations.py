"""Demo recommendations of the Pakistan example, with their progress from 2023 to 2025.

The alliance's 6-point agenda and the points of its written statements on TIP (6), SOM (3)
and Firearms (6).

The texts are illustrative, written from the phrases of the mission brief; the statuses come
from dated progress updates, as in real use. Idempotent: a source whose recommendations
exist already is left as it is.
"""

import datetime
from dataclasses import dataclass, field

from palermo.engagement.models import Organisation, Statement
from palermo.instruments.models import Article
from palermo.tracking.models import Recommendation, SdgTarget, Status, Theme
from palermo.tracking.services import recommendations as services

COUNTRY = "PAK"
AGENDA_TITLE = "Civil Society Alliance: 6-point agenda"
AGENDA_ISSUED = datetime.date(2022, 9, 15)
HIGH, MEDIUM, LOW = (
    Recommendation.Priority.HIGH,
    Recommendation.Priority.MEDIUM,
    Recommendation.Priority.LOW,
)
MOI = "Ministry of Interior"
FIA = "Federal Investigation Agency"
MOFA = "Ministry of Foreign Affairs"
NAB = "National Accountability Bureau"
FMU = "Financial Monitoring Unit"


@dataclass(frozen=True)
class Point:
    text: str
    themes: tuple[str, ...]
    articles: tuple[str, ...]
    bodies: tuple[str, ...]
    sdg: tuple[str, ...]
    priority: str = MEDIUM
    # (date, status, what happened), oldest first.
    updates: tuple[tuple[datetime.date, str, str], ...] = field(default=())


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


AGENDA = (
    Point(
        "Strengthen the national database on trafficking in persons and smuggling of migrants, "
        "and build common databases shared by the FIA, the provincial police and the Ministry "
        "of Interior.",
        ("data-and-research", "trafficking-in-persons"),
        ("untoc:28", "tip:10"),
        (FIA, MOI),
        ("16.2", "8.7"),
        HIGH,
        (
            (_d("2023-03-01"), Status.IN_PROGRESS, "The FIA began merging its case registers."),
            (
                _d("2024-06-30"),
                Status.PARTLY_IMPLEMENTED,
                "A shared case register runs in two provinces; the others are to follow.",
            ),
        ),
    ),
    Point(
        "Commission an evidence-based threat assessment of organized crime in Pakistan and "
        "repeat it every two years, to address the lack of research and data.",
        ("data-and-research",),
        ("untoc:28",),
        (MOI,),
        ("16.4",),
        HIGH,
        (
            (
                _d("2023-06-15"),
                Status.NOT_STARTED,
                "The Ministry acknowledged the proposal; no budget has been set aside yet.",
            ),
            (
                _d("2024-11-20"),
                Status.IN_PROGRESS,
                "Terms of reference for the threat assessment were agreed with UNODC.",
            ),
        ),
    ),
    Point(
        "Give civil society a standing place in the review: share the self-assessment answers "
        "and hold national consultations before each submission.",
        ("civil-society-participation",),
        (),
        (MOFA,),
        ("16.a",),
        MEDIUM,
        (
            (
                _d("2023-01-20"),
                Status.IN_PROGRESS,
                "The National Focal Person shared the draft answers on two articles.",
            ),
            (
                _d("2024-02-10"),
                Status.IMPLEMENTED,
                "All answers were shared and consultations were held in five cities.",
            ),
        ),
    ),
    Point(
        "Protect victims and witnesses in every province: shelters, legal aid and strict "
        "protection of their personal data.",
        ("victims-and-witnesses",),
        ("untoc:24", "untoc:25", "tip:6"),
        (MOI,),
        ("5.2", "16.2"),
        HIGH,
        (
            (
                _d("2023-09-01"),
                Status.IN_PROGRESS,
                "Two provinces drafted rules for victim shelters and legal aid.",
            ),
        ),
    ),
    Point(
        "Bring anti-money-laundering and asset recovery in line with the Convention, with the "
        "Financial Monitoring Unit reporting yearly on the financial intelligence it shares.",
        ("money-laundering",),
        ("untoc:6", "untoc:7", "untoc:12"),
        (FMU, NAB),
        ("16.4",),
        MEDIUM,
        (
            (
                _d("2024-03-15"),
                Status.PARTLY_IMPLEMENTED,
                "The FMU published its first yearly report; asset recovery rules are pending.",
            ),
        ),
    ),
    Point(
        "Prevent the corruption that shields organized criminal groups, and publish yearly "
        "figures on corruption cases linked to organized crime.",
        ("corruption",),
        ("untoc:8", "untoc:9"),
        (NAB,),
        ("16.5",),
        MEDIUM,
        (
            (
                _d("2023-05-10"),
                Status.NOT_ACCEPTED,
                "The Bureau replied that it does not classify its cases by link to organized "
                "crime and will not publish such figures.",
            ),
        ),
    ),
)

TIP = (
    Point(
        "Strengthen the national database on TIP, with cases broken down by sex, age and form "
        "of exploitation.",
        ("trafficking-in-persons", "data-and-research"),
        ("tip:10",),
        (FIA,),
        ("5.2", "16.2"),
        HIGH,
        (
            (_d("2024-09-01"), Status.IN_PROGRESS, "The FIA added the breakdowns to its forms."),
            (
                _d("2025-03-31"),
                Status.PARTLY_IMPLEMENTED,
                "Cases from 2024 are recorded with the breakdowns; older cases are not yet.",
            ),
        ),
    ),
    Point(
        "Align the Prevention of Trafficking in Persons Act 2018 with the Protocol's "
        "definition, including trafficking within the country.",
        ("trafficking-in-persons", "legislation"),
        ("tip:3", "tip:5"),
        (MOI,),
        ("8.7",),
        HIGH,
        (
            (
                _d("2024-10-15"),
                Status.NOT_ACCEPTED,
                "The Ministry considers the present definition sufficient.",
            ),
        ),
    ),
    Point(
        "Set up victim identification and referral procedures, with shelters and legal aid "
        "for victims of trafficking.",
        ("trafficking-in-persons", "victims-and-witnesses"),
        ("tip:6",),
        (MOI, FIA),
        ("5.2",),
        HIGH,
        (
            (
                _d("2024-12-01"),
                Status.IN_PROGRESS,
                "Draft referral procedures were circulated to the provinces.",
            ),
        ),
    ),
    Point(
        "Train investigators, prosecutors and judges on trafficking cases and on the "
        "evidence they need.",
        ("trafficking-in-persons", "capacity-building"),
        ("tip:10",),
        (FIA,),
        ("16.2",),
        MEDIUM,
        (
            (_d("2024-08-20"), Status.IN_PROGRESS, "A training curriculum was agreed."),
            (
                _d("2025-02-28"),
                Status.IMPLEMENTED,
                "Four training courses were held for investigators and prosecutors.",
            ),
        ),
    ),
    Point(
        "Run awareness campaigns in the districts people are most often trafficked from.",
        ("trafficking-in-persons", "prevention-and-awareness"),
        ("tip:9",),
        (MOI,),
        ("8.7",),
        LOW,
    ),
    Point(
        "Agree with destination countries on the exchange of information and the safe "
        "repatriation of victims.",
        ("trafficking-in-persons", "international-cooperation"),
        ("tip:8", "tip:10"),
        (MOFA,),
        ("10.7",),
        MEDIUM,
        (
            (
                _d("2025-01-15"),
                Status.IN_PROGRESS,
                "Talks opened with two destination countries.",
            ),
        ),
    ),
)

SOM = (
    Point(
        "Open more ways to legal employment abroad, so that fewer people turn to smugglers.",
        ("smuggling-of-migrants", "prevention-and-awareness"),
        ("som:15",),
        (MOFA,),
        ("10.7",),
        HIGH,
        (
            (
                _d("2024-11-01"),
                Status.IN_PROGRESS,
                "Two labour-mobility agreements are being negotiated.",
            ),
        ),
    ),
    Point(
        "Treat smuggled migrants as people whose rights must be protected, not as offenders.",
        ("smuggling-of-migrants", "victims-and-witnesses"),
        ("som:5", "som:16"),
        (MOI,),
        ("10.7",),
        MEDIUM,
    ),
    Point(
        "Strengthen border control with common databases between the FIA and the border agencies.",
        ("smuggling-of-migrants", "border-control", "data-and-research"),
        ("som:10", "som:11"),
        (FIA,),
        ("16.4",),
        MEDIUM,
        (
            (
                _d("2025-02-01"),
                Status.PARTLY_IMPLEMENTED,
                "Three airports check travellers against the shared database.",
            ),
        ),
    ),
)

FIREARMS = (
    Point(
        "Mark every firearm at manufacture and import so that it can be traced.",
        ("firearms",),
        ("firearms:8",),
        (MOI,),
        ("16.4",),
        HIGH,
        (
            (
                _d("2024-06-01"),
                Status.NOT_STARTED,
                "The Ministry asked manufacturers for their marking practices.",
            ),
            (_d("2025-01-10"), Status.IN_PROGRESS, "Marking rules were drafted."),
        ),
    ),
    Point(
        "Keep records of firearms, their parts and ammunition for at least ten years in a "
        "national register.",
        ("firearms", "data-and-research"),
        ("firearms:7",),
        (MOI,),
        ("16.4",),
        HIGH,
        (
            (
                _d("2024-09-30"),
                Status.PARTLY_IMPLEMENTED,
                "Licences are recorded electronically; parts and ammunition are not yet.",
            ),
        ),
    ),
    Point(
        "Make the illicit manufacturing of and trafficking in firearms criminal offences as "
        "the Protocol defines them.",
        ("firearms", "legislation"),
        ("firearms:5", "untoc:5"),
        (MOI,),
        ("16.4",),
        MEDIUM,
        (
            (
                _d("2024-12-15"),
                Status.NOT_STARTED,
                "Listed for the next review of the arms legislation.",
            ),
        ),
    ),
    Point(
        "Use AI-driven analytics on seizure data to track networks and illicit flows of firearms.",
        ("firearms", "data-and-research"),
        ("firearms:12",),
        (FIA,),
        ("16.4",),
        LOW,
    ),
    Point(
        "Cooperate with neighbouring States to trace firearms and exchange information on "
        "seizures.",
        ("firearms", "international-cooperation"),
        ("firearms:13",),
        (MOFA, FIA),
        ("16.4",),
        MEDIUM,
        (
            (
                _d("2025-04-01"),
                Status.IN_PROGRESS,
                "A tracing request procedure was agreed with one neighbouring State.",
            ),
        ),
    ),
    Point(
        "Accede to the Firearms Protocol.",
        ("firearms", "legislation"),
        (),
        (MOFA,),
        ("16.4",),
        MEDIUM,
        (
            (
                _d("2024-10-18"),
                Status.NOT_ACCEPTED,
                "The Government stated at the Conference of the Parties that accession is "
                "not planned for now.",
            ),
        ),
    ),
)

STATEMENTS = (
    ("Written statement on Trafficking in Persons", "TIP", TIP),
    ("Written statement on Smuggling of Migrants", "SOM", SOM),
    ("Written statement on Firearms", "FA", FIREARMS),
)


def _article(code: str) -> Article:
    instrument, number = code.split(":")
    return Article.objects.get(instrument__code=instrument, number=int(number))


def _create(point: Point, **source: object) -> int:
    """Create one recommendation and its updates; return how many updates were made."""
    recommendation = services.recommendation_create(
        actor=None,
        text=point.text,
        country=COUNTRY,
        priority=point.priority,
        themes=Theme.objects.filter(code__in=point.themes),
        articles=[_article(code) for code in point.articles],
        responsible_bodies=Organisation.objects.filter(name__in=point.bodies, country=COUNTRY),
        sdg_targets=SdgTarget.objects.filter(code__in=point.sdg),
        **source,  # type: ignore[arg-type]
    )
    for reported_on, status, narrative in point.updates:
        services.recommendation_update_add(
            actor=None,
            recommendation=recommendation,
            reported_on=reported_on,
            status=status,
            narrative=narrative,
        )
    return len(point.updates)


def load() -> dict[str, int]:
    created = updates = 0
    if not Recommendation.objects.filter(country=COUNTRY, source_title=AGENDA_TITLE).exists():
        for number, point in enumerate(AGENDA, start=1):
            updates += _create(
                point,
                source=Recommendation.Source.REPORT,
                source_title=AGENDA_TITLE,
                reference=f"AGENDA-{number}",
                issued_on=AGENDA_ISSUED,
            )
            created += 1
    for title, prefix, points in STATEMENTS:
        statement = Statement.objects.filter(title=title, event__country=COUNTRY).first()
        if statement is None or Recommendation.objects.filter(statement=statement).exists():
            continue
        for number, point in enumerate(points, start=1):
            updates += _create(
                point,
                source=Recommendation.Source.STATEMENT,
                statement=statement,
                reference=f"{prefix}-{number}",
                issued_on=statement.delivered_on,
            )
            created += 1
    return {"recommendations": created, "progress updates": updates}
