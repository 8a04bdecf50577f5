"""The press digest by e-mail: one digest run per frequency and period (made once), mailed once
to each active subscriber through the outbox (``core.mail``).

The outbox sends plain-text messages without attachments, so the e-mail carries the headline
figures, the items reporting problems and links to the preview and the DOCX and XLSX files.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.mail import Attachment, queue_email
from reports import generation, periods
from reports.choices import Frequency, ReportKind, RunStatus
from reports.figures.digest import digest
from reports.models import CONTENT_TYPES, DigestDelivery, DigestSubscription, ReportRun

#: The digest goes out from this local hour on (daily every day, weekly on Mondays).
SEND_HOUR = 7


def digest_period(frequency: str, day: datetime.date) -> periods.Period:
    """Daily: the day before ``day``; weekly: Monday … Sunday of the week before ``day``."""
    if frequency == Frequency.WEEKLY:
        return periods.week_before(day)
    return periods.day(day - datetime.timedelta(days=1))


def due(now: datetime.datetime) -> list[tuple[str, datetime.date]]:
    """The (frequency, day) digests due at ``now`` (local time): none before 07:00."""
    local = timezone.localtime(now)
    if local.hour < SEND_HOUR:
        return []
    found = [(Frequency.DAILY.value, local.date())]
    if local.weekday() == 0:
        found.append((Frequency.WEEKLY.value, local.date()))
    return found


def schedule_key(frequency: str, day: datetime.date) -> str:
    return f"digest:{frequency}:{day.isoformat()}"


def digest_run(frequency: str, day: datetime.date) -> ReportRun:
    """The scheduled digest run of this frequency and day, generated if not done yet."""
    period = digest_period(frequency, day)
    key = schedule_key(frequency, day)
    try:
        with transaction.atomic():
            run, _created = ReportRun.objects.get_or_create(
                schedule_key=key,
                defaults={
                    "kind": ReportKind.DIGEST,
                    "period_start": period.start,
                    "period_end": period.end,
                    "parameters": {"frequency": frequency, "date": day.isoformat()},
                },
            )
    except IntegrityError:
        run = ReportRun.objects.get(schedule_key=key)
    if run.status != RunStatus.DONE:
        run = generation.generate(run)
    return run


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def message_body(run: ReportRun) -> str:
    """The e-mail text: headline, problem items, links (Vietnamese, like the digest itself)."""
    data = digest(run.period)
    negative, positive = data.tone("negative"), data.tone("positive")
    lines = [
        run.title,
        "",
        f"Tin, bài về tỉnh: {data.articles} trên {data.outlets} cơ quan báo chí và nguồn tin; "
        f"tích cực {positive.count} ({positive.percent:.1f}%), tiêu cực {negative.count} "
        f"({negative.percent:.1f}%).",
        "",
    ]
    if data.problems:
        lines.append("Thông tin phản ánh hạn chế, tiêu cực:")
        for index, item in enumerate(data.problems, start=1):
            lines.append(f"{index}. {item.title} ({item.outlet}) {item.url}")
            lines.append(f"   Đề xuất: {item.proposal}")
        lines.append("")
    if data.false_claims:
        lines.append("Thông tin sai sự thật xuất hiện lại:")
        lines += [f"- {claim.claim} ({claim.items} lần)" for claim in data.false_claims]
        lines.append("")
    lines += [
        f"Xem bản tin: {_absolute(run.get_absolute_url())}",
        f"Tải DOCX (đính kèm): {_absolute(reverse('reports:run_download', args=[run.pk, 'docx']))}",
        f"Tải XLSX: {_absolute(reverse('reports:run_download', args=[run.pk, 'xlsx']))}",
        "",
        "Hủy nhận bản tin: " + _absolute(reverse("reports:subscriptions")),
    ]
    return "\n".join(lines)


def _file_name(run: ReportRun) -> str:
    """``diem-tin-2026-10-05-2026-10-11.docx``: the period in the name, ASCII only."""
    return f"diem-tin-{run.period_start:%Y-%m-%d}-{run.period_end:%Y-%m-%d}.docx"


def send(frequency: str, day: datetime.date) -> int:
    """Generate (once) and mail (once per subscriber) the digest; returns the messages queued."""
    subscriptions = list(
        DigestSubscription.objects.filter(frequency=frequency, active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
    )
    if not subscriptions:
        return 0
    run = digest_run(frequency, day)
    if run.status != RunStatus.DONE:
        raise RuntimeError(f"digest run {run.pk} failed: {run.error}")
    body = message_body(run)
    attachments = (
        [Attachment(_file_name(run), run.docx.name or "", CONTENT_TYPES["docx"])]
        if run.docx
        else []
    )
    sent = 0
    for subscription in subscriptions:
        with transaction.atomic():
            delivery, created = DigestDelivery.objects.get_or_create(
                subscription=subscription, run=run
            )
            if not created:
                continue
            delivery.email = queue_email([subscription.user.email], run.title, body, attachments)
            delivery.save(update_fields=["email"])
            sent += 1
    return sent
