"""Import laws, provisions and their article mappings from a CSV or XLSX table.

One row per provision-article mapping: `law`, `short_title`, `year`, `type`, `status`,
`source_url`, `section`, `heading`, `text`, `article` (as `untoc:6`), `note`. A law or
provision repeated on several rows is created once. The preview lists what each row will do
and every error; the import commits only when no row has an error, and then all of it.
"""

from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from palermo.core import messages as core_messages
from palermo.core.audit import audit_record
from palermo.core.models import AuditEvent, User
from palermo.core.tabular import Row, read_table
from palermo.instruments import permissions
from palermo.instruments.models import Article, Law, Provision, ProvisionArticle, State
from palermo.instruments.services import legislation as legislation_services

COLUMNS = (
    "law",
    "short_title",
    "year",
    "type",
    "status",
    "source_url",
    "section",
    "heading",
    "text",
    "article",
    "note",
)
ALIASES = {
    "title": "law",
    "law_title": "law",
    "act": "law",
    "kind": "type",
    "url": "source_url",
    "source": "source_url",
    "sec": "section",
    "section_number": "section",
    "provision": "heading",
    "article_code": "article",
    "articles": "article",
    "notes": "note",
    "mapping_note": "note",
}


@dataclass
class RowPlan:
    number: int
    law: str
    section: str
    article: str
    actions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    state: State
    rows: list[RowPlan]
    laws_to_create: int = 0
    provisions_to_create: int = 0
    mappings_to_create: int = 0
    duplicates: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def can_commit(self) -> bool:
        return bool(self.rows) and self.errors == 0


def _choice(value: str, choices: Any, label: str) -> tuple[str, str | None]:
    if not value:
        return "", None
    lowered = value.strip().lower()
    for key, text in choices:
        if lowered in {key, str(text).lower()}:
            return key, None
    allowed = ", ".join(key for key, _text in choices)
    return "", _("%(label)s “%(value)s” is not one of: %(allowed)s.") % {
        "label": label,
        "value": value,
        "allowed": allowed,
    }


def _parse_row(row: Row) -> tuple[dict[str, Any], list[str]]:
    values = row.values
    errors: list[str] = []
    parsed: dict[str, Any] = {name: values.get(name, "").strip() for name in COLUMNS}
    if not parsed["law"]:
        errors.append(_("The law's title is missing."))
    elif len(parsed["law"]) > 255:
        errors.append(_("The law's title is longer than 255 characters."))
    if parsed["year"]:
        year = parsed["year"]
        if not (year.isascii() and year.isdigit()) or not 1800 <= int(year) <= 2100:
            errors.append(
                _("The year “%(year)s” is not a year between 1800 and 2100.")
                % {"year": parsed["year"]}
            )
            parsed["year"] = None
        else:
            parsed["year"] = int(parsed["year"])
    else:
        parsed["year"] = None
    parsed["type"], error = _choice(parsed["type"], Law.Kind.choices, _("Type"))
    errors.extend([error] if error else [])
    parsed["status"], error = _choice(parsed["status"], Law.Status.choices, _("Status"))
    errors.extend([error] if error else [])
    if parsed["source_url"]:
        try:
            URLValidator()(parsed["source_url"])
        except ValidationError:
            errors.append(
                _("The source address “%(url)s” is not a web address.")
                % {"url": parsed["source_url"]}
            )
    if len(parsed["section"]) > 32:
        errors.append(_("The section is longer than 32 characters."))
    if not parsed["section"] and not parsed["heading"] and parsed["article"]:
        errors.append(
            _("Give a section or a heading for the provision that implements the article.")
        )
    return parsed, errors


def _articles_by_code() -> dict[str, Article]:
    return {a.code: a for a in Article.objects.select_related("instrument")}


def _require_can_import(actor: User | None, state: State) -> None:
    if actor is not None and not permissions.can_edit_legislation(actor, state):
        raise PermissionDenied(core_messages.NOT_ALLOWED)


