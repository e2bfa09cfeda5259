"""Generated reports: the request, its status and heartbeat, its file and what it holds."""

from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# Seconds during which a report's page polls its status quickly.
POLL_FAST_SECONDS = 10


def report_path(instance: "GeneratedReport", filename: str) -> str:
    return f"reports/{instance.created_at:%Y/%m}/{filename}"


class GeneratedReport(models.Model):
    """One report generated in the background: its parameters, status and stored file."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Generating")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        HTML = "html", _("Web page (HTML)")
        PDF = "pdf", _("PDF")
        DOCX = "docx", _("Word (DOCX)")
        XLSX = "xlsx", _("Excel (XLSX)")

    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    fmt = models.CharField(_("format"), max_length=8, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    file = models.FileField(_("file"), upload_to=report_path, max_length=255, blank=True)
    # SHA-256 of the stored file, hexadecimal.
    checksum = models.CharField(_("checksum"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    # A sentence for the user; the traceback only goes to the server's log.
    error = models.TextField(_("error"), blank=True)
    # The id of the django-tasks result that generates it.
    task_id = models.CharField(max_length=64, blank=True)
    # How many times it was queued: 1, then 2 when recovery queued it again after its worker
    # stopped (see services.recovery).
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    # The last sign of life of its task (renewed while it runs; set when queued again).
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="generated_reports",
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The restricted things the document prints, as [rule, id] pairs (see reports.audience):
    # who else may read the report follows from them. Empty until it is generated; null for
    # reports generated before it was kept, which only their requester and the secretariat read.
    holds = models.JSONField(_("restricted contents"), null=True, blank=True, default=list)
    # The State the report is about: its users see it.
    country = models.ForeignKey(
        "instruments.State",
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="generated_reports",
    )

    audit_country_path: ClassVar = "country__iso3"

    class Meta:
        verbose_name = _("generated report")
        verbose_name_plural = _("generated reports")
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.fmt}, {self.language})"

    def get_absolute_url(self) -> str:
        return reverse("reports:report-detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def poll_every(self) -> str:
        """How often its page asks for news (htmx): quickly while young, then once a second.

        Most reports take under a second, which a one-second poll would nearly double.
        """
        young = timezone.now() - self.created_at < timedelta(seconds=POLL_FAST_SECONDS)
        return "250ms" if young else "1s"

    @property
    def waiting_long(self) -> bool:
        """Pending for longer than a heartbeat may lapse: no worker may be running."""
        if self.status != self.Status.PENDING:
            return False
        since = self.heartbeat_at or self.created_at
        return since < timezone.now() - timedelta(seconds=settings.PALERMO_TASK_STALE_SECONDS)

    @property
    def short_checksum(self) -> str:
        return self.checksum[:12]

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    @property
    def download_name(self) -> str:
        """The file's name for whoever saves it: its kind, what it is about, its format.

        `annual-report-pakistan-alliance-2024.pdf`, not the stored `annual_report-1.pdf`.
        """
        from palermo.reports import registry

        kind = registry.get(self.kind)
        with translation.override("en"):
            about = kind.params_label(self.params) if kind else ""
        stem = slugify(f"{self.kind.replace('_', ' ')} {about}")[:150].strip("-") or "report"
        return f"{stem}.{self.filename.rsplit('.', 1)[-1] if self.filename else self.fmt}"
