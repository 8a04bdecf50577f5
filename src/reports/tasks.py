"""Reports jobs (durable, see core.jobs) and the digest scheduler. Thin: ids and dates in."""

from __future__ import annotations

import datetime

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from core import jobs
from core.context import acting
from core.models import Job
from reports import digests, generation
from reports.choices import RunStatus
from reports.models import ReportRun

GENERATE = "reports.generate"
SEND_DIGEST = "reports.send_digest"


def enqueue_run(run: ReportRun) -> Job:
    return jobs.enqueue(GENERATE, run.pk, dedup_key=f"{GENERATE}:{run.pk}")


@jobs.handler(GENERATE)
def generate_run(job: Job) -> None:
    run = ReportRun.objects.filter(pk=int(job.target_id)).first()
    if run is None or run.status == RunStatus.DONE:
        return
    with acting(actor="reports"):
        run = generation.generate(run)
    if run.status == RunStatus.FAILED:
        raise jobs.PermanentError(run.error)


@jobs.handler(SEND_DIGEST)
def send_digest(job: Job) -> None:
    frequency, _, day = job.target_id.partition(":")
    with acting(actor="reports"):
        digests.send(frequency, datetime.date.fromisoformat(day))


def schedule_digests(now: datetime.datetime | None = None) -> list[Job]:
    """One digest job per frequency due now (a second call the same day is a no-op)."""
    found = []
    for frequency, day in digests.due(now or timezone.now()):
        target = f"{frequency}:{day.isoformat()}"
        found.append(jobs.enqueue(SEND_DIGEST, target, dedup_key=f"{SEND_DIGEST}:{target}"))
    return found


@db_periodic_task(crontab(minute="5"))
def digest_scheduler() -> None:
    """Every hour: the digests due (from 07:00 local time; weekly ones on Mondays)."""
    schedule_digests()
