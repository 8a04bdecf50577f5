"""Findings: proposals for an officer, each with its evidence, dated rule and sanction rows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.access import Role
from core.models import ChangeLoggedModel
from findings.choices import Detector, FindingStatus, ItemRole


class Finding(ChangeLoggedModel):
    """One detector's proposal: never a sanction until an officer confirms it and a case acts.

    ``rule`` is a snapshot of the dated rule applied (citation, description, confidence, validity),
    so the finding keeps saying why even after ``rules.json`` changes. ``template`` is an English
    msgid with ``%(name)s`` placeholders, rendered translated with ``params``. ``dedup_key`` makes
    every check idempotent: running it again updates the finding instead of adding one.
    """

    detector = models.CharField(_("detector"), max_length=20, choices=Detector.choices)
    rule_code = models.CharField(_("rule"), max_length=60, db_index=True)
    rule = models.JSONField(_("rule applied"), default=dict, blank=True)
    sanction_refs = models.JSONField(_("sanction rows"), default=list, blank=True)
    needs_verification = models.BooleanField(_("basis to verify"), default=False)
    general_site = models.ForeignKey(
        "registry.GeneralSite",
        verbose_name=_("general e-info site"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    press_agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("press agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    social_account = models.ForeignKey(
        "registry.SocialAccount",
        verbose_name=_("social account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    subject_source = models.ForeignKey(
        "monitoring.Source",
        verbose_name=_("source"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    subject_label = models.CharField(_("subject"), max_length=300)
    items = models.ManyToManyField(
        "monitoring.Article",
        through="FindingItem",
        verbose_name=_("articles"),
        related_name="findings",
        blank=True,
    )
    occurred_at = models.DateTimeField(_("occurred"), null=True, blank=True, db_index=True)
    detected_at = models.DateTimeField(_("detected"), default=timezone.now, db_index=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    score = models.FloatField(_("score"), default=0.0)
    template = models.CharField(_("explanation template"), max_length=300)
    params = models.JSONField(_("explanation values"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FindingStatus.choices,
        default=FindingStatus.PROPOSED,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    dedup_key = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ("-detected_at", "-pk")
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        indexes = [models.Index(fields=["detector", "status"], name="findings_detector_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("findings:finding_detail", args=[self.pk])

    @classmethod
    def scope_for_unit(
        cls, queryset: models.QuerySet[Any], unit_id: int, role: str
    ) -> models.QuerySet[Any]:
        """The police liaison sees the false-information findings; other units see none."""
        if role == Role.POLICE_LIAISON:
            return queryset.filter(detector=Detector.CLAIMS)
        return queryset.none()

    @property
    def title(self) -> str:
        """``"<detector>: <subject>"``, in the active language."""
        return f"{self.get_detector_display()}: {self.subject_label}"

    @property
    def explanation(self) -> str:
        """The explanation in the active language (the template is a msgid)."""
        text = gettext(self.template)
        try:
            return text % self.params if self.params else text
        except (KeyError, TypeError, ValueError):
            return self.template % self.params if self.params else self.template

    @property
    def citation(self) -> str:
        return str(self.rule.get("legal_basis", "")) if isinstance(self.rule, dict) else ""

    def evidence_articles(self) -> models.QuerySet[Any]:
        """The articles of this finding (evidence, source and copies), oldest first."""
        from monitoring.models import Article

        return Article.objects.filter(finding_items__finding=self).order_by(
            "published_at", "discovered_at", "pk"
        )

    def sanction_rows(self) -> list[Any]:
        """The ``registry.SanctionRule`` rows of :attr:`sanction_refs`, latest version of each."""
        from registry.models import SanctionRule

        latest: dict[str, Any] = {}
        for row in SanctionRule.objects.filter(code__in=list(self.sanction_refs or [])).order_by(
            "version"
        ):
            latest[row.code] = row
        return [latest[code] for code in self.sanction_refs if code in latest]


class FindingItem(models.Model):
    """An article of a finding and its role (evidence, the source found, a copy)."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="finding_items")
    article = models.ForeignKey(
        "monitoring.Article", on_delete=models.CASCADE, related_name="finding_items"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=ItemRole.choices, default=ItemRole.EVIDENCE
    )

    class Meta:
        ordering = ("finding", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "article"], name="%(app_label)s_%(class)s_unique_article"
            )
        ]

    def __str__(self) -> str:
        return f"{self.finding_id}: {self.article_id} ({self.role})"
