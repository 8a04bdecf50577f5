"""Periodic deadline follow-up of case assignments (a durable job, see core.jobs)."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from cases import reminders
from core import jobs
from core.models import Job

FOLLOW_UP = "cases.follow_up_deadlines"


@jobs.handler(FOLLOW_UP)
def follow_up_deadlines(job: Job) -> None:
    """Reminders and escalations due now (idempotent: each is sent once per assignment)."""
    reminders.run()


@db_periodic_task(crontab(minute="7"))
def schedule_follow_up() -> None:
    """Every hour: one follow-up job per hour (deduplicated across schedulers)."""
    now = timezone.localtime()
    jobs.enqueue(FOLLOW_UP, dedup_key=f"{FOLLOW_UP}:{now:%Y%m%d%H}")
