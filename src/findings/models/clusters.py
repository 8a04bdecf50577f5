"""Same-story clusters across outlets and the MinHash signatures the near-duplicate index needs."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class StoryCluster(models.Model):
    """Articles of different outlets (or of one) that tell the same story in nearly the same words.

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
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ("-last_seen", "-pk")
        verbose_name = _("story cluster")
        verbose_name_plural = _("story clusters")

    def __str__(self) -> str:
        return str(self.original) if self.original else self.key

    def get_absolute_url(self) -> str:
        return reverse("findings:cluster_detail", args=[self.pk])

    @classmethod
    def scope_for_unit(
        cls, queryset: models.QuerySet[Any], unit_id: int, role: str
    ) -> models.QuerySet[Any]:
        """Clusters group public articles: whoever may view findings may see them."""
        return queryset


class ClusterMember(models.Model):
    """An article's place in its cluster, measured against the cluster's original."""

    article = models.OneToOneField(
        "monitoring.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="cluster_member",
    )
    cluster = models.ForeignKey(
        StoryCluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="members"
    )
    similarity = models.FloatField(_("similarity"), default=0.0)
    jaccard = models.FloatField(_("Jaccard"), default=0.0)
    containment = models.FloatField(_("containment"), default=0.0)
    is_original = models.BooleanField(_("original"), default=False)
    lag_minutes = models.FloatField(_("minutes after the original"), null=True, blank=True)
    attributed = models.BooleanField(_("credits the original"), default=False)
    outlet = models.CharField(_("outlet"), max_length=250, blank=True)

    class Meta:
        ordering = ("cluster", "-is_original", "lag_minutes", "pk")
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")

    def __str__(self) -> str:
        return f"{self.article_id} in {self.cluster_id}"


class ArticleSignature(models.Model):
    """The MinHash signature of an article's text, to rebuild the in-process index at start-up.

    A changed text gets a new row (new primary key), so every process sees it as new.
    """

    article = models.OneToOneField(
        "monitoring.Article", on_delete=models.CASCADE, related_name="signature"
    )
    signature = models.BinaryField()
    shingle_count = models.PositiveIntegerField(default=0)
    content_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"signature of {self.article_id}"
