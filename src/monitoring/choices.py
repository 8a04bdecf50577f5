"""Choices of the monitoring app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS/Atom feed")
    SITEMAP = "sitemap", _("News sitemap")
    LISTING = "listing", _("Listing page")
    PAGE = "page", _("Watched page")
    PUSH = "push", _("Pushed by a collector")
    FILE = "file", _("Imported file")


class ArticleStatus(models.TextChoices):
    DISCOVERED = "discovered", _("Discovered")
    FETCHED = "fetched", _("Fetched")
    EXTRACTED = "extracted", _("Extracted")
    DUPLICATE = "duplicate", _("Duplicate")
    SKIPPED = "skipped", _("Skipped")
    QUARANTINED = "quarantined", _("Quarantined")
    FAILED = "failed", _("Failed")


class RemovalKind(models.TextChoices):
    GONE = "gone", _("Removed (404/410)")
    SOFT_404 = "soft_404", _("Removed (page says not found)")
    REDIRECT_HOME = "redirect_home", _("Removed (redirects to the home page)")
