"""Huey tasks of the core app: thin wrappers that take ids (house rule 4)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from core import jobs


@db_task()
def run_job(job_id: int) -> None:
    """Run one durable job; all state and retries live in the Job row."""
    jobs.run(job_id)


@db_periodic_task(crontab(minute="*"))
def sweep_jobs() -> None:
    """Every minute: hand out lost or abandoned jobs again, and prove the scheduler is alive."""
    result = jobs.sweep()
    jobs.beat("scheduler", requeued=result.requeued_pending, reclaimed=result.reclaimed_running)


@on_startup()
def consumer_started() -> None:
    """Each consumer thread reports itself (shown on the operations page)."""
    jobs.beat(f"consumer:{jobs.runner_name().rsplit(':', 1)[0]}")
