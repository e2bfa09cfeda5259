"""Writes to recommendations: the record, its links and themes, and its progress updates."""

import datetime
import re
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone

from palermo.core import uploads
from palermo.core.audit import audit_deleted, audit_record, audited_update, diff, snapshot
from palermo.core.models import AuditEvent, User
from palermo.core.permissions import require
from palermo.engagement.models import Organisation, Statement
from palermo.engagement.selectors.events import statement_list
from palermo.instruments.models import Article
from palermo.reviews.models import Observation
from palermo.reviews.permissions import can_read_observations
from palermo.tracking import messages, permissions
from palermo.tracking.models import (
    ActionPlan,
    Recommendation,
    RecommendationUpdate,
    SdgTarget,
    Status,
    Theme,
)

RECOMMENDATION_FIELDS = (
    "reference",
    "title",
    "text",
    "source",
    "observation",
    "statement",
    "action_plan",
    "source_title",
    "source_url",
    "issued_on",
    "priority",
)
LINK_FIELDS = {
    Recommendation.Source.OBSERVATION: "observation",
    Recommendation.Source.STATEMENT: "statement",
    Recommendation.Source.ACTION_PLAN: "action_plan",
}
M2M_FIELDS = ("themes", "articles", "responsible_bodies", "sdg_targets")
TITLE_LENGTH = 120
# "1.", "2)", "(3)", "a.", "-", "•" and the like before a recommendation's text.
LIST_MARKER = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[-*•·–])\s+", re.IGNORECASE)


def title_from(text: str) -> str:
    """A short title: the text's first sentence, cut at a word near TITLE_LENGTH characters."""
    first = " ".join(text.split())
    sentence = re.split(r"(?<=[.;:!?])\s", first, maxsplit=1)[0].rstrip(".;:")
    if len(sentence) <= TITLE_LENGTH:
        return sentence
    cut = sentence[:TITLE_LENGTH].rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "…"


def split_recommendations(text: str) -> list[str]:
    """One recommendation per non-empty line, list markers ("1.", "-", "•") removed."""
    found = []
    for line in text.splitlines():
        cleaned = " ".join(LIST_MARKER.sub("", line, count=1).split())
        if cleaned:
            found.append(cleaned)
    return found


def linked_country(recommendation: Recommendation) -> str | None:
    """The State of the record the recommendation comes from (None when there is none)."""
    if recommendation.observation_id:
        return str(recommendation.observation.review.state.iso3)  # type: ignore[union-attr]
    if recommendation.statement_id:
        statement: Statement = recommendation.statement  # type: ignore[assignment]
        return statement.event.country or statement.organisation.country
    if recommendation.action_plan_id:
        return recommendation.action_plan.country  # type: ignore[union-attr]
    return None


def _check_links(actor: User | None, recommendation: Recommendation) -> None:
    """The linked record must be one the actor may see, and of the recommendation's State."""
    if actor is not None:
        if recommendation.statement_id:
            require(statement_list(user=actor).filter(pk=recommendation.statement_id).exists())
        if recommendation.observation_id:
            observation: Observation = recommendation.observation  # type: ignore[assignment]
            require(can_read_observations(actor, observation.review))
        if recommendation.action_plan_id:
            plan: ActionPlan = recommendation.action_plan  # type: ignore[assignment]
            require(permissions.can_view_plan(actor, plan))
    country = linked_country(recommendation)
    if country is not None and country != recommendation.country:
        field = LINK_FIELDS.get(recommendation.source)  # type: ignore[call-overload]
        raise ValidationError({field or "source": messages.RECOMMENDATION_LINK_OTHER_STATE})


def _check_source(recommendation: Recommendation) -> None:
    if recommendation.source == Recommendation.Source.REPORT and not (
        recommendation.source_title.strip()
    ):
        raise ValidationError({"source_title": messages.RECOMMENDATION_NEEDS_SOURCE_TITLE})
    recommendation.clean()


def _check_bodies(country: str, bodies: Iterable[Organisation]) -> None:
    for body in bodies:
        if body.country and body.country != country:
            raise ValidationError(
                {
                    "responsible_bodies": messages.RECOMMENDATION_BODY_OTHER_STATE
                    % {"name": body.name}
                }
            )


def _m2m_snapshot(recommendation: Recommendation) -> dict[str, Any]:
    return {
        name: sorted(str(item) for item in getattr(recommendation, name).all())
        for name in M2M_FIELDS
    }


def _clean_text(recommendation: Recommendation) -> None:
    recommendation.text = recommendation.text.strip()
    if not recommendation.text:
        raise ValidationError({"text": messages.RECOMMENDATION_EMPTY_TEXT})
    recommendation.title = " ".join(recommendation.title.split())[:255] or title_from(
        recommendation.text
    )
    recommendation.reference = recommendation.reference.strip()


