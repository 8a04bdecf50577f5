"""Health of the parts PressWatch needs: database, queue, scheduler, jobs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from core.models import Heartbeat, Job, JobState

#: The scheduler beats every minute; three missed beats means it is not running.
SCHEDULER_STALE_AFTER = timedelta(minutes=3)


@dataclass(frozen=True, slots=True)
class Component:
    ok: bool
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Health:
    database: Component
    queue: Component
    scheduler: Component
    jobs: Component

    @property
    def ok(self) -> bool:
        return self.database.ok and self.queue.ok and self.scheduler.ok

    def as_dict(self) -> dict[str, Any]:
        return {"status": "ok" if self.ok else "degraded", **asdict(self)}


def check_database() -> Component:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means the database is unusable
        return Component(ok=False, detail={"error": type(error).__name__})
    return Component(ok=True, detail={"vendor": connection.vendor})


def check_queue() -> Component:
    from huey.contrib.djhuey import HUEY

    backend = "redis" if settings.REDIS_URL else "sqlite"
    try:
        pending = HUEY.pending_count()
        scheduled = HUEY.scheduled_count()
    except Exception as error:  # a queue backend that cannot be reached
        return Component(ok=False, detail={"backend": backend, "error": type(error).__name__})
    return Component(
        ok=True, detail={"backend": backend, "pending": pending, "scheduled": scheduled}
    )


def check_scheduler() -> Component:
    beat = Heartbeat.objects.filter(name="scheduler").first()
    if beat is None:
        return Component(ok=False, detail={"last_beat": None})
    age = timezone.now() - beat.beat_at
    return Component(
        ok=age <= SCHEDULER_STALE_AFTER,
        detail={"last_beat": beat.beat_at.isoformat(), "age_seconds": int(age.total_seconds())},
    )


def check_jobs() -> Component:
    counts = dict(Job.objects.values_list("state").annotate(n=Count("pk")).order_by())
    by_state = {state.value: counts.get(state.value, 0) for state in JobState}
    return Component(ok=True, detail=by_state)


def check_all() -> Health:
    database = check_database()
    if not database.ok:
        down = Component(ok=False, detail={"error": "database unavailable"})
        return Health(database, check_queue(), down, down)
    return Health(database, check_queue(), check_scheduler(), check_jobs())
