from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.instruments.models import Cluster, Instrument, State


class Phase(models.TextChoices):
    DRAFTING = "drafting", _("Drafting")
    INTERNAL_APPROVAL = "internal_approval", _("Internal approval")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_PEER_REVIEW = "under_peer_review", _("Under peer review")
    OBSERVATIONS_AGREED = "observations_agreed", _("Observations agreed")
    CONCLUDED = "concluded", _("Concluded")


# The order phases follow; a review only moves one step forward (or back, by reopening).
PHASE_ORDER = [phase.value for phase in Phase]
# Phases in which the State's answers can still change.
EDITABLE_PHASES = {Phase.DRAFTING, Phase.INTERNAL_APPROVAL}
# Phases from which the secretariat may open a new version to correct the answers.
REOPENABLE_PHASES = {Phase.SUBMITTED, Phase.UNDER_PEER_REVIEW}
# The colour of a phase's badge: grey while the State drafts, green once settled.
PHASE_TONES = {
    Phase.DRAFTING: "secondary",
    Phase.INTERNAL_APPROVAL: "secondary",
    Phase.OBSERVATIONS_AGREED: "success",
    Phase.CONCLUDED: "success",
}


class Review(models.Model):
    """One State's review under one cluster, in one cycle of the mechanism."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="reviews")
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="reviews")
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)
    year = models.PositiveSmallIntegerField(_("year"))
    # The date on which party status decides which Protocols are under review.
    start_date = models.DateField(_("start date"))
    instruments = models.ManyToManyField(
        Instrument, related_name="reviews", verbose_name=_("instruments under review")
    )
    phase = models.CharField(
        _("phase"), max_length=24, choices=Phase.choices, default=Phase.DRAFTING
    )
    # Raised each time the secretariat reopens a submitted review.
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    reopen_reason = models.TextField(_("reason for the new version"), blank=True)
    draw_seed = models.CharField(_("draw seed"), max_length=64, blank=True)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "state__iso3"

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering: ClassVar = ["-year", "state__name", "cluster__number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["state", "cluster", "cycle"],
                name="unique_review_per_cluster_and_cycle",
                violation_error_message=_(
                    "This State is already reviewed under this cluster in this cycle."
                ),
            )
        ]

    def __str__(self) -> str:
        return _("%(state)s — cluster %(cluster)s (%(year)s)") % {
            "state": self.state.display_name,
            "cluster": self.cluster.number,
            "year": self.year,
        }

    def get_absolute_url(self) -> str:
        return reverse("reviews:review-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.phase in EDITABLE_PHASES

    @property
    def is_reopenable(self) -> bool:
        return self.phase in REOPENABLE_PHASES

    @property
    def phase_tone(self) -> str:
        return PHASE_TONES.get(Phase(self.phase), "primary")


class Milestone(models.Model):
    """A deadline of the review, by default the mechanism's, each with its due date."""

    class Kind(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Focal point appointed")
        EXPERTS = "experts", _("Governmental experts appointed")
        SELF_ASSESSMENT = "self_assessment", _("Self-assessment submitted")
        REVIEWER_FEEDBACK = "reviewer_feedback", _("Reviewers' written feedback")
        OBSERVATIONS = "observations", _("List of observations agreed")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("milestone"), max_length=24, choices=Kind.choices)
    due = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    audit_country_path: ClassVar = "review__state__iso3"

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering: ClassVar = ["review", "due", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["review", "kind"], name="unique_review_milestone")
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.get_kind_display()}"

    @property
    def is_late(self) -> bool:
        return self.done_at is None and self.due is not None and self.due < timezone.localdate()


class ReviewerDraw(models.Model):
    """A reviewing State for one instrument of a review, drawn by lot or set by hand."""

    class Group(models.TextChoices):
        SAME = "same", _("Same regional group")
        OTHER = "other", _("Another regional group")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reviewers")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="reviewing")
    group = models.CharField(_("group"), max_length=8, choices=Group.choices)
    by_lot = models.BooleanField(_("drawn by lot"), default=True)
    # An additional draw replaces, for one instrument, a reviewer not party to it.
    is_additional = models.BooleanField(_("additional draw"), default=False)

    audit_country_path: ClassVar = "review__state__iso3"

    class Meta:
        verbose_name = _("reviewing State")
        verbose_name_plural = _("reviewing States")
        ordering: ClassVar = ["review", "instrument__position", "group"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["review", "instrument", "state"], name="unique_reviewer_per_instrument"
            )
        ]

    def __str__(self) -> str:
        return f"{self.state.display_name} ({self.instrument.code}, {self.get_group_display()})"