@transaction.atomic
def recommendation_create(
    *,
    actor: User | None,
    text: str,
    source: str,
    issued_on: datetime.date,
    title: str = "",
    reference: str = "",
    country: str = "",
    observation: Observation | None = None,
    statement: Statement | None = None,
    action_plan: ActionPlan | None = None,
    source_title: str = "",
    source_url: str = "",
    priority: str = Recommendation.Priority.MEDIUM,
    themes: Iterable[Theme] = (),
    articles: Iterable[Article] = (),
    responsible_bodies: Iterable[Organisation] = (),
    sdg_targets: Iterable[SdgTarget] = (),
) -> Recommendation:
    """Record a recommendation for the actor's State (or `country`, when no actor)."""
    if actor is not None:
        require(permissions.can_create_recommendation(actor))
    country = (country or (actor.country if actor is not None else "")).upper()
    if not country:
        raise ValidationError(messages.RECOMMENDATION_NEEDS_COUNTRY)
    recommendation = Recommendation(
        reference=reference,
        title=title,
        text=text,
        country=country,
        source=source,
        observation=observation,
        statement=statement,
        action_plan=action_plan,
        source_title=" ".join(source_title.split()),
        source_url=source_url.strip(),
        issued_on=issued_on,
        priority=priority,
        created_by=actor,
    )
    if actor is not None:
        require(permissions.can_view_recommendation(actor, recommendation))
    _clean_text(recommendation)
    _check_source(recommendation)
    _check_links(actor, recommendation)
    bodies = list(responsible_bodies)
    _check_bodies(country, bodies)
    recommendation.full_clean()
    recommendation.save()
    recommendation.themes.set(list(themes))
    recommendation.articles.set(list(articles))
    recommendation.responsible_bodies.set(bodies)
    recommendation.sdg_targets.set(list(sdg_targets))
    after = snapshot(recommendation) | _m2m_snapshot(recommendation)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=recommendation,
        changes=diff(dict.fromkeys(after), after),
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    actor: User | None,
    recommendation: Recommendation,
    themes: Iterable[Theme] | None = None,
    articles: Iterable[Article] | None = None,
    responsible_bodies: Iterable[Organisation] | None = None,
    sdg_targets: Iterable[SdgTarget] | None = None,
    **fields: Any,
) -> Recommendation:
    """Change a recommendation's fields and lists; a new source drops the old source's link."""
    if actor is not None:
        require(permissions.can_edit_recommendation(actor, recommendation))
    unknown = set(fields) - set(RECOMMENDATION_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    if "source" in fields:
        for source, link in LINK_FIELDS.items():
            if fields["source"] != source:
                fields.setdefault(link, None)
    for name in ("source_title", "reference", "title"):
        if name in fields:
            fields[name] = " ".join((fields[name] or "").split())
    before_lists = _m2m_snapshot(recommendation)
    before = snapshot(recommendation, fields)
    for name, value in fields.items():
        setattr(recommendation, name, value)
    _clean_text(recommendation)
    _check_source(recommendation)
    _check_links(actor, recommendation)
    lists: dict[str, Iterable[models.Model] | None] = {
        "themes": themes,
        "articles": articles,
        "responsible_bodies": responsible_bodies,
        "sdg_targets": sdg_targets,
    }
    if responsible_bodies is not None:
        lists["responsible_bodies"] = bodies = list(responsible_bodies)
        _check_bodies(recommendation.country, bodies)
    recommendation.full_clean()
    recommendation.save()
    for name, values in lists.items():
        if values is not None:
            getattr(recommendation, name).set(list(values))
    changes = diff(before, snapshot(recommendation, fields))
    changes |= diff(before_lists, _m2m_snapshot(recommendation))
    if changes:
        audit_record(
            actor=actor, action=AuditEvent.Action.UPDATE, obj=recommendation, changes=changes
        )
    return recommendation


@transaction.atomic
def recommendation_delete(*, actor: User | None, recommendation: Recommendation) -> None:
    """Delete a recommendation and its updates; refused while a plan's measure links it."""
    if actor is not None:
        require(permissions.can_edit_recommendation(actor, recommendation))
    if recommendation.measures.exists():
        raise ValidationError(messages.RECOMMENDATION_IN_MEASURES)
    files = [
        (update.evidence_file.name, update.evidence_file.storage)
        for update in recommendation.updates.exclude(evidence_file="")
    ]
    audit_deleted(actor=actor, obj=recommendation)
    recommendation.delete()
    for name, storage in files:
        transaction.on_commit(partial(storage.delete, name))


def _check_evidence(file: UploadedFile) -> None:
    if not file.size:
        raise ValidationError({"evidence_file": messages.EVIDENCE_EMPTY})
    uploads.check_size(file, max_bytes=uploads.upload_max_bytes(), field="evidence_file")


def _sync_status(actor: User | None, recommendation: Recommendation) -> None:
    """The recommendation's status is the status of its latest update by date."""
    latest = recommendation.updates.order_by("-reported_on", "-pk").first()
    status = latest.status if latest is not None else Status.NOT_STARTED
    if recommendation.status != status:
        audited_update(actor=actor, obj=recommendation, fields={"status": status})


@transaction.atomic
def recommendation_update_add(
    *,
    actor: User | None,
    recommendation: Recommendation,
    reported_on: datetime.date,
    status: str,
    narrative: str,
    evidence_url: str = "",
    evidence_file: UploadedFile | None = None,
) -> RecommendationUpdate:
    """Report progress on a recommendation, with evidence (an address, a file within the cap)."""
    if actor is not None:
        require(permissions.can_update_progress(actor, recommendation))
    if reported_on > timezone.localdate():
        raise ValidationError({"reported_on": messages.UPDATE_IN_FUTURE})
    if not narrative.strip():
        raise ValidationError({"narrative": messages.UPDATE_EMPTY_NARRATIVE})
    if evidence_file is not None:
        _check_evidence(evidence_file)
    update = RecommendationUpdate(
        recommendation=recommendation,
        reported_on=reported_on,
        status=status,
        narrative=narrative.strip(),
        evidence_url=evidence_url.strip(),
        author=actor,
    )
    if evidence_file is not None:
        update.evidence_file = evidence_file
    update.full_clean()
    update.save()
    after = snapshot(update)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=update,
        changes=diff(dict.fromkeys(after), after),
    )
    _sync_status(actor, recommendation)
    return update


