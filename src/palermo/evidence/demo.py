"""Demo evidence: a clearly labelled synthetic case database for Pakistan and a GLOTIP-like table.

Every record is generated (invented, seeded): nothing here is a real case. The demo analyst
owns both datasets, and two statistics of the case database are published as releases, so
the portal has privacy-checked tables to show.
"""

import tempfile
from pathlib import Path

from palermo.core.models import User
from palermo.evidence import analysis, releases, services
from palermo.evidence.generators import GENERATORS
from palermo.evidence.models import Dataset

CASES = "Synthetic national TIP case database (demo)"
GLOTIP = "GLOTIP-like country table (synthetic demo)"
RELEASED = ("victims_by_exploitation", "victims_by_sex")


def demo_load() -> dict[str, int]:
    analyst = User.objects.filter(username="analyst").first()
    if analyst is None or Dataset.objects.filter(name=CASES).exists():
        return {"datasets": 0, "releases": 0}
    with tempfile.TemporaryDirectory(prefix="palermo-demo-") as folder:
        cases = services.dataset_create(
            actor=analyst,
            name=CASES,
            description=(
                "Generated records in the shape of the IOM Human Trafficking Case Data Standard "
                "(HTCDS), for training and trying the platform. Not real cases."
            ),
            kind="victims",
            crime_type="tip",
            source_organisation="Palermo demo generator",
            licence="Synthetic data, no restriction",
            period_start=2019,
            period_end=2025,
            geography="Pakistan",
            sensitivity="confidential",
            suppression_threshold=11,
            is_synthetic=True,
        )
        path = GENERATORS["htcds_excel"](Path(folder) / "htcds-cases.xlsx", 1500, 2024)
        services.import_file(
            actor=analyst, dataset=cases, path=path, layout="htcds_excel", source_filename=path.name
        )
        table = services.dataset_create(
            actor=analyst,
            name=GLOTIP,
            description="Generated counts in the layout of the UNODC GLOTIP long export.",
            kind="aggregates",
            crime_type="tip",
            source_organisation="Palermo demo generator",
            licence="Synthetic data, no restriction",
            geography="South Asia",
            sensitivity="public",
            suppression_threshold=5,
            is_synthetic=True,
        )
        path = GENERATORS["glotip"](Path(folder) / "glotip.csv", 600, 2024)
        services.import_file(
            actor=analyst, dataset=table, path=path, layout="glotip", source_filename=path.name
        )
    version = cases.versions.get()
    offered = analysis.statistics_for(cases.kind)
    for name in RELEASED:
        release = releases.release_prepare(actor=analyst, version=version, statistic=offered[name])
        releases.release_publish(actor=analyst, release=release)
    return {"datasets": 2, "releases": len(RELEASED)}
