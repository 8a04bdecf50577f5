"""The administrative-sanctions reference table (NĐ 119/2020, NĐ 15/2020, as amended by NĐ 14/2022).

Versioned reference data loaded from ``registry/data/sanctions.json``: a row is identified by
its ``code`` within a ``version``. Fines are in VND. NĐ 119/2020 and NĐ 15/2020 state
organisation fines and an individual pays half, except the articles whose amounts are already
individual fines (NĐ 119 Art 6, press cards): those rows have ``individual_halved = False``.
Rows of confidence ``U`` (UNCERTAIN) or ``K`` (unconfirmed) are never presented as authoritative.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel


class SanctionConfidence(models.TextChoices):
    CONFIRMED = "S", _("Confirmed by a source")
    UNCONFIRMED = "K", _("Not confirmed")
    UNCERTAIN = "U", _("Uncertain: to verify")


class ViolatorType(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    INDIVIDUAL = "individual", _("Individual")


class SanctionRule(ChangeLoggedModel):
    """One violation and its fine range in one version of the sanctions table."""

    code = models.CharField(_("code"), max_length=60)
    version = models.CharField(
        _("version"), max_length=20, help_text=_("Version of the table, e.g. 2026-11.")
    )
    decree = models.CharField(_("decree"), max_length=40, blank=True)
    article = models.CharField(_("article"), max_length=20, blank=True)
    clause = models.CharField(_("clause"), max_length=20, blank=True)
    point = models.CharField(_("point"), max_length=20, blank=True)
    amended_by = models.CharField(_("amended by"), max_length=120, blank=True)
    violation = models.TextField(_("violation"))
    violation_vi = models.TextField(_("violation (Vietnamese)"), blank=True)
    violator_type = models.CharField(
        _("violator type"),
        max_length=20,
        choices=ViolatorType.choices,
        default=ViolatorType.ORGANISATION,
        help_text=_("Whose fine the amounts state."),
    )
    fine_min = models.PositiveBigIntegerField(_("minimum fine (VND)"), null=True, blank=True)
    fine_max = models.PositiveBigIntegerField(_("maximum fine (VND)"), null=True, blank=True)
    individual_halved = models.BooleanField(
        _("individual pays half"),
        default=True,
        help_text=_("The amounts are an organisation's; an individual pays half."),
    )
    additional_sanctions = models.TextField(_("additional sanctions"), blank=True)
    remedies = models.TextField(_("remedies"), blank=True)
    confidence = models.CharField(
        _("confidence"),
        max_length=1,
        choices=SanctionConfidence.choices,
        default=SanctionConfidence.UNCERTAIN,
    )
    source_urls = models.JSONField(_("sources"), default=list, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("version", "position", "code")
        verbose_name = _("sanction rule")
        verbose_name_plural = _("sanction rules")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="%(app_label)s_%(class)s_unique_code"
            )
        ]

    @property
    def violation_text(self) -> str:
        """The violation in the active language (Vietnamese when the table has it)."""
        from django.utils.translation import get_language

        if self.violation_vi and (get_language() or "vi").startswith("vi"):
            return self.violation_vi
        return self.violation

    def __str__(self) -> str:
        return f"{self.citation}: {self.violation_text[:60]}"

    @property
    def citation(self) -> str:
        """ "NĐ 119/2020/NĐ-CP Art 6(1)(a)" with what is known of article, clause and point."""
        parts = [f"NĐ {self.decree}"]
        if self.article:
            reference = f"Art {self.article}"
            if self.clause:
                reference += f"({self.clause})"
            if self.point:
                reference += f"({self.point})"
            parts.append(reference)
        return " ".join(parts)

    @property
    def needs_verification(self) -> bool:
        return self.confidence != SanctionConfidence.CONFIRMED

    @property
    def is_uncertain(self) -> bool:
        return self.confidence == SanctionConfidence.UNCERTAIN

    def fine_range_for(self, violator_type: str) -> tuple[int | None, int | None]:
        """The (min, max) fine in VND for an ``organisation`` or an ``individual``.

        The stated amounts apply to the stated violator type. Organisation amounts are halved
        for an individual when ``individual_halved``. Anything else (e.g. an organisation under
        an article whose amounts are individual fines) is not stated by the table: ``(None,
        None)``, as is any amount the table leaves open.
        """
        if violator_type not in ViolatorType.values:
            raise ValueError(f"unknown violator type {violator_type!r}")
        if violator_type == self.violator_type:
            return self.fine_min, self.fine_max
        if self.individual_halved and violator_type == ViolatorType.INDIVIDUAL:
            return _half(self.fine_min), _half(self.fine_max)
        return None, None


def _half(amount: int | None) -> int | None:
    return None if amount is None else amount // 2
