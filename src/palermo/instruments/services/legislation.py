"""Writes to national laws, their provisions and the articles they are mapped to."""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from palermo.core import uploads
from palermo.core.audit import (
    audit_created,
    audit_deleted,
    audited_update,
)
from palermo.core.exceptions import ConflictError
from palermo.core.models import User
from palermo.core.permissions import require
from palermo.instruments import messages, permissions, search
from palermo.instruments.models import (
    Article,
    Law,
    Provision,
    ProvisionArticle,
    State,
)


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