def plan_import(
    *, state: State, content: bytes | IO[bytes], filename: str, actor: User | None = None
) -> ImportPlan:
    """Read the file and say what each row would do, without writing anything.

    The actor's permission is checked before a byte of the file is read, dry run or not; the
    file is read row by row and refused at the caps of `core.uploads`.
    """
    _require_can_import(actor, state)
    rows = read_table(content, filename, ALIASES)
    articles = _articles_by_code()
    existing_laws = {law.title.lower(): law for law in Law.objects.filter(state=state)}
    seen_laws: set[str] = set()
    seen_provisions: set[tuple[str, str]] = set()
    seen_mappings: set[tuple[str, str, str]] = set()
    plan = ImportPlan(state=state, rows=[])
    for row in rows:
        parsed, errors = _parse_row(row)
        law_key = parsed["law"].lower()
        provision_key = (law_key, (parsed["section"] or parsed["heading"]).lower())
        article_code = parsed["article"].lower().replace(" ", "")
        item = RowPlan(row.number, parsed["law"], parsed["section"], article_code, errors=errors)
        article = articles.get(article_code) if article_code else None
        if article_code and article is None:
            item.errors.append(
                _("There is no article “%(code)s” (write it like untoc:6).")
                % {"code": parsed["article"]}
            )
        if not item.errors:
            law = existing_laws.get(law_key)
            if law is None and law_key not in seen_laws:
                item.actions.append(_("new law"))
                plan.laws_to_create += 1
            seen_laws.add(law_key)
            provision = _existing_provision(law, parsed) if law else None
            if provision_key[1] and provision is None and provision_key not in seen_provisions:
                item.actions.append(_("new provision"))
                plan.provisions_to_create += 1
            seen_provisions.add(provision_key)
            if article is not None:
                mapping_key = (*provision_key, article.code)
                already = mapping_key in seen_mappings or (
                    provision is not None
                    and ProvisionArticle.objects.filter(
                        provision=provision, article=article
                    ).exists()
                )
                if already:
                    item.actions.append(_("already mapped: skipped"))
                    plan.duplicates += 1
                else:
                    item.actions.append(_("new mapping to %(code)s") % {"code": article.code})
                    plan.mappings_to_create += 1
                seen_mappings.add(mapping_key)
        plan.rows.append(item)
    return plan


def _existing_provision(law: Law, parsed: dict[str, Any]) -> Provision | None:
    if parsed["section"]:
        return law.provisions.filter(section=parsed["section"]).first()
    if parsed["heading"]:
        return law.provisions.filter(section="", heading__iexact=parsed["heading"]).first()
    return None


@transaction.atomic
def commit_import(
    *, actor: User | None, state: State, content: bytes | IO[bytes], filename: str
) -> ImportPlan:
    """Apply the whole file, or nothing if any row has an error."""
    _require_can_import(actor, state)
    plan = plan_import(state=state, content=content, filename=filename)
    if not plan.can_commit:
        raise ValidationError(
            _("The file has %(count)s rows with errors; nothing was imported.")
            % {"count": plan.errors}
        )
    articles = _articles_by_code()
    laws = {law.title.lower(): law for law in Law.objects.filter(state=state)}
    for row in read_table(content, filename, ALIASES):
        parsed, _errors = _parse_row(row)
        law = laws.get(parsed["law"].lower())
        if law is None:
            law = legislation_services.law_create(
                actor=actor,
                state=state,
                title=parsed["law"],
                short_title=parsed["short_title"],
                year=parsed["year"],
                kind=parsed["type"] or Law.Kind.ACT,
                status=parsed["status"] or Law.Status.IN_FORCE,
                source_url=parsed["source_url"],
            )
            laws[law.title.lower()] = law
        if not (parsed["section"] or parsed["heading"]):
            continue
        provision = _existing_provision(law, parsed) or legislation_services.provision_create(
            actor=actor,
            law=law,
            section=parsed["section"],
            heading=parsed["heading"],
            text=parsed["text"],
        )
        article = articles.get(parsed["article"].lower().replace(" ", ""))
        if (
            article is not None
            and not ProvisionArticle.objects.filter(provision=provision, article=article).exists()
        ):
            legislation_services.mapping_add(
                actor=actor, provision=provision, article=article, note=parsed["note"]
            )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.IMPORT,
        object_type="instruments.law",
        object_repr=(
            f"{filename}: {plan.laws_to_create} laws, {plan.provisions_to_create} provisions, "
            f"{plan.mappings_to_create} mappings ({state.iso3})"
        )[:255],
    )
    return plan
