"""Stories: separately written reports of one event (the story engine), and alerts grouped by them.

A copy cluster (:mod:`findings.models.clusters`) holds copies of one text; a story holds every
report of one event, copies included. Every checked article has one :class:`StoryMember` row.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Story(models.Model):
    """The figures of one story, kept up to date as members are assigned.

    ``key`` is the story engine's id (``s-`` + the first assigned article's id); it never changes.
    The original is the earliest published member; a licensed press agency wins a tie.
    """

    key = models.CharField(_("key"), max_length=40, unique=True)
    original = models.ForeignKey(
        "monitoring.Article",
        verbose_name=_("original"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    first_seen = models.DateTimeField(_("first published"), null=True, blank=True, db_index=True)
    last_seen = models.DateTimeField(_("last published"), null=True, blank=True, db_index=True)
    size = models.PositiveIntegerField(_("articles"), default=0)
    outlets = models.PositiveIntegerField(_("outlets"), default=0)
    clusters = models.PositiveIntegerField(_("copy clusters"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ("-last_seen", "-pk")
        verbose_name = _("story (one event)")
        verbose_name_plural = _("stories (one event)")

    def __str__(self) -> str:
        return str(self.original) if self.original else self.key

    def get_absolute_url(self) -> str:
        return reverse("findings:story_detail", args=[self.pk])

    @classmethod
    def scope_for_unit(
        cls, queryset: models.QuerySet[Any], unit_id: int, role: str
    ) -> models.QuerySet[Any]:
        """Stories group public articles: whoever may view findings may see them."""
        return queryset


class StoryMember(models.Model):
    """The story an article was assigned to, and how close it came to its nearest member.

    ``content_hash`` is the text the row was written for; a changed text keeps the story (keys
    never change) but is written as a new row, so other worker processes index the new text.
    """

    article = models.OneToOneField(
        "monitoring.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="story_member",
    )
    story_key = models.CharField(_("story (one event)"), max_length=40, db_index=True)
    similarity = models.FloatField(_("similarity"), default=0.0)
    nearest = models.ForeignKey(
        "monitoring.Article",
        verbose_name=_("most similar article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), db_index=True)
    is_original = models.BooleanField(_("original"), default=False)
    outlet = models.CharField(_("outlet"), max_length=250, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    assigned_at = models.DateTimeField(_("assigned to the story"), auto_now_add=True)

    class Meta:
        ordering = ("story_key", "-is_original", "published_at", "pk")
        verbose_name = _("story member")
        verbose_name_plural = _("story members")

    def __str__(self) -> str:
        return f"{self.article_id} in {self.story_key}"


class GroupedAlert(models.Model):
    """An alert folded into an earlier alert of the same rule and person about the same story.

    The grouped alert is marked muted and taken out of its unsent deliveries; the lead alert is
    the one the person deals with.
    """

    alert = models.OneToOneField(
        "analysis.Alert",
        verbose_name=_("alert"),
        on_delete=models.CASCADE,
        related_name="findings_group",
    )
    lead = models.ForeignKey(
        "analysis.Alert",
        verbose_name=_("grouped into"),
        on_delete=models.CASCADE,
        related_name="findings_grouped",
    )
    story_key = models.CharField(_("story (one event)"), max_length=40, blank=True)
    cluster = models.ForeignKey(
        "findings.StoryCluster",
        verbose_name=_("copy cluster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("grouped"), auto_now_add=True)

    class Meta:
        ordering = ("lead", "created_at", "pk")
        verbose_name = _("grouped alert")
        verbose_name_plural = _("grouped alerts")

    def __str__(self) -> str:
        return f"alert {self.alert_id} grouped into {self.lead_id}"
