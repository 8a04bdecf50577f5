"""Delivering alerts by e-mail and signed webhook, at once or as hourly/daily digests.

The inbox needs nothing: the ``Alert`` rows are the inbox. Every other channel gets an
``AlertDelivery`` row: immediate ones are sent by a durable job right away; digest rows collect
alerts until the end of their window, then :func:`release_due` hands them to the same job.
E-mail goes through the outbox (``core.mail``, retried there); webhook calls are retried here with
the job queue's backoff (``RetryLaterError``) and marked failed after the last attempt.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import datetime, timedelta
from typing import Any

import httpx
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from analysis import explain
from analysis.choices import Batching, Channel, DeliveryState
from analysis.models import Alert, AlertDelivery, AlertRule
from core import jobs
from core.mail import queue_email
from core.models import Job

DELIVER = "analysis.deliver"
SIGNATURE_HEADER = "X-PressWatch-Signature"
TIMESTAMP_HEADER = "X-PressWatch-Timestamp"
WEBHOOK_TIMEOUT = 10.0


def window(batching: str, moment: datetime) -> tuple[datetime, datetime]:
    """The digest window (start, end) holding ``moment``, in the local time zone."""
    local = timezone.localtime(moment)
    if batching == Batching.DAILY:
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return start, start + timedelta(days=1)
    start = local.replace(minute=0, second=0, microsecond=0)
    return start, start + timedelta(hours=1)


def _delivery_for(rule: AlertRule, alert: Alert, channel: Channel) -> AlertDelivery:
    per_user = channel == Channel.EMAIL
    if rule.batching == Batching.IMMEDIATE:
        key = f"{channel}:{alert.pk}" if per_user else f"{channel}:{rule.pk}:{alert.story_key}"
        due, state = timezone.now(), DeliveryState.PENDING
    else:
        start, due = window(rule.batching, alert.created_at)
        owner = f"{rule.pk}:{alert.user_id}" if per_user else f"{rule.pk}"
        key = f"{channel}:{owner}:{start:%Y%m%d%H}"
        state = DeliveryState.COLLECTING
    try:
        with transaction.atomic():
            row, _created = AlertDelivery.objects.get_or_create(
                key=key[:250],
                defaults={
                    "rule": rule,
                    "user": alert.user if per_user else None,
                    "channel": channel,
                    "state": state,
                    "due_at": due,
                },
            )
    except IntegrityError:  # created meanwhile by another worker
        row = AlertDelivery.objects.get(key=key[:250])
    return row


def schedule(alert: Alert) -> None:
    """Attach a new alert to the deliveries its rule asks for."""
    rule = alert.rule
    for channel in rule.channels:
        if channel == Channel.EMAIL and not alert.user.email:
            continue
        if channel == Channel.WEBHOOK and not rule.webhook_url:
            continue
        if channel not in (Channel.EMAIL, Channel.WEBHOOK):
            continue
        row = _delivery_for(rule, alert, Channel(channel))
        row.alerts.add(alert)
        if row.state == DeliveryState.PENDING:
            jobs.enqueue(DELIVER, row.pk, dedup_key=f"{DELIVER}:{row.pk}")


def release_due(now: datetime | None = None) -> int:
    """Send the digests whose window has closed; the number released."""
    now = now or timezone.now()
    due = list(
        AlertDelivery.objects.filter(state=DeliveryState.COLLECTING, due_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    for pk in due:
        if AlertDelivery.objects.filter(pk=pk, state=DeliveryState.COLLECTING).update(
            state=DeliveryState.PENDING
        ):
            jobs.enqueue(DELIVER, pk, dedup_key=f"{DELIVER}:{pk}")
    return len(due)


def _link(path: str) -> str:
    return settings.SITE_URL + path


def alert_payload(alert: Alert) -> dict[str, Any]:
    article = alert.article
    return {
        "story": alert.story_key,
        "title": alert.title,
        "created_at": timezone.localtime(alert.created_at).isoformat(),
        "explanation": [list(item) for item in alert.explanation],
        "explanation_text": explain.render(alert.explanation),
        "units": alert.units,
        "article": None
        if article is None
        else {
            "id": article.pk,
            "url": article.url,
            "title": article.title or article.feed_title,
            "published_at": timezone.localtime(article.published_at).isoformat()
            if article.published_at
            else None,
            "link": _link(article.get_absolute_url()),
        },
    }


def webhook_body(row: AlertDelivery, alerts: list[Alert], sent_at: datetime) -> bytes:
    """The JSON posted to a webhook: one entry per story (not per recipient)."""
    stories: dict[str, Alert] = {}
    for alert in alerts:
        stories.setdefault(alert.story_key, alert)
    payload = {
        "event": "presswatch.alerts",
        "delivery": row.key,
        "sent_at": timezone.localtime(sent_at).isoformat(),
        "rule": {"id": row.rule.pk, "name": row.rule.name, "kind": row.rule.kind},
        "alerts": [alert_payload(a) for a in stories.values()],
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def sign(secret: str, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256 of the body with the rule's secret>``."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def _email_text(row: AlertDelivery, alerts: list[Alert]) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        if len(alerts) == 1:
            subject = _("[PressWatch] Alert: %(title)s") % {"title": alerts[0].title}
        else:
            subject = _("[PressWatch] %(count)s alerts: %(rule)s") % {
                "count": len(alerts),
                "rule": row.rule.name,
            }
        lines = [_("Rule: %(rule)s") % {"rule": row.rule.name}, ""]
        for alert in alerts:
            lines.append(f"• {alert.title}")
            lines.extend(f"  {text}" for text in explain.render(alert.explanation))
            if alert.units:
                names = ", ".join(str(u.get("name", "")) for u in alert.units)
                lines.append("  " + _("Proposed responsible units: %(units)s") % {"units": names})
            if alert.article is not None:
                lines.append("  " + alert.article.url)
            lines.append("  " + _link(alert.get_absolute_url()))
            lines.append("")
        lines.append(_("Your inbox: %(link)s") % {"link": _link("/analysis/inbox/")})
    return subject[:250], "\n".join(lines)


def _send_email(row: AlertDelivery, alerts: list[Alert]) -> None:
    assert row.user is not None
    subject, body = _email_text(row, alerts)
    with transaction.atomic():
        message = queue_email([row.user.email], subject, body)
        AlertDelivery.objects.filter(pk=row.pk).update(
            state=DeliveryState.SENT, sent_at=timezone.now(), email=message, attempts=1
        )


def _send_webhook(row: AlertDelivery, alerts: list[Alert], job: Job) -> None:
    sent_at = timezone.now()
    body = webhook_body(row, alerts, sent_at)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        SIGNATURE_HEADER: sign(row.rule.webhook_secret, body),
        TIMESTAMP_HEADER: str(int(time.time())),
        "User-Agent": "PressWatch-webhook/1",
    }
    attempts = row.attempts + 1
    try:
        response = httpx.post(
            row.rule.webhook_url, content=body, headers=headers, timeout=WEBHOOK_TIMEOUT
        )
        if response.status_code >= 300:
            raise httpx.HTTPStatusError(
                f"HTTP {response.status_code}", request=response.request, response=response
            )
    except httpx.HTTPError as error:
        final = job.attempts >= job.max_attempts
        AlertDelivery.objects.filter(pk=row.pk).update(
            attempts=attempts,
            last_error=str(error)[:2000] or type(error).__name__,
            state=DeliveryState.FAILED if final else DeliveryState.PENDING,
        )
        if final:
            raise jobs.PermanentError(f"webhook failed for good: {error}") from error
        raise jobs.RetryLaterError(str(error)) from error
    AlertDelivery.objects.filter(pk=row.pk).update(
        state=DeliveryState.SENT, sent_at=sent_at, attempts=attempts, last_error=""
    )


@jobs.handler(DELIVER)
def deliver(job: Job) -> None:
    """Send one delivery (idempotent: a sent delivery is not sent again)."""
    row = AlertDelivery.objects.select_related("rule", "user").filter(pk=int(job.target_id)).first()
    if row is None or row.state in (DeliveryState.SENT, DeliveryState.COLLECTING):
        return
    alerts = list(row.alerts.select_related("article").order_by("created_at", "pk"))
    # an alert grouped under another of the same story (findings) is not sent again
    alerts = [a for a in alerts if a.grouped_into_id is None]
    if not alerts:
        AlertDelivery.objects.filter(pk=row.pk).update(state=DeliveryState.SENT)
        return
    if row.channel == Channel.EMAIL:
        _send_email(row, alerts)
    elif row.channel == Channel.WEBHOOK:
        _send_webhook(row, alerts, job)
