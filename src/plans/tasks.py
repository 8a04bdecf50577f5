"""Plans jobs (durable, see core.jobs) and their periodic schedulers. Thin: ids and dates in."""

from __future__ import annotations

import datetime

from django.utils import timezone
from huey.contrib.djhuey import db_periodic_task

from core import jobs
from core.context import acting
from core.models import Job
from core.schedule import local_crontab
from plans import orders, reminders
from plans.choices import OrderStatus
from plans.models import PressOrder

REMIND = "plans.send_reminders"
MATCH_ORDER = "plans.match_order"


@jobs.handler(REMIND)
def send_reminders(job: Job) -> None:
    with acting(actor="scheduler"):
        reminders.send_reminders(datetime.date.fromisoformat(job.target_id))


@jobs.handler(MATCH_ORDER)
def match_order(job: Job) -> None:
    order = PressOrder.objects.filter(pk=int(job.target_id)).first()
    if order is None:
        return
    with acting(actor="scheduler"):
        orders.find_matches(order)


@db_periodic_task(local_crontab(minute="30", hour=7))
def schedule_reminders() -> None:
    """Every morning: one reminder job for the day (a second run the same day is a no-op)."""
    today = timezone.localdate()
    jobs.enqueue(REMIND, today.isoformat(), dedup_key=f"{REMIND}:{today.isoformat()}")


@db_periodic_task(local_crontab(minute="40", hour=2))
def schedule_order_matching() -> None:
    """Every night: look for new works of each active press order."""
    today = timezone.localdate()
    for order_id in PressOrder.objects.filter(
        status=OrderStatus.ACTIVE, period_start__lte=today
    ).values_list("pk", flat=True):
        jobs.enqueue(MATCH_ORDER, order_id, dedup_key=f"{MATCH_ORDER}:{order_id}:{today}")
