"""Assignments of a case to units, with their due dates, and the deadline rules behind them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.choices import AssignmentState, VerificationResult
from core.models import ChangeLoggedModel


class DeadlineRule(ChangeLoggedModel):
    """How many days a unit has to answer, by kind of matter (configuration, not code).

    ``press_forwarded`` is 30 days by Press Law 2016 Art 39; ``urgent`` is the office's own
    limit for urgent events (NĐ 09/2017 sets no hour limit); ``normal`` is the office's default.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=200)
    days = models.PositiveSmallIntegerField(_("days to answer"))
    remind_before_days = models.PositiveSmallIntegerField(
        _("reminder, days before the due date"), default=1
    )
    legal_basis = models.CharField(_("legal basis"), max_length=250, blank=True)

    class Meta:
        ordering = ("days", "code")
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")

    def __str__(self) -> str:
        return f"{self.label} ({self.days})"


class Assignment(ChangeLoggedModel):
    """A case routed to one unit, which must verify and answer by ``due_date``."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="case_assignments",
    )
    rule = models.ForeignKey(
        DeadlineRule,
        verbose_name=_("deadline rule"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), db_index=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=AssignmentState.choices,
        default=AssignmentState.PENDING,
        db_index=True,
    )
    instructions = models.TextField(_("what is asked"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # the unit's answer
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verification_result = models.CharField(
        _("verification result"), max_length=20, choices=VerificationResult.choices, blank=True
    )
    response_text = models.TextField(_("response"), blank=True)
    response_published = models.BooleanField(_("response published in the press"), default=False)
    response_url = models.URLField(_("address of the published response"), blank=True)
    correction_requested = models.BooleanField(_("correction requested"), default=False)
    removal_requested = models.BooleanField(_("removal requested"), default=False)
    # deadline follow-up (set once each by cases.reminders)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    audit_ignore = ChangeLoggedModel.audit_ignore | {"reminder_sent_at", "escalated_at"}

    class Meta:
        ordering = ("due_date", "pk")
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["case", "unit"], name="%(app_label)s_%(class)s_once")
        ]

    def __str__(self) -> str:
        return f"{self.case.number} → {self.unit}"

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()

    @property
    def is_open(self) -> bool:
        return self.state in (AssignmentState.PENDING, AssignmentState.VERIFYING)

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and self.due_date < today

    @classmethod
    def scope_for_unit(
        cls, queryset: models.QuerySet[Assignment], unit_id: int, role: str
    ) -> models.QuerySet[Assignment]:
        return queryset.filter(unit_id=unit_id)