def statement_reference_prefix(statement: Statement) -> str:
    """The initials after "on": TIP for "Written statement on Trafficking in Persons"."""
    subject = re.split(r"\bon\b", statement.title, maxsplit=1)[-1]
    words = re.findall(r"[^\W\d_]+", subject)
    if len(words) == 1:
        return str(words[0])[:3].upper()
    return "".join(str(word)[0] for word in words).upper()[:8] or f"S{statement.pk}"


@transaction.atomic
def recommendations_from_statement(
    *,
    actor: User | None,
    statement: Statement,
    texts: Sequence[str],
    reference_prefix: str = "",
    priority: str = Recommendation.Priority.MEDIUM,
    themes: Iterable[Theme] = (),
    articles: Iterable[Article] = (),
    responsible_bodies: Iterable[Organisation] = (),
    sdg_targets: Iterable[SdgTarget] = (),
) -> list[Recommendation]:
    """Record each point of a statement as a recommendation: TIP-1, TIP-2, ... in order."""
    cleaned = [" ".join(text.split()) for text in texts if text.strip()]
    if not cleaned:
        raise ValidationError({"texts": messages.EXTRACT_NOTHING})
    prefix = reference_prefix.strip() or statement_reference_prefix(statement)
    first = Recommendation.objects.filter(statement=statement).count() + 1
    shared = {
        "themes": list(themes),
        "articles": list(articles),
        "responsible_bodies": list(responsible_bodies),
        "sdg_targets": list(sdg_targets),
    }
    return [
        recommendation_create(
            actor=actor,
            text=text,
            source=Recommendation.Source.STATEMENT,
            statement=statement,
            country=statement.event.country or statement.organisation.country,
            reference=f"{prefix}-{number}",
            issued_on=statement.delivered_on,
            priority=priority,
            **shared,  # type: ignore[arg-type]
        )
        for number, text in enumerate(cleaned, start=first)
    ]


@transaction.atomic
def recommendation_from_observation(
    *,
    actor: User | None,
    observation: Observation,
    text: str = "",
    title: str = "",
    priority: str = Recommendation.Priority.MEDIUM,
    themes: Iterable[Theme] = (),
    responsible_bodies: Iterable[Organisation] = (),
    sdg_targets: Iterable[SdgTarget] = (),
) -> Recommendation:
    """Record a reviewer's observation as a recommendation on the observation's article."""
    observation = Observation.objects.select_related("review__state", "article__instrument").get(
        pk=observation.pk
    )
    return recommendation_create(
        actor=actor,
        text=text or observation.text,
        title=title,
        source=Recommendation.Source.OBSERVATION,
        observation=observation,
        country=observation.review.state.iso3,
        reference=observation.article.code,
        issued_on=timezone.localdate(observation.created_at),
        priority=priority,
        themes=themes,
        articles=[observation.article],
        responsible_bodies=responsible_bodies,
        sdg_targets=sdg_targets,
    )
