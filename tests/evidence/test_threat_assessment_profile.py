"""The threat assessment's Organized Crime Index profile and the recommendations and KPIs linked."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone

from palermo.core.roles import Role
from palermo.evidence import links, loaders, releases
from palermo.evidence import statistics as stats
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services
from palermo.reports.builders.threat_assessment import build_threat_assessment
from palermo.reports.renderers import render
from palermo.tracking.services.measurements import measurement_report
from tests.evidence.layouts import PlainVictims, write
from tests.evidence.test_profiles import EXPECTED, write_index
from tests.factories import make_indicator, make_organisation, make_user
from tests.tracking.test_services_recommendations import make_recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def plain_layout() -> Iterator[None]:
    layout = PlainVictims()
    loaders.LAYOUTS[layout.name] = layout
    yield
    del loaders.LAYOUTS[layout.name]


def test_the_report_holds_the_profile_and_the_linked_recommendations_and_kpis(
    tmp_path: Path,
) -> None:
    fia = make_organisation("FIA")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    cases = dataset_services.dataset_create(
        actor=analyst,
        name="Cases",
        kind="victims",
        crime_type="tip",
        source_organisation="FIA",
        country="PAK",
    )
    rows = [[f"w{n}", "2023", "female", "18-20", "PAK", "1"] for n in range(14)]
    import_services.import_file(actor=analyst, dataset=cases, path=write(tmp_path / "c.csv", rows))
    index = dataset_services.dataset_create(
        actor=analyst, name="OC Index", kind="index_scores", crime_type="other",
        source_organisation="GI-TOC",
    )  # fmt: skip
    import_services.import_file(actor=analyst, dataset=index, path=write_index(tmp_path / "i.csv"))
    release = releases.release_prepare(
        actor=analyst, version=cases.versions.get(), statistic=stats.victims_by("sex")
    )
    recommendation = make_recommendation(
        title="Strengthen the national database", reference="TIP-1"
    )
    links.link_create(actor=analyst, target=recommendation, dataset=cases, release=release)
    indicator = make_indicator(name="Victims referred")
    measurement_report(
        actor=None,
        indicator=indicator,
        period=indicator.baseline_date.replace(day=1, month=1, year=2025),
        value=120,
        today=timezone.localdate(),
    )
    links.link_create(actor=analyst, target=indicator, dataset=index, statistic="oc_profile")

    document = build_threat_assessment(
        user=analyst, dataset=cases, version=cases.versions.get(), language="en"
    )

    profile = next(t for t in document.tables() if t.sheet == "Profile")
    assert [list(row) for row in profile.rows] == EXPECTED
    assert profile.columns[-1] == "Southern Asia (average)"
    linked = next(t for t in document.tables() if t.sheet == "Linked")
    plan = indicator.measure.plan
    assert [row[:2] for row in linked.rows] == [
        ("Recommendation", "TIP-1 Strengthen the national database"),
        ("Indicator", f"{plan.title} — {indicator.measure.number}: Victims referred"),
    ]
    assert linked.rows[0][2:] == ("Not started", "Victims by sex")
    assert linked.rows[1][3] == "Organized Crime Index profile"
    assert linked.rows[1][2].startswith("120 (2025-01), target 200, ")
    assert ("dataset", index.pk) in document.holds
    assert ("plan", plan.pk) in document.holds
    for fmt in ("html", "pdf", "docx", "xlsx"):
        assert render(document, fmt)
    assert "Southern Asia (average)" in render(document, "html").decode()
