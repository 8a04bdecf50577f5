"""Sources: what PressWatch polls, each tied to a registry record or marked unregistered."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel
from monitoring.choices import SourceKind


class Source(ChangeLoggedModel):
    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    url = models.URLField(_("address (URL)"), max_length=1000, blank=True)
    url_pattern = models.CharField(
        _("article link pattern"),
        max_length=300,
        blank=True,
        help_text=_("For listing pages: a regular expression that article URLs match."),
    )
    press_agency = models.ForeignKey(
        "registry.PressAgency",
        verbose_name=_("press agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
    )
    general_site = models.ForeignKey(
        "registry.GeneralSite",
        verbose_name=_("general e-info site"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
    )
    social_account = models.ForeignKey(
        "registry.SocialAccount",
        verbose_name=_("social account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
    )
    state_channel = models.ForeignKey(
        "registry.StateChannel",
        verbose_name=_("state e-channel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
    )
    active = models.BooleanField(_("active"), default=True)
    min_poll_minutes = models.PositiveIntegerField(
        _("shortest poll interval (minutes)"), default=10
    )
    max_poll_minutes = models.PositiveIntegerField(
        _("longest poll interval (minutes)"), default=1440
    )
    poll_minutes = models.PositiveIntegerField(_("current poll interval (minutes)"), default=60)
    next_poll_at = models.DateTimeField(_("next poll"), default=timezone.now, db_index=True)
    last_polled_at = models.DateTimeField(_("last poll"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    error_count = models.PositiveIntegerField(_("errors in a row"), default=0)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)

    audit_ignore = ChangeLoggedModel.audit_ignore | {
        "next_poll_at",
        "last_polled_at",
        "last_success_at",
        "last_error",
        "error_count",
        "etag",
        "last_modified",
        "content_hash",
        "poll_minutes",
    }
    detail_url_name = "monitoring:source_detail"

    class Meta:
        ordering = ("name",)
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "url"],
                condition=~models.Q(url=""),
                name="%(app_label)s_%(class)s_unique_url",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("monitoring:source_detail", args=[self.pk])

    @property
    def registered_as(self) -> models.Model | None:
        return self.press_agency or self.general_site or self.social_account or self.state_channel


class SourcePoll(models.Model):
    """One poll of a source: what it found (kept for the source's health page)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="polls")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(default=False)
    found = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    not_modified = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ("-started_at", "-pk")
        indexes = [models.Index(fields=["source", "-started_at"], name="monitoring_poll_recent")]

    def __str__(self) -> str:
        return f"{self.source} @ {self.started_at:%Y-%m-%d %H:%M}"
