"""The threat assessment report: built by granted analysts, every count privacy-checked."""

from collections.abc import Iterator

import pytest

from palermo.core.roles import Role
from palermo.evidence import loaders
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services
from palermo.reports import registry
from palermo.reports.builders.threat_assessment import build_threat_assessment
from palermo.reports.document import Table
from palermo.reports.registry import ReportError
from palermo.reports.renderers import render
from tests.evidence.layouts import PlainVictims, write
from tests.factories import make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def plain_layout() -> Iterator[None]:
    layout = PlainVictims()
    loaders.LAYOUTS[layout.name] = layout
    yield
    del loaders.LAYOUTS[layout.name]


def test_the_report_prints_only_suppressed_counts_in_every_format(tmp_path) -> None:
    fia = make_organisation("FIA")
    analyst = make_user("analyst", Role.ANALYST, organisation=fia)
    colleague = make_user("colleague", Role.ANALYST, organisation=fia)
    dataset = dataset_services.dataset_create(
        actor=analyst, name="Cases", kind="victims", crime_type="tip", source_organisation="FIA"
    )
    rows = [[f"w{n}", "2023", "female", "18-20", "PAK", "1"] for n in range(14)]
    rows += [[f"m{n}", "2023", "male", "9-17", "AFG", ""] for n in range(3)]
    import_services.import_file(
        actor=analyst, dataset=dataset, path=write(tmp_path / "c.csv", rows)
    )
    version = dataset.versions.get()
    kind = registry.get("threat_assessment")
    assert kind is not None
    assert kind.can_generate(analyst, {"dataset": dataset.pk})
    assert not kind.can_generate(colleague, {"dataset": dataset.pk})

    document = build_threat_assessment(
        user=analyst, dataset=dataset, version=version, language="en"
    )

    by_sex = next(t for t in document.tables() if t.caption == "Victims by sex")
    cells = dict(by_sex.rows)
    # 14 women pass k = 11; 3 men do not, and the total (17) would give them away.
    assert cells["Female"] == "x" or cells["Total"] == "x"
    assert cells["Male"] == "<11"
    assert all(
        not value.isdigit() or int(value) == 0 or int(value) >= 11
        for table in document.tables()
        if isinstance(table, Table)
        and table.caption != "Flows from citizenship to country of exploitation"
        for _label, value in table.rows
    )
    flows = next(t for t in document.tables() if t.sheet == "Flows")
    assert flows.rows == (("Pakistan", "Unknown", 14),)
    for fmt in ("html", "pdf", "docx", "xlsx"):
        assert render(document, fmt)
    with pytest.raises(ReportError):
        build_threat_assessment(user=colleague, dataset=dataset, version=version, language="en")
