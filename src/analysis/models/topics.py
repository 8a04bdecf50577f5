"""Watch topics (saved queries) and the articles they matched."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ChangeLoggedModel


class Topic(ChangeLoggedModel):
    """A saved query of the topic language, run on every new article (percolation)."""

    name = models.CharField(_("name"), max_length=200)
    query = models.TextField(
        _("query"),
        help_text=_('Words, "phrases", AND, OR, NOT, parentheses and fields such as title:.'),
    )
    accent_insensitive = models.BooleanField(
        _("ignore accents"),
        default=False,
        help_text=_("Match words written with or without Vietnamese diacritics."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)
    alert_on_match = models.BooleanField(
        _("alert on match"),
        default=False,
        help_text=_("Send an alert to the owner when a new article matches."),
    )

    detail_url_name = "analysis:topic_detail"

    class Meta:
        ordering = ("name",)
        verbose_name = _("watch topic")
        verbose_name_plural = _("watch topics")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("analysis:topic_detail", args=[self.pk])


class TopicMatch(models.Model):
    """An article matched by a topic (stored once, whatever the number of analysis runs)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="matches")
    article = models.ForeignKey(
        "monitoring.Article", on_delete=models.CASCADE, related_name="topic_matches"
    )
    matched_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ("-matched_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "article"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic_id} ∋ {self.article_id}"
