"""Enqueue, run and sweep durable jobs (see :mod:`core.models.jobs`).

A job handler is a function ``handler(job) -> None`` registered with :func:`handler`. It must be
idempotent: the sweep may run a job again after a crash. It raises :class:`RetryLaterError` for a
passing failure (the job is retried with backoff) and :class:`PermanentError` when retrying cannot
help; any other exception counts as a passing failure until ``max_attempts`` is reached.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from core.models import Heartbeat, Job, JobState

logger = logging.getLogger(__name__)

Handler = Callable[[Job], None]
_HANDLERS: dict[str, Handler] = {}


class RetryLaterError(Exception):
    """A passing failure: try the job again later."""


class PermanentError(Exception):
    """Retrying cannot help: mark the job failed."""


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the handler of job ``kind`` (explicit registry, house rule 5)."""

    def register(function: Handler) -> Handler:
        if kind in _HANDLERS and _HANDLERS[kind] is not function:
            raise ValueError(f"job kind {kind!r} is registered twice")
        _HANDLERS[kind] = function
        return function

    return register


def registered_kinds() -> list[str]:
    return sorted(_HANDLERS)


def enqueue(
    kind: str, target_id: object = "", *, dedup_key: str | None = None, delay: float = 0
) -> Job:
    """Create a job row and hand its id to the queue once the transaction commits.

    With ``dedup_key`` the same logical job is created once, however often it is enqueued.
    """
    if kind not in _HANDLERS:
        raise ValueError(f"no handler for job kind {kind!r}")
    available = timezone.now() + timedelta(seconds=delay)
    if dedup_key is not None:
        existing = Job.objects.filter(dedup_key=dedup_key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind, target_id=str(target_id), dedup_key=dedup_key, available_at=available
            )
    except IntegrityError:
        return Job.objects.get(dedup_key=dedup_key)
    transaction.on_commit(lambda: _send(job.pk, delay))
    return job


def _send(job_id: int, delay: float) -> None:
    from core import tasks  # the queue layer sits above this module

    Job.objects.filter(pk=job_id).update(enqueued_at=timezone.now())
    if delay > 0:
        tasks.run_job.schedule(args=(job_id,), delay=delay)
    else:
        tasks.run_job(job_id)


def runner_name() -> str:
    """A token unique to one claim: host, process and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True, slots=True)
class RunOutcome:
    job_id: int
    state: str
    ran: bool


def run(job_id: int) -> RunOutcome:
    """Claim the job atomically (one runner gets it), run its handler, record the result."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.JOB_LEASE_SECONDS)
    claimable = Q(state=JobState.PENDING, available_at__lte=now) | Q(
        state=JobState.RUNNING, lease_until__lt=now
    )
    claimed = Job.objects.filter(claimable, pk=job_id).update(
        state=JobState.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        lease_until=lease,
        runner=runner_name(),
    )
    if not claimed:
        job = Job.objects.filter(pk=job_id).first()
        return RunOutcome(job_id, job.state if job else "missing", ran=False)
    job = Job.objects.get(pk=job_id)
    try:
        _HANDLERS[job.kind](job)
    except PermanentError as error:
        return _finish(job, JobState.FAILED, error)
    except Exception as error:  # any handler failure is recorded, then retried or failed
        logger.exception("job %s failed (attempt %s)", job, job.attempts)
        if job.attempts >= job.max_attempts:
            return _finish(job, JobState.FAILED, error)
        return _retry_later(job, error)
    return _finish(job, JobState.DONE, None)


def _finish(job: Job, state: JobState, error: BaseException | None) -> RunOutcome:
    Job.objects.filter(pk=job.pk, runner=job.runner).update(
        state=state,
        finished_at=timezone.now(),
        lease_until=None,
        last_error=repr(error) if error else "",
    )
    return RunOutcome(job.pk, state, ran=True)


def _retry_later(job: Job, error: BaseException) -> RunOutcome:
    delay = min(30 * 2 ** (job.attempts - 1), 3600)
    Job.objects.filter(pk=job.pk, runner=job.runner).update(
        state=JobState.PENDING,
        available_at=timezone.now() + timedelta(seconds=delay),
        lease_until=None,
        last_error=repr(error),
    )
    transaction.on_commit(lambda: _send(job.pk, delay))
    return RunOutcome(job.pk, JobState.PENDING, ran=True)


@dataclass(frozen=True, slots=True)
class SweepResult:
    requeued_pending: int
    reclaimed_running: int


def sweep(now: datetime | None = None) -> SweepResult:
    """Hand out again the jobs whose queue message is lost or whose runner died.

    A pending job is sent again when it has been due for longer than one lease without being
    claimed; a running job whose lease ran out goes back to pending and is sent again.
    """
    now = now or timezone.now()
    grace = timedelta(seconds=settings.JOB_LEASE_SECONDS)
    dead = _dead_local_runs()
    expired = Q(lease_until__lt=now) | Q(pk__in=dead)
    reclaimed = Job.objects.filter(expired, state=JobState.RUNNING).update(
        state=JobState.PENDING, lease_until=None, enqueued_at=None
    )
    never_sent = Q(enqueued_at__isnull=True)
    lost = Q(enqueued_at__lt=now - grace, available_at__lte=now - grace)
    ids = list(
        Job.objects.filter(never_sent | lost, state=JobState.PENDING).values_list("pk", flat=True)
    )
    for job_id in ids:
        _send(job_id, 0)
    if ids or reclaimed:
        logger.info("sweep: sent %s pending job(s) again, reclaimed %s", len(ids), reclaimed)
    return SweepResult(requeued_pending=len(ids), reclaimed_running=reclaimed)


def _dead_local_runs() -> list[int]:
    """Running jobs claimed by a process of this machine that no longer exists.

    After a crash they need not wait for their lease to run out (the runner name holds the host
    and the process id of the claim)."""
    host = socket.gethostname()
    dead: list[int] = []
    running = Job.objects.filter(state=JobState.RUNNING, runner__startswith=f"{host}:")
    for job_id, runner in running.values_list("pk", "runner"):
        pid = runner.split(":")[1]
        if pid.isdigit() and int(pid) != os.getpid() and not _process_exists(int(pid)):
            dead.append(job_id)
    return dead


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def beat(name: str, **detail: object) -> None:
    """Record that a process role is alive (shown by the health endpoint)."""
    Heartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": timezone.now(), "detail": detail}
    )


def retry_failed(job_id: int) -> bool:
    """Give a failed job a fresh set of attempts and send it again."""
    updated = Job.objects.filter(pk=job_id, state=JobState.FAILED).update(
        state=JobState.PENDING, attempts=0, available_at=timezone.now(), finished_at=None
    )
    if updated:
        transaction.on_commit(lambda: _send(job_id, 0))
    return bool(updated)
