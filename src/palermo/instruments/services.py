"""Writes to the reference layer and the legislation registry: checked, audited, indexed."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from palermo.core import uploads
from palermo.core.audit import (
    audit_created,
    audit_deleted,
    audit_record,
    audited_update,
    diff,
    snapshot,
)
from palermo.core.exceptions import ConflictError
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.instruments import messages, permissions, search
from palermo.instruments.dates import PartialDate
from palermo.instruments.models import (
    Article,
    Cluster,
    ClusterComposition,
    Instrument,
    Law,
    Provision,
    ProvisionArticle,
    Ratification,
    State,
)


@transaction.atomic
def article_update(
    *, actor: User | None, article: Article, summary: str, obligation: str
) -> Article:
    if actor is not None:
        require(permissions.can_edit_reference(actor))
    audited_update(
        actor=actor, obj=article, fields={"summary": summary.strip(), "obligation": obligation}
    )
    search.index_article(article)
    return article


@transaction.atomic
def cluster_update(
    *, actor: User | None, cluster: Cluster, title: str, title_confirmed: bool
) -> Cluster:
    if actor is not None:
        require(permissions.can_edit_reference(actor))
    audited_update(
        actor=actor,
        obj=cluster,
        fields={"title": title.strip(), "title_confirmed": title_confirmed},
    )
    return cluster


@transaction.atomic
def cluster_composition_set(
    *,
    actor: User | None,
    cluster: Cluster,
    instrument: Instrument,
    numbers: list[int],
    is_confirmed: bool,
    note: str = "",
) -> ClusterComposition:
    """Set which articles of one instrument a cluster reviews, and whether that is confirmed."""
    if actor is not None:
        require(permissions.can_edit_reference(actor))
    articles = list(Article.objects.filter(instrument=instrument, number__in=numbers))
    unknown = sorted(set(numbers) - {a.number for a in articles})
    if unknown:
        raise ValidationError(
            {"numbers": messages.UNKNOWN_ARTICLES % {"numbers": ", ".join(map(str, unknown))}}
        )
    composition, _created = ClusterComposition.objects.get_or_create(
        cluster=cluster, instrument=instrument
    )
    before_numbers = sorted(
        cluster.articles.filter(instrument=instrument).values_list("number", flat=True)
    )
    cluster.articles.remove(*cluster.articles.filter(instrument=instrument))
    cluster.articles.add(*articles)
    before = snapshot(composition, ["is_confirmed", "note"])
    composition.is_confirmed = is_confirmed
    composition.note = note
    composition.full_clean()
    composition.save()
    changes = diff(before, snapshot(composition, ["is_confirmed", "note"]))
    after_numbers = sorted(numbers)
    if before_numbers != after_numbers:
        changes[f"{instrument.code} articles"] = [before_numbers, after_numbers]
    if changes:
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, obj=composition, changes=changes)
    return composition


@transaction.atomic
def state_update(*, actor: User | None, state: State, regional_group: str) -> State:
    if actor is not None:
        require(permissions.can_edit_reference(actor))
    audited_update(actor=actor, obj=state, fields={"regional_group": regional_group})
    return state


@transaction.atomic
def ratification_set(
    *,
    actor: User | None,
    state: State,
    instrument: Instrument,
    signed: str | None = None,
    ratified: str | None = None,
    is_party: bool | None = None,
    kind: str = "",
    reservations: str = "",
    note: str = "",
) -> Ratification:
    """Record a State's signature and ratification of an instrument (dates as YYYY[-MM[-DD]])."""
    if actor is not None:
        require(permissions.can_edit_reference(actor))
    dates: dict[str, PartialDate | None] = {}
    errors: dict[str, str] = {}
    for name, text in (("signed", signed), ("ratified", ratified)):
        try:
            dates[name] = PartialDate.parse(text) if text else None
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise ValidationError(errors)
    ratified_date = dates["ratified"]
    party = is_party if is_party is not None else ratified_date is not None
    if ratified_date is not None and not party:
        raise ValidationError({"is_party": messages.NOT_A_PARTY_WITH_DATE})
    if instrument.parent is not None and party:
        _check_convention_first(state, instrument.parent, ratified_date)
    ratification = Ratification.objects.filter(state=state, instrument=instrument).first()
    is_new = ratification is None
    if ratification is None:
        ratification = Ratification(state=state, instrument=instrument)
    values: dict[str, Any] = {
        "signed": dates["signed"].value if dates["signed"] else None,
        "signed_precision": dates["signed"].precision if dates["signed"] else "",
        "ratified": ratified_date.value if ratified_date else None,
        "ratified_precision": ratified_date.precision if ratified_date else "",
        "is_party": party,
        "kind": kind,
        "reservations": reservations,
        "note": note,
    }
    if is_new:
        for name, value in values.items():
            setattr(ratification, name, value)
        ratification.full_clean()
        ratification.save()
        audit_created(actor=actor, obj=ratification)
    else:
        audited_update(actor=actor, obj=ratification, fields=values)
    return ratification


