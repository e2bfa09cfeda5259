import datetime
import uuid
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from palermo.engagement.models.alliances import Alliance
from palermo.engagement.models.organisations import (
    Organisation,
    Person,
    Theme,
    validate_country_code,
)


class Event(models.Model):
    class DatePrecision(models.TextChoices):
        """How much of a planned event's date is known; `starts_on` holds what is."""

        DAY = "day", _("Exact day")
        WEEK = "week", _("Week")
        MONTH = "month", _("Month")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Kind(models.TextChoices):
        CONSTRUCTIVE_DIALOGUE = "constructive_dialogue", _("Constructive dialogue")
        SCOPING_MEETING = "scoping_meeting", _("Scoping meeting")
        CONSULTATION = "consultation", _("Consultation")
        PILOT_LAUNCH = "pilot_launch", _("Pilot-initiative launch")
        COP_SESSION = "cop_session", _("Conference of the Parties session")
        WORKING_GROUP = "working_group", _("Working group")
        INTERNATIONAL_DAY = "international_day", _("International day")
        ROUNDTABLE = "roundtable", _("Roundtable")
        WEBINAR = "webinar", _("Webinar")
        MEETING = "meeting", _("Meeting")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    # The State whose record this is (who may see it); empty for international events.
    country = models.CharField(
        _("country"), max_length=3, blank=True, validators=[validate_country_code]
    )
    starts_on = models.DateField(_("starts on"))
    # A month-only event starts on the month's first day, a week-only one on the day given
    # ("week of 19 May"); neither has an end date or times.
    date_precision = models.CharField(
        _("date known to the"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    # Planned until it is held (or cancelled); an event cannot have been held before it starts.
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.HELD
    )
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(_("online link"), blank=True)
    alliance = models.ForeignKey(
        Alliance,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("alliance"),
    )
    organisers = models.ManyToManyField(
        Organisation, blank=True, related_name="organised_events", verbose_name=_("organisers")
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partnered_events", verbose_name=_("partners")
    )
    # Engagement links to a review and instruments by reference only (see docs/architecture.md).
    review = models.ForeignKey(
        "reviews.Review",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("review"),
    )
    instruments = models.ManyToManyField(
        "instruments.Instrument",
        blank=True,
        related_name="events",
        verbose_name=_("instruments"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="events", verbose_name=_("themes")
    )
    # Headcounts for when names are not recorded; named participants are counted separately.
    in_person_count = models.PositiveIntegerField(
        _("participants in person"), null=True, blank=True
    )
    online_count = models.PositiveIntegerField(_("participants online"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering: ClassVar = ["-starts_on", "title"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
                violation_error_message=_("The event ends before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("engagement:event-detail", args=[self.pk])

    def clean(self) -> None:
        if self.date_precision != self.DatePrecision.DAY and self.starts_on is not None:
            if self.ends_on is not None or self.start_time or self.end_time:
                raise ValidationError(APPROXIMATE_DATE_IS_ONE_PERIOD)
            if self.date_precision == self.DatePrecision.MONTH:
                self.starts_on = self.starts_on.replace(day=1)
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The event ends before it starts.")})
        if (
            self.status == self.Status.HELD
            and self.starts_on is not None
            and self.starts_on > timezone.localdate()
        ):
            raise ValidationError(
                {"status": _("An event that starts in the future cannot have been held yet.")}
            )
        if (
            self.start_time
            and self.end_time
            and (self.ends_on in (None, self.starts_on))
            and self.end_time < self.start_time
        ):
            raise ValidationError({"end_time": _("The event ends before it starts.")})

    @property
    def last_day(self) -> datetime.date:
        return self.ends_on or self.starts_on

    @property
    def is_date_approximate(self) -> bool:
        return self.date_precision != self.DatePrecision.DAY

    @property
    def approximate_date_label(self) -> str:
        """What is known of the date ("April 2025", "week of 19 May 2025"); empty for a day."""
        if self.date_precision == self.DatePrecision.MONTH:
            return formats.date_format(self.starts_on, "YEAR_MONTH_FORMAT")
        if self.date_precision == self.DatePrecision.WEEK:
            return gettext("week of %(day)s") % {
                "day": formats.date_format(self.starts_on, "DATE_FORMAT")
            }
        return ""

    @property
    def headcount(self) -> int | None:
        """People who took part, from the headcounts when given; None when nothing is known."""
        if self.in_person_count is None and self.online_count is None:
            return None
        return (self.in_person_count or 0) + (self.online_count or 0)


APPROXIMATE_DATE_IS_ONE_PERIOD = _(
    "An event known only to the month or the week has no end date and no times; "
    "choose “Exact day” to give them."
)


class Participant(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        PARTICIPANT = "participant", _("Participant")
        ORGANISER = "organiser", _("Organiser")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="participations", verbose_name=_("person")
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.PARTICIPANT
    )
    online = models.BooleanField(_("took part online"), default=False)

    audit_country_path: ClassVar = "event__country"

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering: ClassVar = ["person__name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="unique_event_participant",
                violation_error_message=_("This person is already a participant."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"engagement/events/{instance.event_id}/{uuid.uuid4().hex}/{filename}"


class Attachment(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=500)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "event__country"

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering: ClassVar = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


def statement_path(instance: "Statement", filename: str) -> str:
    return f"engagement/statements/{uuid.uuid4().hex}/{filename}"


class Statement(models.Model):
    """What an organisation said at an event, as text or as a file."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="statements")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=255)
    delivered_on = models.DateField(_("delivered on"))
    language = models.CharField(_("language"), max_length=8, default="en")
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to=statement_path, max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    audit_country_path: ClassVar = "event__country"

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering: ClassVar = ["delivered_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("engagement:statement-detail", args=[self.pk])

    def clean(self) -> None:
        if not self.text.strip() and not self.file:
            raise ValidationError(_("Give the statement's text or attach its file."))


class CalendarFeed(models.Model):
    """A secret address for an ICS feed, of one user's events or of one alliance's."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feed",
    )
    alliance = models.OneToOneField(
        Alliance, on_delete=models.CASCADE, null=True, blank=True, related_name="calendar_feed"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(
                    Q(user__isnull=False, alliance__isnull=True)
                    | Q(user__isnull=True, alliance__isnull=False)
                ),
                name="calendar_feed_user_or_alliance",
            )
        ]

    def __str__(self) -> str:
        return f"feed {self.key}"
