"""Tracking: due periods per task and unit, the units' progress reports and the reminders sent."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel
from plans.choices import ProgressStatus, ReminderKind
from plans.models.plans import PlanTask


class TaskPeriod(ChangeLoggedModel):
    """One due period of one task for one responsible (lead) unit, computed from the schedule.

    ``status`` and ``reported_at`` copy the latest report (empty when none was submitted), so
    lists and counts need no subquery.
    """

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="periods")
    unit = models.ForeignKey("accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    label = models.CharField(_("period"), max_length=40)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    due = models.DateField(_("due"), db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ProgressStatus.choices, blank=True
    )
    reported_at = models.DateTimeField(_("last report"), null=True, blank=True)

    detail_url_name = "plans:period_detail"

    class Meta:
        ordering = ("due", "task__order", "unit__name")
        verbose_name = _("due period")
        verbose_name_plural = _("due periods")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "due"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="%(app_label)s_%(class)s_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task.code} · {self.unit} · {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("plans:period_detail", args=[self.pk])

    @property
    def reported(self) -> bool:
        return self.reported_at is not None

    @classmethod
    def scope_for_unit(
        cls, queryset: models.QuerySet[TaskPeriod], unit_id: int, role: str
    ) -> models.QuerySet[TaskPeriod]:
        """A unit sees its own periods only."""
        return queryset.filter(unit_id=unit_id)


class ProgressReport(ChangeLoggedModel):
    """A unit's report on one period: status, text and optional figures and attachments."""

    period = models.ForeignKey(TaskPeriod, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=12, choices=ProgressStatus.choices)
    text = models.TextField(_("what was done"))
    figures = models.JSONField(_("figures"), default=dict, blank=True)

    class Meta:
        ordering = ("-submitted_at", "-pk")
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.period} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("plans:period_detail", args=[self.period_id])

    @classmethod
    def scope_for_unit(
        cls, queryset: models.QuerySet[ProgressReport], unit_id: int, role: str
    ) -> models.QuerySet[ProgressReport]:
        return queryset.filter(unit_id=unit_id)


class ProgressAttachment(ChangeLoggedModel):
    """A file attached to a progress report (stored under MEDIA)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="plans/reports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)

    class Meta:
        ordering = ("pk",)
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name or PurePath(self.file.name or "").name

    @classmethod
    def scope_for_unit(
        cls, queryset: models.QuerySet[ProgressAttachment], unit_id: int, role: str
    ) -> models.QuerySet[ProgressAttachment]:
        return queryset.filter(report__unit_id=unit_id)


class ReminderSent(models.Model):
    """A reminder mailed for one period: at most one per period and kind (the unique key)."""

    period = models.ForeignKey(TaskPeriod, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateField()
    recipients = models.JSONField(default=list)
    email = models.ForeignKey(
        "core.OutboundEmail", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ("-sent_on", "-pk")
        constraints = [
            models.UniqueConstraint(fields=["period", "kind"], name="%(app_label)s_%(class)s_once")
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.kind} · {self.sent_on}"
