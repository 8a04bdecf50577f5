"""The register of claims verified false (entered by officers or from closed cases)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel
from findings.choices import ClaimLabel


class FalseClaim(ChangeLoggedModel):
    """A claim verified as fake or untrue; new items that repeat it raise a finding."""

    text = models.TextField(_("claim"), help_text=_("The claim as it circulates, in one sentence."))
    label = models.CharField(_("label"), max_length=20, choices=ClaimLabel.choices)
    keywords = models.JSONField(
        _("keywords"),
        default=list,
        blank=True,
        help_text=_("Words or phrases that carry the claim; any order, with or without accents."),
    )
    verified_on = models.DateField(_("verified on"))
    source_note = models.TextField(
        _("how it was verified"),
        blank=True,
        help_text=_("The official denial, the case or the document that shows the claim false."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("-verified_on", "-pk")
        verbose_name = _("false claim")
        verbose_name_plural = _("false claims")

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def get_absolute_url(self) -> str:
        return reverse("findings:claim_edit", args=[self.pk])
