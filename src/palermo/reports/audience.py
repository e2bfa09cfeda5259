"""What a report holds, and who may read all of it.

A builder prints what its requester may read. While it builds, it notes on the document each
restricted thing it prints (`Document.hold(rule, pk)`): the review it is about, each answer (a
draft apart from an approved one), the observations of a review, each civil-society submission,
the action plan, the alliance. The report keeps that list (`GeneratedReport.holds`), and anyone
else may read the report only if the owning app's own permission lets them read every held
thing: the same functions the pages and the API call, so a report shows nobody what the pages
hide from them.

Rules are looked up in bulk and remembered in a `Cache`, so a list of reports costs a few
queries whatever its length.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from palermo.engagement.models import Alliance
from palermo.engagement.permissions import can_view_alliance
from palermo.evidence.models import Dataset
from palermo.evidence.permissions import can_view_dataset
from palermo.networks.models import Collection
from palermo.networks.permissions import can_read_entities
from palermo.reviews import permissions as review_permissions
from palermo.reviews.models import ArticleAnswer, ParallelSubmission, Review
from palermo.tracking.models import ActionPlan
from palermo.tracking.permissions import can_view_plan

Hold = tuple[str, int]


@dataclass(frozen=True)
class Rule:
    """One kind of restricted content: how to load it, who may read one, whether to publish it.

    Publishable means fit for the public as it stands: an approved answer once the review is
    submitted is; a draft, one organisation's submission, observations not yet agreed are not.
    """

    label: str | Promise
    load: Callable[[set[int]], dict[int, Model]]
    may_read: Callable[[Any, Any], bool]
    publishable: Callable[[Any], bool] = lambda obj: True


def _loader(queryset: Callable[[], Any]) -> Callable[[set[int]], dict[int, Model]]:
    def load(ids: set[int]) -> dict[int, Model]:
        return {obj.pk: obj for obj in queryset().filter(pk__in=ids)}

    return load


def _answers() -> Any:
    return ArticleAnswer.objects.select_related("review__state")


RULES: dict[str, Rule] = {
    "review": Rule(
        _("the review"),
        _loader(lambda: Review.objects.select_related("state")),
        review_permissions.can_view_review,
    ),
    "draft_answer": Rule(
        _("answers not yet approved"),
        _loader(_answers),
        lambda user, answer: review_permissions.can_read_drafts(user, answer.review),
        lambda answer: False,
    ),
    "answer": Rule(
        _("the government's approved answers"),
        _loader(_answers),
        review_permissions.can_read_answer,
        lambda answer: answer.review.phase in review_permissions.AFTER_SUBMISSION,
    ),
    "observations": Rule(
        _("the reviewers' observations"),
        _loader(lambda: Review.objects.select_related("state")),
        review_permissions.can_read_observations,
        lambda review: review.phase in review_permissions.OBSERVATIONS_PUBLIC,
    ),
    "parallel_submission": Rule(
        _("civil-society organisations' submissions"),
        _loader(lambda: ParallelSubmission.objects.select_related("review__state")),
        review_permissions.can_read_parallel,
        lambda submission: False,
    ),
    "plan": Rule(_("the action plan"), _loader(lambda: ActionPlan.objects.all()), can_view_plan),
    "alliance": Rule(_("the alliance"), _loader(lambda: Alliance.objects.all()), can_view_alliance),
    # Statistics of a dataset, printed only after suppression: whoever sees the dataset.
    "dataset": Rule(
        _("privacy-checked statistics of a dataset"),
        _loader(lambda: Dataset.objects.all()),
        can_view_dataset,
    ),
    # A network brief names people and companies: those who read the entities, never public.
    "collection": Rule(
        _("the entities of a network collection"),
        _loader(lambda: Collection.objects.all()),
        can_read_entities,
        lambda collection: False,
    ),
}


@dataclass
class Cache:
    """Loaded records and answered questions, for one reader across many reports."""

    records: dict[str, dict[int, Model | None]] = field(default_factory=dict)
    answers: dict[Hold, bool] = field(default_factory=dict)

    def load(self, holds: Iterable[Hold]) -> None:
        wanted: dict[str, set[int]] = {}
        for rule, pk in holds:
            if pk not in self.records.get(rule, {}):
                wanted.setdefault(rule, set()).add(pk)
        for rule, ids in wanted.items():
            found = RULES[rule].load(ids)
            known = self.records.setdefault(rule, {})
            for pk in ids:
                known[pk] = found.get(pk)


def normalise(holds: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """Held things as stored (JSON lists), each once, in a stable order; unknown rules refused."""
    unique = sorted({(str(rule), int(pk)) for rule, pk in holds})
    unknown = {rule for rule, _pk in unique if rule not in RULES}
    if unknown:
        raise ValueError(f"Unknown report content rules: {sorted(unknown)}")
    return [[rule, pk] for rule, pk in unique]


def may_read_all(user: Any, holds: Iterable[Sequence[Any]], cache: Cache | None = None) -> bool:
    """True when the user may read every held thing; a thing deleted since is nobody's to read."""
    cache = cache if cache is not None else Cache()
    pairs = [(str(rule), int(pk)) for rule, pk in holds]
    cache.load(pairs)
    for pair in pairs:
        if pair not in cache.answers:
            rule, pk = pair
            obj = cache.records[rule].get(pk)
            cache.answers[pair] = obj is not None and RULES[rule].may_read(user, obj)
        if not cache.answers[pair]:
            return False
    return True


def _labels_where(
    holds: Iterable[Sequence[Any]], keep: Callable[[str, Model | None], bool]
) -> list[str]:
    """The labels of the rules (in their declared order) of the held things `keep` picks."""
    cache = Cache()
    pairs = [(str(rule), int(pk)) for rule, pk in holds]
    cache.load(pairs)
    found = {rule for rule, pk in pairs if keep(rule, cache.records[rule].get(pk))}
    return [str(RULES[rule].label) for rule in RULES if rule in found]


def unreadable(user: Any, holds: Iterable[Sequence[Any]]) -> list[str]:
    """What of the held things the user may not read, by kind of content (empty: all of it)."""
    return _labels_where(
        holds, lambda rule, obj: obj is None or not RULES[rule].may_read(user, obj)
    )


def unpublishable(holds: Iterable[Sequence[Any]]) -> list[str]:
    """What publishing would reveal that is not yet fit for the public, by kind of content."""
    return _labels_where(
        holds, lambda rule, obj: obj is not None and not RULES[rule].publishable(obj)
    )
