"""Report runs (generated in the background), the report settings and digest subscriptions."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel
from reports.choices import ACTIVE_STATUSES, Frequency, ReportKind, RunStatus
from reports.periods import Period

#: The media type of each file format a run produces.
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _run_file(instance: ReportRun, filename: str) -> str:
    """``reports/<year>/<random>/<name>``: never guessable, never served by the media URL."""
    return f"reports/{instance.period_end:%Y}/{uuid.uuid4().hex}/{filename}"


class ReportRun(ChangeLoggedModel):
    """One generation of a report for a period: its state, its files and an HTML preview."""

    kind = models.CharField(_("report"), max_length=20, choices=ReportKind.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    orientation = models.TextField(
        _("orientation for the coming period"),
        blank=True,
        help_text=_("Free text printed in the briefing report's last section."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    docx = models.FileField(_("DOCX file"), upload_to=_run_file, blank=True)
    xlsx = models.FileField(_("XLSX file"), upload_to=_run_file, blank=True)
    html = models.TextField(_("preview"), blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    #: Set on runs made by the scheduler ("digest:daily:2026-11-25"): one run per period.
    schedule_key = models.CharField(max_length=60, null=True, blank=True, unique=True)

    audit_ignore: ClassVar[frozenset[str]] = ChangeLoggedModel.audit_ignore | {
        "progress",
        "html",
        "started_at",
        "finished_at",
        "docx",
        "xlsx",
        "error",
    }
    detail_url_name = "reports:run_detail"

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="%(app_label)s_%(class)s_period",
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} · {self.period.label()}"

    def get_absolute_url(self) -> str:
        return reverse("reports:run_detail", args=[self.pk])

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class ReportSettings(ChangeLoggedModel):
    """The one row of settings the generated documents use: signer, addressees, recipients."""

    signer_authority = models.CharField(
        _("signing authority"),
        max_length=30,
        blank=True,
        default="KT. GIÁM ĐỐC",
        help_text=_('"KT. GIÁM ĐỐC", "TL. GIÁM ĐỐC", … or empty when the director signs.'),
    )
    signer_title = models.CharField(
        _("signer's position"), max_length=150, blank=True, default="PHÓ GIÁM ĐỐC"
    )
    signer_name = models.CharField(
        _("signer's name"),
        max_length=150,
        blank=True,
        help_text=_("Empty: the name of the press-office leader's account is used."),
    )
    briefing_addressees = models.TextField(
        _("briefing report: addressed to (Kính gửi)"),
        blank=True,
        default="Ban Tuyên giáo và Dân vận Tỉnh ủy\nỦy ban nhân dân tỉnh",
        help_text=_("One per line."),
    )
    annual_addressees = models.TextField(
        _("annual report: addressed to (Kính gửi)"),
        blank=True,
        default="Ủy ban nhân dân tỉnh",
        help_text=_("One per line."),
    )
    recipients = models.TextField(
        _("copies to (Nơi nhận)"),
        blank=True,
        default="Bộ Văn hóa, Thể thao và Du lịch\nThường trực Tỉnh ủy\nUBND tỉnh\n"
        "Hội Nhà báo tỉnh\nLưu: VT, QLBC",
        help_text=_('One per line; the last is usually "Lưu: VT, …".'),
    )

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return str(_("Report settings"))

    def get_absolute_url(self) -> str:
        return reverse("reports:settings")

    @classmethod
    def current(cls) -> ReportSettings:
        """The settings row (created with the defaults the first time)."""
        found = cls.objects.order_by("pk").first()
        return found if found is not None else cls.objects.create()

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]


class DigestSubscription(ChangeLoggedModel):
    """A user who receives the press digest by e-mail, daily or weekly."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="digest_subscriptions",
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("user__username", "frequency")
        verbose_name = _("digest subscription")
        verbose_name_plural = _("digest subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "frequency"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_frequency_display()}"

    def get_absolute_url(self) -> str:
        return reverse("reports:subscriptions")


class DigestDelivery(models.Model):
    """A digest e-mailed to one subscriber for one period: at most once (unique key)."""

    subscription = models.ForeignKey(
        DigestSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    run = models.ForeignKey(ReportRun, on_delete=models.CASCADE, related_name="deliveries")
    email = models.ForeignKey(
        "core.OutboundEmail", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "run"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscription} · {self.run}"
