"""The semiannual review of resident reporters (plan task 7)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel
from registry.choices import ReviewOutcome, ReviewStatus


class ReviewCycle(ChangeLoggedModel):
    """One review round ("6 tháng/lần"): opened, each active reporter evaluated, closed,
    published."""

    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    detail_url_name = "registry:reviewcycle_detail"

    class Meta:
        ordering = ("-period_end", "-pk")
        verbose_name = _("review of resident reporters")
        verbose_name_plural = _("reviews of resident reporters")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registry:reviewcycle_detail", args=[self.pk])


class ReporterEvaluation(ChangeLoggedModel):
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="evaluations")
    reporter = models.ForeignKey(
        "registry.ResidentReporter",
        verbose_name=_("reporter"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    activity = models.TextField(_("activity in the period"), blank=True)
    violations = models.TextField(_("violations found"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ReviewOutcome.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("cycle", "reporter__full_name")
        verbose_name = _("reporter evaluation")
        verbose_name_plural = _("reporter evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "reporter"], name="%(app_label)s_%(class)s_once_per_cycle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporter} — {self.cycle}"

    def get_absolute_url(self) -> str:
        return self.cycle.get_absolute_url()
