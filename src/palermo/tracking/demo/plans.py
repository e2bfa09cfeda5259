"""The demo 14-point National Action Plan against Smuggling of Migrants (Pakistan, 2025).

The measures are those of the mission brief, in its order; indicators, figures and the
task force are illustrative. A year of values is reported as of 31 January 2026, with a few
months missing (overdue), some indicators behind their path, some values verified, one
returned and one corrected. No personal data. Idempotent: an existing plan is left alone.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from palermo.core.models import User
from palermo.engagement.models import Organisation
from palermo.engagement.services import registry as registry_services
from palermo.tracking.models import ActionPlan, Indicator, Measure, Recommendation
from palermo.tracking.services import measurements as measurement_services
from palermo.tracking.services import plans as plan_services

PLAN_TITLE = "National Action Plan against Smuggling of Migrants"
COUNTRY = "PAK"
TASK_FORCE = "Joint Task Force against Migrant Smuggling (demo)"
STARTS_ON = datetime.date(2025, 1, 1)
ENDS_ON = datetime.date(2025, 12, 31)
REVIEW_ON = datetime.date(2026, 1, 31)
BASELINE_DATE = datetime.date(2024, 12, 31)
TARGET_DATE = datetime.date(2025, 12, 31)
# The day the demo's values are reported on: every period of 2025 has ended and is due.
REPORTED_ON = datetime.date(2026, 1, 31)

INTERIOR = "Ministry of Interior"
FIA = "Federal Investigation Agency"
FMU = "Financial Monitoring Unit"
NAB = "National Accountability Bureau"
FOREIGN_AFFAIRS = "Ministry of Foreign Affairs"
POLICE_BUREAU = "National Police Bureau"


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    unit: str
    baseline: int
    target: int
    frequency: str
    reporter: str
    # One value per period (12 months or 4 quarters); None: not reported (overdue).
    values: tuple[int | None, ...]
    direction: str = Indicator.Direction.INCREASE
    plausible: tuple[int, int] | None = None


@dataclass(frozen=True)
class DemoMeasure:
    title: str
    lead: str
    partners: tuple[str, ...]
    indicators: tuple[DemoIndicator, ...]
    keywords: tuple[str, ...] = ()


M, Q = Indicator.Frequency.MONTHLY, Indicator.Frequency.QUARTERLY
PERCENT = (0, 100)

MEASURES = (
    DemoMeasure(
        "Political ownership",
        INTERIOR,
        (FOREIGN_AFFAIRS, POLICE_BUREAU),
        (
            DemoIndicator(
                "Task force meetings held (cumulative)",
                "meetings",
                0,
                12,
                M,
                INTERIOR,
                (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
            ),
        ),
        ("ownership", "political"),
    ),
    DemoMeasure(
        "Threat assessment",
        FIA,
        (POLICE_BUREAU, FMU),
        (
            DemoIndicator(
                "Threat assessment reports published (cumulative)",
                "reports",
                0,
                4,
                Q,
                FIA,
                (1, 2, 3, 4),
            ),
        ),
        ("threat", "assessment", "research"),
    ),
    DemoMeasure(
        "Awareness",
        INTERIOR,
        (FOREIGN_AFFAIRS,),
        (
            DemoIndicator(
                "Awareness sessions held (cumulative)",
                "sessions",
                0,
                120,
                M,
                INTERIOR,
                (8, 15, 24, 30, 38, 45, 52, 60, 66, 74, None, None),
            ),
        ),
        ("awareness", "campaign"),
    ),
    DemoMeasure(
        "Prosecution",
        FIA,
        (POLICE_BUREAU,),
        (
            DemoIndicator(
                "Smuggling cases registered",
                "cases",
                40,
                60,
                M,
                FIA,
                (41, 43, 44, 46, 47, 49, 50, 52, 53, 55, 56, 58),
            ),
            DemoIndicator(
                "Share of cases prosecuted",
                "%",
                35,
                50,
                Q,
                POLICE_BUREAU,
                (37, 40, 42, 44),
                plausible=PERCENT,
            ),
        ),
        ("prosecut", "investigat", "criminali"),
    ),
    DemoMeasure(
        "Victim protection",
        INTERIOR,
        (POLICE_BUREAU,),
        (
            DemoIndicator(
                "Smuggled migrants referred to assistance",
                "persons",
                20,
                50,
                M,
                INTERIOR,
                (22, 25, 27, 30, 33, 35, 38, 40, 43, None, 47, None),
            ),
        ),
        ("victim", "assistance", "rights"),
    ),
    DemoMeasure(
        "Witness protection",
        FIA,
        (INTERIOR,),
        (
            DemoIndicator(
                "Witnesses admitted to protection (cumulative)",
                "persons",
                0,
                20,
                Q,
                FIA,
                (5, 10, 15, 20),
            ),
        ),
        ("witness",),
    ),
    DemoMeasure(
        "Anti-money-laundering",
        FMU,
        (FIA,),
        (
            DemoIndicator(
                "Suspicious transaction reports on smuggling",
                "reports",
                15,
                30,
                M,
                FMU,
                (16, 18, 19, 21, 22, 24, 25, None, 28, 29, 31, 32),
            ),
        ),
        ("launder", "financial", "money"),
    ),
    DemoMeasure(
        "Anti-corruption",
        NAB,
        (FIA,),
        (
            DemoIndicator(
                "Corruption inquiries linked to smuggling (cumulative)",
                "inquiries",
                0,
                10,
                Q,
                NAB,
                (1, 2, 4, 5),
            ),
        ),
        ("corrupt",),
    ),
    DemoMeasure(
        "Socio-economic measures",
        INTERIOR,
        (FOREIGN_AFFAIRS,),
        (
            DemoIndicator(
                "People reached by livelihood schemes in high-migration districts (cumulative)",
                "persons",
                0,
                5000,
                Q,
                INTERIOR,
                (900, 2100, 3400, 4800),
            ),
        ),
        ("socio", "economic", "livelihood", "root cause"),
    ),
    DemoMeasure(
        "Legal employment abroad",
        FOREIGN_AFFAIRS,
        (INTERIOR,),
        (
            DemoIndicator(
                "Workers placed abroad through legal channels",
                "persons",
                1000,
                1500,
                M,
                FOREIGN_AFFAIRS,
                (1040, 1080, 1130, 1170, 1210, 1260, 1300, 1340, 1390, 1430, 1470, 1520),
            ),
        ),
        ("employment", "labour", "regular migration", "legal migration"),
    ),
    DemoMeasure(
        "Border control",
        FIA,
        (INTERIOR,),
        (
            DemoIndicator(
                "Irregular departures intercepted",
                "persons",
                300,
                450,
                M,
                FIA,
                (310, 325, 340, 350, 365, 380, 392, 405, 418, 430, 441, None),
            ),
        ),
        ("border",),
    ),
    DemoMeasure(
        "International cooperation",
        FOREIGN_AFFAIRS,
        (INTERIOR, FIA),
        (
            DemoIndicator(
                "Days to answer an MLA request",
                "days",
                120,
                60,
                Q,
                FOREIGN_AFFAIRS,
                (110, 95, 85, 80),
                direction=Indicator.Direction.DECREASE,
            ),
        ),
        ("cooperation", "extradition", "mutual legal"),
    ),
    DemoMeasure(
        "Implementation and monitoring",
        TASK_FORCE,
        (POLICE_BUREAU,),
        (
            DemoIndicator(
                "Monthly data templates received on time",
                "%",
                50,
                95,
                M,
                POLICE_BUREAU,
                (55, 58, 62, 65, 70, 72, 76, 80, 83, 86, 90, 93),
                plausible=PERCENT,
            ),
        ),
        ("data", "monitor", "implement"),
    ),
    DemoMeasure(
        "Feedback and review",
        POLICE_BUREAU,
        (TASK_FORCE,),
        (
            DemoIndicator(
                "Stakeholder consultations on the plan held (cumulative)",
                "consultations",
                0,
                4,
                Q,
                POLICE_BUREAU,
                (1, 2, 3, 4),
            ),
        ),
        ("review", "feedback", "consult"),
    ),
)

# Values the task force has checked: the first half-year of these indicators.
VERIFIED_UP_TO = datetime.date(2025, 6, 1)
VERIFIED_INDICATORS = {
    "Task force meetings held (cumulative)",
    "Smuggling cases registered",
    "Suspicious transaction reports on smuggling",
    "Workers placed abroad through legal channels",
}
# Reported first as 34, then corrected (the history keeps the first figure).
CORRECTED = ("Smuggling cases registered", datetime.date(2025, 3, 1), 34)
RETURNED = (
    "Workers placed abroad through legal channels",
    datetime.date(2025, 12, 1),
    "The December figure seems to include placements made in January 2026; please check.",
)


def _organisation(name: str) -> Organisation:
    organisation = Organisation.objects.filter(name=name, country=COUNTRY).first()
    if organisation is None:
        organisation = registry_services.organisation_create(
            actor=None, name=name, kind=Organisation.Kind.GOVERNMENT, country=COUNTRY
        )
    return organisation


def _demo_user(username: str) -> User | None:
    return User.objects.filter(username=username, is_demo=True).first()


def load() -> dict[str, int]:
    if ActionPlan.objects.filter(title=PLAN_TITLE, country=COUNTRY).exists():
        return {}
    organisations = {
        name: _organisation(name)
        for name in (TASK_FORCE, INTERIOR, FIA, FMU, NAB, FOREIGN_AFFAIRS, POLICE_BUREAU)
    }
    plan = plan_services.plan_create(
        actor=None,
        title=PLAN_TITLE,
        owner=organisations[TASK_FORCE],
        country=COUNTRY,
        description=(
            "Fourteen measures, each with an implementation plan, unambiguous KPIs and "
            "categorical timelines; monitored monthly by the joint task force through mutually "
            "developed data maintenance templates, and reviewed after one year."
        ),
        starts_on=STARTS_ON,
        ends_on=ENDS_ON,
        review_on=REVIEW_ON,
    )
    counts = {"action plans": 1, "measures": 0, "indicators": 0, "measurements": 0}
    recommendations = list(
        Recommendation.objects.filter(country=COUNTRY, themes__code="smuggling-of-migrants")
        .distinct()
        .order_by("reference", "pk")
    )
    measures: list[Measure] = []
    for number, spec in enumerate(MEASURES, start=1):
        measure = plan_services.measure_create(
            actor=None,
            plan=plan,
            number=number,
            title=spec.title,
            lead=organisations[spec.lead],
            partners=[organisations[name] for name in spec.partners],
            starts_on=STARTS_ON,
            ends_on=ENDS_ON,
        )
        measures.append(measure)
        counts["measures"] += 1
        for indicator_spec in spec.indicators:
            counts["measurements"] += _indicator_load(measure, indicator_spec, organisations)
            counts["indicators"] += 1
    _link_recommendations(measures, recommendations)
    return counts


def _indicator_load(
    measure: Measure, spec: DemoIndicator, organisations: dict[str, Organisation]
) -> int:
    low, high = spec.plausible or (None, None)
    indicator = plan_services.indicator_create(
        actor=None,
        measure=measure,
        name=spec.name,
        unit=spec.unit,
        baseline_value=spec.baseline,
        baseline_date=BASELINE_DATE,
        target_value=spec.target,
        target_date=TARGET_DATE,
        direction=spec.direction,
        frequency=spec.frequency,
        reporting_body=organisations[spec.reporter],
        plausible_min=low,
        plausible_max=high,
    )
    # The Ministry of Interior's values come from the demo monitor; the rest are entered by
    # the secretariat on the bodies' behalf, as their data templates arrive.
    reporter = _demo_user("monitor") if spec.reporter == INTERIOR else None
    reporter = reporter or _demo_user("secretariat")
    verifier = _demo_user("secretariat")
    months = 1 if spec.frequency == M else 3
    created = 0
    for index, value in enumerate(spec.values):
        if value is None:
            continue
        period = datetime.date(2025, 1 + index * months, 1)
        corrected = (spec.name, period) == CORRECTED[:2]
        measurement = measurement_services.measurement_report(
            actor=reporter,
            indicator=indicator,
            period=period,
            value=CORRECTED[2] if corrected else value,
            source="Monthly data template",
            today=REPORTED_ON,
        )
        created += 1
        if corrected:
            measurement = measurement_services.measurement_report(
                actor=reporter,
                indicator=indicator,
                period=period,
                value=Decimal(value),
                source="Monthly data template",
                note="Corrected: the first figure left out one regional office.",
                today=REPORTED_ON,
            )
        elif spec.name in VERIFIED_INDICATORS and period <= VERIFIED_UP_TO:
            measurement_services.measurement_verify(actor=verifier, measurement=measurement)
        if (spec.name, period) == RETURNED[:2]:
            measurement_services.measurement_return(
                actor=verifier, measurement=measurement, reason=RETURNED[2]
            )
    return created


def _link_recommendations(measures: list[Measure], recommendations: list[Recommendation]) -> None:
    """Tie each smuggling recommendation to the measures its words point to (else no. 13)."""
    linked: dict[int, list[Recommendation]] = {}
    for recommendation in recommendations:
        words = f"{recommendation.title} {recommendation.text}".lower()
        matched = [
            index
            for index, spec in enumerate(MEASURES)
            if any(keyword in words for keyword in spec.keywords)
        ]
        for index in matched or [12]:
            linked.setdefault(index, []).append(recommendation)
    for index, found in linked.items():
        plan_services.measure_update(actor=None, measure=measures[index], recommendations=found)
