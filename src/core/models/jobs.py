"""Durable units of background work.

The database, not the queue, holds the state of every job. The queue only carries job ids; a
periodic sweep hands out again what was left unfinished (a killed worker, a lost message), and
handlers are idempotent, so running a job twice is harmless.
See docs/decisions/0002-durable-jobs.md.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    target_id = models.CharField(_("target"), max_length=100, blank=True)
    dedup_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveIntegerField(default=5)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    available_at = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    runner = models.CharField(max_length=100, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["state", "available_at"], name="core_job_state_available")]

    def __str__(self) -> str:
        return f"{self.kind}({self.target_id}) #{self.pk} {self.state}"


class Heartbeat(models.Model):
    """Last sign of life of a named process role (``scheduler``, ``consumer:<host>:<pid>``)."""

    name = models.CharField(max_length=150, unique=True)
    beat_at = models.DateTimeField()
    detail = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"


class OutboundEmail(models.Model):
    """A message to send; the job ``core.send_email`` delivers it once."""

    to = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    #: files attached when sending: ``[{"filename", "path" (in the default storage), "mimetype"}]``
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    message_id = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
