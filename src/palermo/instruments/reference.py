"""Load the reference facts (fixtures/reference/*.yaml) into the database, idempotently.

Facts the reference marks as not confirmed are loaded as incomplete (a cluster's composition
unconfirmed, a party without dates) for the secretariat to complete. Records that already
exist are never overwritten with the file's values, except the treaties' own titles, so the
secretariat's audited edits survive a reload.
"""

import datetime
from pathlib import Path
from typing import Any

import pycountry
import yaml
from django.db import transaction

from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent
from palermo.instruments import search
from palermo.instruments.dates import PartialDate
from palermo.instruments.models import (
    Article,
    Cluster,
    ClusterComposition,
    Instrument,
    Ratification,
    State,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REFERENCE = FIXTURES / "reference"
CONVENTION = "untoc"
# What the reference file's comments say is confirmed (YAML comments are not data).
CONFIRMED_CLUSTER_TITLES = {1, 2}
CONFIRMED_COMPOSITIONS = {(1, "untoc"), (1, "tip"), (1, "som")}


def _read(name: str) -> Any:
    with (REFERENCE / name).open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def _date(value: Any) -> datetime.date | None:
    return value if isinstance(value, datetime.date) else None


class Counter(dict[str, int]):
    def add(self, key: str, amount: int = 1) -> None:
        if amount:
            self[key] = self.get(key, 0) + amount


@transaction.atomic
def reference_load() -> dict[str, int]:
    """Create what is missing; return how many records of each kind were created."""
    created = Counter()
    instruments = _load_instruments(created)
    _load_summaries(instruments, created)
    _load_clusters(instruments, created)
    _load_states_and_ratifications(instruments, created)
    if created:
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(created.items()))
        audit_record(
            actor=None,
            action=AuditEvent.Action.IMPORT,
            object_type="instruments.reference",
            object_repr=f"Reference data: {summary}",
        )
    return dict(created)


def _load_instruments(created: Counter) -> dict[str, Instrument]:
    data = _read("untoc.yaml")
    instruments: dict[str, Instrument] = {}
    for position, item in enumerate(data["instruments"]):
        values = {
            "title": item["title"],
            "short_title": item["short_title"],
            "adopted": _date(item.get("adopted")),
            "opened_for_signature": _date(item.get("opened_for_signature")),
            "entry_into_force": _date(item.get("entry_into_force")),
            "position": position,
            "parent": instruments.get(CONVENTION) if item["code"] != CONVENTION else None,
        }
        instrument, was_created = Instrument.objects.update_or_create(
            code=item["code"], defaults=values
        )
        created.add("instruments", int(was_created))
        instruments[instrument.code] = instrument
        existing = {a.number: a for a in instrument.articles.all()}
        for number, title in item["articles"].items():
            article = existing.get(int(number))
            if article is None:
                article = Article.objects.create(instrument=instrument, number=number, title=title)
                created.add("articles")
            elif article.title != title:
                article.title = title
                article.save(update_fields=["title"])
            search.index_article(article)
    return instruments


def _load_summaries(instruments: dict[str, Instrument], created: Counter) -> None:
    with (FIXTURES / "summaries.yaml").open(encoding="utf-8") as stream:
        summaries = yaml.safe_load(stream)
    for code, articles in summaries.items():
        for number, values in articles.items():
            article = Article.objects.get(instrument=instruments[code], number=number)
            changed = []
            if not article.summary and values.get("summary"):
                article.summary = values["summary"]
                changed.append("summary")
            if not article.obligation and values.get("obligation"):
                article.obligation = values["obligation"]
                changed.append("obligation")
            if changed:
                article.save(update_fields=changed)
                search.index_article(article)
                created.add("article summaries")


def _load_clusters(instruments: dict[str, Instrument], created: Counter) -> None:
    for item in _read("untoc.yaml")["clusters"]:
        cluster, was_created = Cluster.objects.get_or_create(
            number=item["number"],
            defaults={
                "title": item["title"],
                "title_confirmed": item["number"] in CONFIRMED_CLUSTER_TITLES,
                "review_order": item.get("review_order"),
            },
        )
        created.add("clusters", int(was_created))
        for code, numbers in item["articles"].items():
            instrument = instruments[code]
            if ClusterComposition.objects.filter(cluster=cluster, instrument=instrument).exists():
                continue
            ClusterComposition.objects.create(
                cluster=cluster,
                instrument=instrument,
                is_confirmed=(cluster.number, code) in CONFIRMED_COMPOSITIONS,
            )
            cluster.articles.add(*Article.objects.filter(instrument=instrument, number__in=numbers))
            created.add("cluster compositions")


def _load_states_and_ratifications(instruments: dict[str, Instrument], created: Counter) -> None:
    data = _read("ratifications.yaml")
    existing = set(State.objects.values_list("iso3", flat=True))
    new_states = []
    for status, codes in (
        (State.UnStatus.MEMBER, data["un_member_states"]),
        (State.UnStatus.OBSERVER, data["un_observer_states"]),
    ):
        for iso3 in codes:
            if iso3 in existing:
                continue
            country = pycountry.countries.get(alpha_3=iso3)
            if country is None:
                raise ValueError(f"{iso3} in ratifications.yaml is not an ISO 3166 code.")
            name = getattr(country, "common_name", None) or country.name
            new_states.append(State(iso3=iso3, iso2=country.alpha_2, name=name, un_status=status))
    State.objects.bulk_create(new_states)
    created.add("states", len(new_states))
    states = {s.iso3: s for s in State.objects.all()}

    for iso3, facts in data["states"].items():
        state = states[iso3]
        if not state.regional_group and facts.get("regional_group"):
            state.regional_group = facts["regional_group"]
            state.save(update_fields=["regional_group"])
        for code, record in (facts.get("instruments") or {}).items():
            if record is None:
                continue  # not party: no record
            _ratification_from_reference(state, instruments[code], record, created)

    # Every member State but the named non-parties is party to the Convention.
    convention = instruments[CONVENTION]
    non_parties = set(data["untoc_non_parties_2025_08"])
    recorded = set(
        Ratification.objects.filter(instrument=convention).values_list("state__iso3", flat=True)
    )
    missing = [
        Ratification(
            state=states[iso3],
            instrument=convention,
            is_party=True,
            note="Party to the Convention; dates not recorded yet.",
        )
        for iso3 in data["un_member_states"]
        if iso3 not in non_parties and iso3 not in recorded
    ]
    Ratification.objects.bulk_create(missing)
    created.add("ratifications", len(missing))


def _ratification_from_reference(
    state: State, instrument: Instrument, record: dict[str, Any], created: Counter
) -> None:
    ratification = Ratification.objects.filter(state=state, instrument=instrument).first()
    if ratification is not None and (ratification.ratified or ratification.signed):
        return  # dates already recorded: the secretariat's record stands
    if ratification is None:
        ratification = Ratification(state=state, instrument=instrument)
        created.add("ratifications")
    ratification.is_party = True
    for field in ("signed", "ratified"):
        if record.get(field) is not None:
            partial = PartialDate.parse(str(record[field]))
            setattr(ratification, field, partial.value)
            setattr(ratification, f"{field}_precision", partial.precision)
    if not ratification.ratified:
        ratification.note = "Party; dates not confirmed."
    ratification.full_clean()
    ratification.save()
