"""The threat assessment's last chapters: the Organized Crime Index profile and the chain.

The profile reads the newest index dataset whose records the builder may read, for the State
of the victims dataset (beside its neighbours and its UN M49 sub-region, `evidence.profiles`).
The chain lists the recommendations and action-plan indicators linked to statistics of either
dataset (`evidence.links`), as the builder may see them, with each recommendation's status and
each indicator's standing from the one read model (`tracking.selectors.standing`).
"""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.scope import scope_filter
from palermo.evidence import links, permissions, profiles
from palermo.evidence.models import Dataset
from palermo.evidence.schema import Kind
from palermo.reports.builders.common import day
from palermo.reports.document import Block, Chart, Document, Heading, Paragraph, Table
from palermo.tracking.selectors.standing import indicator_standing

PANEL_WIDTH = 220


def index_dataset(user: Any) -> Dataset | None:
    """The newest index dataset with a version whose records the builder may read."""
    candidates = Dataset.objects.filter(scope_filter(user), kind=Kind.INDEX_SCORES)
    for dataset in candidates.order_by("-pk"):
        if dataset.versions.exists() and permissions.can_read_records(user, dataset):
            return dataset
    return None


def profile_blocks(document: Document, user: Any, country: str) -> list[Block]:
    title = _("Organized Crime Index profile")
    blocks: list[Block] = [Heading(title, level=1)]
    index = index_dataset(user) if country else None
    if index is None:
        return [
            *blocks,
            Paragraph.of(
                _(
                    "No Organized Crime Index dataset is readable for this State's profile: "
                    "import the index editions and ask for access to its records."
                )
            ),
        ]
    document.hold("dataset", index.pk)
    version = index.versions.order_by("-number").first()
    assert version is not None  # noqa: S101 - index_dataset keeps those with a version
    profile = profiles.oc_profile(user, version, country, where="threat assessment")
    if not profile.rows:
        return [*blocks, Paragraph.of(_("The index scores no such country."))]
    headers, rows = profile.table()
    near = ", ".join(profile.series_label(code) for code in profile.neighbours) or "—"
    blocks.append(
        Paragraph.of(
            _(
                "Headline scores of %(country)s in each edition of %(index)s (v%(version)s), "
                "beside its neighbours (%(neighbours)s) and the mean of its UN M49 "
                "sub-region, %(region)s. Scores run from 1 to 10."
            )
            % {
                "country": profile.series_label(profile.country),
                "index": index.name,
                "version": version.number,
                "neighbours": near,
                "region": profile.subregion or "—",
            }
        )
    )
    blocks.append(
        Chart(
            spec=profiles.profile_chart(profile, width=PANEL_WIDTH),
            caption=title,
            table=Table(
                columns=tuple(headers), rows=tuple(tuple(row) for row in rows), sheet=_("Profile")
            ),
        )
    )
    return blocks


def _linked_row(item: links.ShownLink, today: datetime.date) -> tuple[str, ...] | None:
    link = item.link
    if link.recommendation is not None:
        recommendation = link.recommendation
        return (
            _("Recommendation"),
            str(recommendation),
            str(recommendation.get_status_display()),
            item.title,
        )
    if link.indicator is not None:
        indicator = link.indicator
        found = indicator_standing(indicator, today)
        latest = found.standing.latest_value
        standing = (
            _("%(value)s (%(period)s), target %(target)s, %(track)s")
            % {
                "value": f"{float(latest):g}",
                "period": found.latest_label,
                "target": f"{float(indicator.target_value):g}",
                "track": found.track_label,
            }
            if latest is not None
            else _("No value reported yet.")
        )
        return (
            _("Indicator"),
            f"{indicator.measure.plan.title} — {indicator.measure.number}: {indicator.name}",
            standing,
            item.title,
        )
    return None


def chain_blocks(document: Document, user: Any, datasets: list[Dataset]) -> list[Block]:
    title = _("Recommendations and indicators measured by these data")
    today = timezone.localdate()
    shown = [item for dataset in datasets for item in links.links_of_dataset(user, dataset)]
    rows = []
    for item in shown:
        row = _linked_row(item, today)
        if row is None:
            continue
        if item.link.indicator is not None:
            document.hold("plan", item.link.indicator.measure.plan_id)
        rows.append(row)
    blocks: list[Block] = [Heading(title, level=1)]
    if not rows:
        return [
            *blocks,
            Paragraph.of(_("No recommendation or indicator is linked to these statistics yet.")),
        ]
    blocks.append(Paragraph.of(_("Standing as counted on %(day)s.") % {"day": day(today)}))
    blocks.append(
        Table(
            columns=(_("Linked"), _("Name"), _("Status or standing"), _("Statistic")),
            rows=tuple(rows),
            caption=title,
            sheet=_("Linked"),
        )
    )
    return blocks
