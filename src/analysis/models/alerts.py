"""Alert rules, the alerts they raise (one per story, rule and person) and their deliveries."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from analysis.choices import AlertState, Batching, Channel, DeliveryState, RuleKind
from core.models import ChangeLoggedModel


class AlertRule(ChangeLoggedModel):
    """When to alert whom, how and how often.

    Recipients are the listed users plus the liaisons of the listed units; a
    ``negative_about_province`` rule also reaches the liaisons of the units the article is routed
    to (sector and locality routes). ``channels`` is a list of :class:`Channel` values.
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=RuleKind.choices)
    topic = models.ForeignKey(
        "analysis.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rules",
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("users"), blank=True, related_name="+"
    )
    units = models.ManyToManyField(
        "accounts.Unit",
        verbose_name=_("units (their liaisons)"),
        blank=True,
        related_name="+",
    )
    route_to_units = models.BooleanField(
        _("send to the routed units"),
        default=True,
        help_text=_(
            "Also alert the liaisons of the units responsible for the article's sector "
            "and localities."
        ),
    )
    channels = models.JSONField(_("channels"), default=list)
    webhook_url = models.URLField(_("webhook address"), max_length=500, blank=True)
    webhook_secret = models.CharField(_("webhook secret"), max_length=200, blank=True)
    batching = models.CharField(
        _("sending"), max_length=10, choices=Batching.choices, default=Batching.IMMEDIATE
    )
    mute_until = models.DateTimeField(_("muted until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    audit_redact = frozenset({"webhook_secret"})
    detail_url_name = "analysis:rule_edit"

    class Meta:
        ordering = ("name",)
        verbose_name = _("alert rule")
        verbose_name_plural = _("alert rules")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=RuleKind.TOPIC_MATCH) | Q(topic__isnull=False),
                name="%(app_label)s_%(class)s_topic_rules_have_topic",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("analysis:rule_edit", args=[self.pk])

    def is_muted(self, now: Any = None) -> bool:
        return self.mute_until is not None and self.mute_until > (now or timezone.now())


class RuleMute(models.Model):
    """One person silenced one rule for a while (from the inbox); others still get it."""

    rule = models.ForeignKey(AlertRule, on_delete=models.CASCADE, related_name="mutes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rule", "user"], name="%(app_label)s_%(class)s_unique")
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} muted for {self.user_id} until {self.until:%Y-%m-%d %H:%M}"


class Alert(models.Model):
    """One alert in one person's inbox. A story (an article and its copies) raises at most one
    alert per rule and person (a unique constraint)."""

    rule = models.ForeignKey(
        AlertRule, verbose_name=_("rule"), on_delete=models.CASCADE, related_name="alerts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    story_key = models.CharField(_("story"), max_length=200)
    article = models.ForeignKey(
        "monitoring.Article",
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alerts",
    )
    title = models.CharField(_("title"), max_length=500)
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    units = models.JSONField(_("proposed responsible units"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    state = models.CharField(
        _("state"), max_length=15, choices=AlertState.choices, default=AlertState.NEW
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    # set by findings when a later copy or report of the same story is grouped under this one
    grouped_into = models.ForeignKey(
        "self",
        verbose_name=_("grouped into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grouped",
    )

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        indexes = [models.Index(fields=["user", "state"], name="analysis_alert_inbox")]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "user", "story_key"], name="%(app_label)s_%(class)s_one_per_story"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("analysis:alert_detail", args=[self.pk])


class AlertDelivery(models.Model):
    """One e-mail or webhook call carrying one alert (immediate) or a digest of several.

    ``key`` makes each delivery unique: an alert's e-mail, a story's webhook call, or a digest
    window. Digests collect alerts until ``due_at``, then are sent by a durable job that retries
    with backoff."""

    key = models.CharField(max_length=250, unique=True)
    rule = models.ForeignKey(AlertRule, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    alerts = models.ManyToManyField(Alert, related_name="deliveries")
    state = models.CharField(
        _("state"), max_length=12, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    due_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    email = models.ForeignKey(
        "core.OutboundEmail", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")

    def __str__(self) -> str:
        return f"{self.channel} {self.key} ({self.state})"
