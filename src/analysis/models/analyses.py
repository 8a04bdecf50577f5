"""What the engine found about each article, the officers' corrections and the tone model."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from analysis.choices import CorrectionField, LexiconKind, ToneLabel
from core.models import ChangeLoggedModel


class ArticleAnalysis(models.Model):
    """The tags of one article (places, units, sectors, tone) and why they were given.

    ``explanation`` holds ``[template_id, params]`` pairs, rendered translated in templates;
    ``sector_evidence`` maps a sector id to the words that pointed to it. Rewritten by every
    analysis run (an edited article is analysed again); corrections are kept apart.
    """

    article = models.OneToOneField(
        "monitoring.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="analysis",
    )
    about_province = models.BooleanField(_("about the province"), default=False, db_index=True)
    localities = models.JSONField(_("localities"), default=list, blank=True)
    units = models.JSONField(_("units"), default=list, blank=True)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    sector_evidence = models.JSONField(_("sector evidence"), default=dict, blank=True)
    tone = models.CharField(
        _("tone"), max_length=10, choices=ToneLabel.choices, default=ToneLabel.NEUTRAL
    )
    tone_score = models.FloatField(_("tone score"), default=0.0)
    tone_drivers = models.JSONField(_("tone drivers"), default=list, blank=True)
    tone_method = models.CharField(_("tone method"), max_length=40, blank=True)
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    analysed_at = models.DateTimeField(_("analysed"), default=timezone.now, db_index=True)
    engine_version = models.CharField(_("engine version"), max_length=40, blank=True)
    corrected = models.BooleanField(_("corrected by an officer"), default=False)

    class Meta:
        ordering = ("-analysed_at",)
        verbose_name = _("article analysis")
        verbose_name_plural = _("article analyses")

    def __str__(self) -> str:
        return f"analysis of {self.article_id}"

    @property
    def primary_sector(self) -> str:
        return str(self.sectors[0]) if self.sectors else ""


class Correction(models.Model):
    """An officer's correction of one tag. Every correction is a training label."""

    article = models.ForeignKey(
        "monitoring.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    field = models.CharField(_("field"), max_length=20, choices=CorrectionField.choices)
    old_value = models.JSONField(_("before"), null=True, blank=True)
    new_value = models.JSONField(_("after"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = _("tag correction")
        verbose_name_plural = _("tag corrections")

    def __str__(self) -> str:
        return f"{self.field} of {self.article_id}: {self.old_value} → {self.new_value}"


class ToneModelFile(models.Model):
    """A trained tone model (the engine's serialised bytes with their format version)."""

    format_version = models.PositiveIntegerField(_("format version"))
    trained_at = models.DateTimeField(_("trained"), default=timezone.now)
    example_count = models.PositiveIntegerField(_("examples"), default=0)
    metrics = models.JSONField(_("metrics"), default=dict, blank=True)
    blob = models.BinaryField()

    class Meta:
        ordering = ("-trained_at", "-pk")
        get_latest_by = "trained_at"
        verbose_name = _("tone model")
        verbose_name_plural = _("tone models")

    def __str__(self) -> str:
        return f"tone model v{self.format_version} @ {self.trained_at:%Y-%m-%d %H:%M}"


class LexiconEntry(ChangeLoggedModel):
    """A word the office adds to the engine's shipped lexicons (tone words, sector keywords)."""

    kind = models.CharField(_("kind"), max_length=20, choices=LexiconKind.choices)
    sector = models.ForeignKey(
        "accounts.Sector",
        verbose_name=_("sector"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Only for sector keywords."),
    )
    term = models.CharField(_("word or phrase"), max_length=150)
    weight = models.FloatField(_("weight"), default=1.0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("kind", "term")
        verbose_name = _("lexicon entry")
        verbose_name_plural = _("lexicon entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "sector", "term"],
                condition=models.Q(sector__isnull=False),
                name="%(app_label)s_%(class)s_unique_sector_term",
            ),
            models.UniqueConstraint(
                fields=["kind", "term"],
                condition=models.Q(sector__isnull=True),
                name="%(app_label)s_%(class)s_unique_term",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=LexiconKind.SECTOR, sector__isnull=False)
                | (~models.Q(kind=LexiconKind.SECTOR) & models.Q(sector__isnull=True)),
                name="%(app_label)s_%(class)s_sector_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("analysis:lexicon")


class ConfigVersion(models.Model):
    """A counter per cached configuration (topics, gazetteer, lexicons, tone model).

    Processes cache what they build from the database and compare the stamp (a random value set
    with every increment, so even a rolled-back counter never looks current) before use; a change
    made in one process reaches every worker at its next job."""

    name = models.CharField(max_length=40, primary_key=True)
    version = models.PositiveIntegerField(default=0)
    stamp = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
