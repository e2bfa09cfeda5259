import datetime
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.engagement.models.events import Event
from palermo.engagement.models.organisations import Organisation, Person


class Minutes(models.Model):
    """The record of one meeting: a summary and its numbered decisions."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    audit_country_path: ClassVar = "event__country"

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(_("Minutes of %(event)s") % {"event": self.event})

    def get_absolute_url(self) -> str:
        return reverse("engagement:minutes-detail", args=[self.event_id])


class Decision(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("decision"))

    audit_country_path: ClassVar = "minutes__event__country"

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering: ClassVar = ["number"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["minutes", "number"],
                name="unique_decision_number",
                violation_error_message=_("A decision with this number already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES: ClassVar = (Status.OPEN, Status.IN_PROGRESS)

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="action_items")
    text = models.TextField(_("action"))
    owner_person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner (person)"),
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("owner (organisation)"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    # Reminders go out once before the due date and once after it (see engagement.reminders).
    reminded_before_on = models.DateField(null=True, blank=True, editable=False)
    reminded_after_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    audit_country_path: ClassVar = "decision__minutes__event__country"

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering: ClassVar = ["due_on", "pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(owner_person__isnull=False) | Q(owner_organisation__isnull=False),
                name="action_item_has_owner",
                violation_error_message=_("Name who owns the action: a person or an organisation."),
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("engagement:action-item-detail", args=[self.pk])

    def clean(self) -> None:
        if self.owner_person_id is None and self.owner_organisation_id is None:
            raise ValidationError(_("Name who owns the action: a person or an organisation."))

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def owners_label(self) -> str:
        return " / ".join(
            str(owner) for owner in (self.owner_person, self.owner_organisation) if owner
        )


class ActionItemNote(models.Model):
    """A follow-up note, optionally recording a change of status."""

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("note"), blank=True)
    status_from = models.CharField(max_length=16, choices=ActionItem.Status.choices, blank=True)
    status_to = models.CharField(max_length=16, choices=ActionItem.Status.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "action_item__decision__minutes__event__country"

    class Meta:
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")
        ordering: ClassVar = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
