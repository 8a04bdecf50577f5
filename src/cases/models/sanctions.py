"""A sanction proposed on a case from the sanctions reference table, and the leader's decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.choices import SanctionStatus, ViolatorType
from core.models import ChangeLoggedModel


class SanctionDecision(ChangeLoggedModel):
    """The sanction row chosen (versioned reference data), the amount and the decision.

    A row whose confidence is not confirmed (``K`` or ``U``) is chosen only with
    ``override_confirmed`` and a written reason.
    """

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="sanctions"
    )
    rule = models.ForeignKey(
        "registry.SanctionRule",
        verbose_name=_("sanction rule"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    violator_type = models.CharField(_("violator"), max_length=20, choices=ViolatorType.choices)
    violator_name = models.CharField(_("violator's name"), max_length=250, blank=True)
    amount = models.PositiveBigIntegerField(_("fine (VND)"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SanctionStatus.choices,
        default=SanctionStatus.PROPOSED,
    )
    override_confirmed = models.BooleanField(_("unconfirmed rule used knowingly"), default=False)
    override_reason = models.TextField(_("reason for using an unconfirmed rule"), blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = _("sanction decision")
        verbose_name_plural = _("sanction decisions")

    def __str__(self) -> str:
        return f"{self.case.number}: {self.rule} — {self.amount:,} VND"

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()