def _check_convention_first(
    state: State, convention: Instrument, ratified: PartialDate | None
) -> None:
    parent = Ratification.objects.filter(state=state, instrument=convention, is_party=True).first()
    if parent is None:
        raise ValidationError({"is_party": messages.PROTOCOL_NEEDS_CONVENTION})
    parent_date = parent.ratified_date
    if (
        ratified is not None
        and parent_date is not None
        and ratified.surely_after < parent_date.value
    ):
        raise ValidationError({"ratified": messages.PROTOCOL_BEFORE_CONVENTION})


def _check_law_file(file: Any) -> None:
    """A new file for a law is a document of a kind laws come in, by its content, within the cap."""
    if isinstance(file, UploadedFile):
        uploads.check_document(file, field="file")


LAW_FIELDS = ("title", "short_title", "year", "kind", "status", "source_url", "notes")


@transaction.atomic
def law_create(*, actor: User | None, state: State, **fields: Any) -> Law:
    if actor is not None:
        require(permissions.can_edit_legislation(actor, state))
    unknown = set(fields) - {*LAW_FIELDS, "file"}
    if unknown:
        raise ValueError(f"Unknown law fields: {', '.join(sorted(unknown))}")
    _check_law_file(fields.get("file"))
    law = Law(state=state, **fields)
    law.full_clean()
    law.save()
    audit_created(actor=actor, obj=law)
    search.index_law(law)
    return law


@transaction.atomic
def law_update(*, actor: User | None, law: Law, **fields: Any) -> Law:
    if actor is not None:
        require(permissions.can_edit_legislation(actor, law.state))
    unknown = set(fields) - {*LAW_FIELDS, "file"}
    if unknown:
        raise ValueError(f"Unknown law fields: {', '.join(sorted(unknown))}")
    _check_law_file(fields.get("file"))
    audited_update(actor=actor, obj=law, fields=fields)
    search.index_law(law)
    return law


@transaction.atomic
def law_delete(*, actor: User | None, law: Law) -> None:
    """Delete a law with its provisions and their mappings."""
    if actor is not None:
        require(permissions.can_delete_law(actor, law))
    provision_ids = list(law.provisions.values_list("pk", flat=True))
    law_id = law.pk
    audit_deleted(actor=actor, obj=law)
    law.delete()
    search.unindex_law(law_id, provision_ids)


PROVISION_FIELDS = ("section", "heading", "text", "position")


@transaction.atomic
def provision_create(*, actor: User | None, law: Law, **fields: Any) -> Provision:
    if actor is not None:
        require(permissions.can_edit_legislation(actor, law.state))
    if "position" not in fields:
        fields["position"] = law.provisions.count() + 1
    provision = Provision(law=law, **{k: v for k, v in fields.items() if k in PROVISION_FIELDS})
    provision.full_clean()
    provision.save()
    audit_created(actor=actor, obj=provision)
    search.index_provision(provision)
    return provision


@transaction.atomic
def provision_update(*, actor: User | None, provision: Provision, **fields: Any) -> Provision:
    if actor is not None:
        require(permissions.can_edit_legislation(actor, provision.law.state))
    audited_update(
        actor=actor,
        obj=provision,
        fields={k: v for k, v in fields.items() if k in PROVISION_FIELDS},
    )
    search.index_provision(provision)
    return provision


@transaction.atomic
def provision_delete(*, actor: User | None, provision: Provision) -> None:
    if actor is not None:
        require(permissions.can_edit_legislation(actor, provision.law.state))
    provision_id = provision.pk
    audit_deleted(actor=actor, obj=provision)
    provision.delete()
    search.unindex_provision(provision_id)


@transaction.atomic
def mapping_add(
    *, actor: User | None, provision: Provision, article: Article, note: str = ""
) -> ProvisionArticle:
    """Record that a provision implements an article."""
    if actor is not None:
        require(permissions.can_edit_legislation(actor, provision.law.state))
    if ProvisionArticle.objects.filter(provision=provision, article=article).exists():
        raise ConflictError(messages.ARTICLE_ALREADY_MAPPED)
    mapping = ProvisionArticle(provision=provision, article=article, note=note.strip())
    mapping.full_clean()
    mapping.save()
    audit_created(actor=actor, obj=mapping)
    return mapping


@transaction.atomic
def mapping_delete(*, actor: User | None, mapping: ProvisionArticle) -> None:
    if actor is not None:
        require(permissions.can_edit_legislation(actor, mapping.provision.law.state))
    audit_deleted(actor=actor, obj=mapping)
    mapping.delete()
