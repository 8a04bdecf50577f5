"""Periodic deadline follow-up of case assignments (a durable job, see core.jobs)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from cases import evidence_store, reminders
from core import jobs
from core.models import Job

FOLLOW_UP = "cases.follow_up_deadlines"


@jobs.handler(FOLLOW_UP)
def follow_up_deadlines(job: Job) -> None:
    """Reminders and escalations due now (idempotent: each is sent once per assignment)."""
    reminders.run()


@jobs.handler(evidence_store.CAPTURE_JOB)
def capture_evidence(job: Job) -> None:
    """Capture one evidence URL as WARC (idempotent: a captured row is left alone)."""
    evidence_id = int(job.target_id)
    try:
        evidence_store.run_capture(evidence_id)
    except Exception as error:
        if job.attempts >= job.max_attempts:  # the last try: the user sees why and may retry
            evidence_store.mark_failed(evidence_id, repr(error))
        raise


@db_periodic_task(crontab(minute="7"))
def schedule_follow_up() -> None:
    """Every hour: one follow-up job per hour (deduplicated across schedulers)."""
    now = timezone.localtime()
    jobs.enqueue(FOLLOW_UP, dedup_key=f"{FOLLOW_UP}:{now:%Y%m%d%H}")
