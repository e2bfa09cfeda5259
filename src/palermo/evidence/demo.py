"""Demo evidence: a clearly labelled synthetic case database for Pakistan and a GLOTIP-like table.

Every record is generated (invented, seeded): nothing here is a real case. The demo analyst
owns the datasets (with invented Organized Crime Index editions), and two statistics of the
case database are published as releases, so the portal has privacy-checked tables to show;
the alliance's recommendation on the national database is linked to one and to the index.
"""

import tempfile
from pathlib import Path

from palermo.core.models import User
from palermo.evidence import analysis, links, releases
from palermo.evidence.generators import GENERATORS, ocindex
from palermo.evidence.models import Dataset, Release
from palermo.evidence.services import datasets as dataset_services
from palermo.evidence.services import imports as import_services

CASES = "Synthetic national TIP case database (demo)"
GLOTIP = "GLOTIP-like country table (synthetic demo)"
INDEX = "Organized Crime Index editions (synthetic demo)"
RELEASED = ("victims_by_exploitation", "victims_by_sex")


def demo_load() -> dict[str, int]:
    analyst = User.objects.filter(username="analyst").first()
    if analyst is None or Dataset.objects.filter(name=CASES).exists():
        return {"datasets": 0, "releases": 0}
    with tempfile.TemporaryDirectory(prefix="palermo-demo-") as folder:
        cases = dataset_services.dataset_create(
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
        import_services.import_file(
            actor=analyst, dataset=cases, path=path, layout="htcds_excel", source_filename=path.name
        )
        table = dataset_services.dataset_create(
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
        import_services.import_file(
            actor=analyst, dataset=table, path=path, layout="glotip", source_filename=path.name
        )
        index = dataset_services.dataset_create(
            actor=analyst,
            name=INDEX,
            description="Invented scores in the layout of the Global Organized Crime Index.",
            kind="index_scores",
            crime_type="other",
            source_organisation="Palermo demo generator",
            licence="Synthetic data, no restriction",
            geography="World",
            sensitivity="public",
            is_synthetic=True,
        )
        path = ocindex.write_editions(Path(folder) / "oc-index.csv", 60, 2024)
        import_services.import_file(
            actor=analyst, dataset=index, path=path, source_filename=path.name
        )
    version = cases.versions.get()
    offered = analysis.statistics_for(cases.kind)
    published = []
    for name in RELEASED:
        release = releases.release_prepare(actor=analyst, version=version, statistic=offered[name])
        published.append(releases.release_publish(actor=analyst, release=release))
    _demo_links(analyst, cases, index, published[0])
    return {"datasets": 3, "releases": len(RELEASED)}


def _demo_links(analyst: User, cases: Dataset, index: Dataset, release: Release) -> None:
    """The alliance's database recommendation measured by a release and by the index."""
    from palermo.tracking.models import Recommendation

    recommendation = (
        Recommendation.objects.filter(text__startswith="Strengthen the national database")
        .order_by("pk")
        .first()
    )
    if recommendation is None:
        return
    links.link_create(actor=None, target=recommendation, dataset=cases, release=release)
    links.link_create(actor=None, target=recommendation, dataset=index, statistic="oc_profile")
