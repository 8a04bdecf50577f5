"""Kinds and states of the reports app (TextChoices, one place)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    DIGEST = "digest", _("Press digest (điểm tin)")
    BRIEFING = "briefing", _("Monthly press briefing report (giao ban)")
    ANNUAL = "annual", _("Annual plan implementation report")
    REPORTERS = "reporters", _("Semiannual list of resident reporters")
    ORDERS = "orders", _("Press commissioning fulfilment")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


#: A run in one of these states is still being worked on (its row polls for news).
ACTIVE_STATUSES = frozenset({RunStatus.QUEUED, RunStatus.RUNNING})


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly (Monday)")
