"""The case timeline: each workflow step with who took it and why (besides the audit trail)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import CaseState


class CaseEvent(models.Model):
    """One step of a case. Written only by :func:`cases.workflow.transition` and the services;
    never edited (the audit trail records the same change on the case itself)."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    time = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    from_state = models.CharField(_("from"), max_length=30, choices=CaseState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=30, choices=CaseState.choices, blank=True)
    action = models.CharField(_("action"), max_length=40)
    comment = models.TextField(_("comment"), blank=True)
    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ("time", "pk")
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} @ {self.time:%Y-%m-%d %H:%M}"
