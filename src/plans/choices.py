"""Statuses and kinds of the plans app (TextChoices, one place)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class UnitRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATING = "coordinating", _("Coordinating")


class MatchMethod(models.TextChoices):
    EXACT = "exact", _("Exact name")
    ALIAS = "alias", _("Short name or alias")
    FOLDED = "folded", _("Name without diacritics")
    FUZZY = "fuzzy", _("Similar name")
    COLLECTIVE = "collective", _("Collective expanded")
    MANUAL = "manual", _("Resolved by the office")


class ReportCadence(models.TextChoices):
    """How often units report on continuous tasks (the plan's reporting section)."""

    ANNUAL = "annual", _("Yearly")
    SEMIANNUAL = "semiannual", _("Every half-year")
    QUARTERLY = "quarterly", _("Every quarter")


class ProgressStatus(models.TextChoices):
    DONE = "done", _("Done")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_STARTED = "not_started", _("Not started")
    BLOCKED = "blocked", _("Blocked")


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


class TrainingKind(models.TextChoices):
    JOURNALISTS = "journalists", _("Journalists")
    SITE_STAFF = "site_staff", _("Staff of e-information sites")
    SPOKESPERSONS = "spokespersons", _("Spokespersons")
    OTHER = "other", _("Other")


class InspectionKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodic")
    UNANNOUNCED = "unannounced", _("Unannounced")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
