"""Deliveries over real local servers: e-mail through an SMTP sink, signed webhook calls."""

from __future__ import annotations

import email
import email.policy
import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import User
from analysis import alerting, delivery
from analysis.alerting import AlertDraft
from analysis.choices import Batching, Channel, DeliveryState, RuleKind
from analysis.models import AlertDelivery
from analysis.tests.factories import make_article, make_rule
from analysis.tests.receivers import smtp_sink, webhook_server
from core import jobs
from core.access import Role
from core.models import Job, JobState

pytestmark = pytest.mark.django_db
Capture = Callable[..., object]
MakeUser = Callable[..., User]
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def _draft(title: str = "Sạt lở ở Quảng Sơn") -> AlertDraft:
    article = make_article(title)
    return AlertDraft(
        alerting.story_key(article),
        title,
        [["alert.negative_about_province", {"score": -0.6}]],
        article.pk,
        [{"id": 1, "code": "so-y-te", "name": "Sở Y tế"}],
    )


def _body(message: dict[str, Any]) -> str:
    parsed = email.message_from_bytes(bytes(message["content"]), policy=email.policy.default)
    return str(parsed.get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]


def _subject(message: dict[str, Any]) -> str:
    parsed = email.message_from_bytes(bytes(message["content"]), policy=email.policy.default)
    return str(parsed["Subject"])


def test_immediate_email_reaches_the_smtp_server(
    make_user: MakeUser, django_capture_on_commit_callbacks: Capture
) -> None:
    officer = make_user(Role.OFFICER, email="canbo@so.example.vn")
    rule = make_rule(users=[officer], channels=[Channel.INBOX, Channel.EMAIL])
    with (
        smtp_sink() as (sink, port),
        override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port),
        django_capture_on_commit_callbacks(execute=True),  # type: ignore[attr-defined]
    ):
        alerts = alerting.raise_alerts(rule, _draft(), [officer])
    assert len(alerts) == 1
    assert [m["to"] for m in sink.messages] == [["canbo@so.example.vn"]]
    assert "Sạt lở ở Quảng Sơn" in _subject(sink.messages[0])
    body = _body(sink.messages[0])
    assert "Sở Y tế" in body and f"/analysis/alerts/{alerts[0].pk}/" in body
    row = AlertDelivery.objects.get()
    assert row.state == DeliveryState.SENT and row.email is not None
    assert row.email.sent_at is not None


def test_hourly_digest_sends_one_email_listing_the_batch(
    make_user: MakeUser, django_capture_on_commit_callbacks: Capture
) -> None:
    officer = make_user(Role.OFFICER, email="canbo@so.example.vn")
    rule = make_rule(users=[officer], channels=[Channel.EMAIL], batching=Batching.HOURLY)
    with (
        smtp_sink() as (sink, port),
        override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port),
    ):
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            alerting.raise_alerts(rule, _draft("Tin thứ nhất"), [officer])
            alerting.raise_alerts(rule, _draft("Tin thứ hai"), [officer])
            assert delivery.release_due() == 0  # the hour has not ended
        assert sink.messages == []
        row = AlertDelivery.objects.get()
        assert row.state == DeliveryState.COLLECTING and row.alerts.count() == 2
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            assert delivery.release_due(row.due_at + timedelta(seconds=1)) == 1
    assert len(sink.messages) == 1
    body = _body(sink.messages[0])
    assert "Tin thứ nhất" in body and "Tin thứ hai" in body
    assert "2" in _subject(sink.messages[0])


def test_daily_window_is_the_local_day() -> None:
    moment = timezone.make_aware(datetime(2026, 11, 26, 23, 30))
    start, end = delivery.window(Batching.DAILY, moment)
    assert (start.hour, start.day, end.day) == (0, 26, 27)


def _signature_ok(secret: str, received: object) -> bool:
    body = received.body  # type: ignore[attr-defined]
    given = received.headers["X-PressWatch-Signature"]  # type: ignore[attr-defined]
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(given, expected)


def test_webhook_is_signed_and_sent_once_per_story(
    make_user: MakeUser, django_capture_on_commit_callbacks: Capture
) -> None:
    people = [make_user(Role.OFFICER), make_user(Role.LEADER)]
    with webhook_server() as hook:
        rule = make_rule(
            users=people,
            channels=[Channel.WEBHOOK],
            webhook_url=hook.url,
            webhook_secret="bí-mật-123",
        )
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            alerts = alerting.raise_alerts(rule, _draft(), people)
    assert len(alerts) == 2
    assert len(hook.received) == 1
    call = hook.received[0]
    assert _signature_ok("bí-mật-123", call)
    assert not _signature_ok("another-secret", call)
    assert call.headers["X-PressWatch-Timestamp"].isdigit()
    payload = json.loads(call.body)
    assert payload["rule"]["kind"] == RuleKind.NEGATIVE_ABOUT_PROVINCE
    assert [a["title"] for a in payload["alerts"]] == ["Sạt lở ở Quảng Sơn"]
    assert payload["alerts"][0]["units"][0]["code"] == "so-y-te"
    assert AlertDelivery.objects.get().state == DeliveryState.SENT


def test_webhook_failure_is_retried_with_backoff_then_delivered(
    make_user: MakeUser, django_capture_on_commit_callbacks: Capture
) -> None:
    officer = make_user(Role.OFFICER)
    with webhook_server() as hook:
        hook.statuses = [500]
        rule = make_rule(
            users=[officer], channels=[Channel.WEBHOOK], webhook_url=hook.url, webhook_secret="s"
        )
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            alerting.raise_alerts(rule, _draft(), [officer])
        row = AlertDelivery.objects.get()
        job = Job.objects.get(kind=delivery.DELIVER)
        assert job.state == JobState.PENDING and job.available_at > timezone.now()
        assert row.state == DeliveryState.PENDING and row.attempts == 1
        assert "500" in row.last_error
        Job.objects.filter(pk=job.pk).update(available_at=timezone.now())
        assert jobs.run(job.pk).state == JobState.DONE
    row.refresh_from_db()
    assert row.state == DeliveryState.SENT and row.attempts == 2
    assert len(hook.received) == 2


def test_webhook_fails_for_good_after_the_last_attempt(
    make_user: MakeUser, django_capture_on_commit_callbacks: Capture
) -> None:
    officer = make_user(Role.OFFICER)
    with webhook_server() as hook:
        hook.statuses = [503, 503]
        rule = make_rule(
            users=[officer], channels=[Channel.WEBHOOK], webhook_url=hook.url, webhook_secret="s"
        )
        with django_capture_on_commit_callbacks(execute=False):  # type: ignore[attr-defined]
            alerting.raise_alerts(rule, _draft(), [officer])
        job = Job.objects.get(kind=delivery.DELIVER)
        Job.objects.filter(pk=job.pk).update(max_attempts=2)
        jobs.run(job.pk)
        Job.objects.filter(pk=job.pk).update(available_at=timezone.now())
        assert jobs.run(job.pk).state == JobState.FAILED
    row = AlertDelivery.objects.get()
    assert row.state == DeliveryState.FAILED and row.attempts == 2


def test_channels_without_an_address_are_skipped(make_user: MakeUser) -> None:
    officer = make_user(Role.OFFICER, email="")
    rule = make_rule(users=[officer], channels=[Channel.INBOX, Channel.EMAIL, Channel.WEBHOOK])
    alerting.raise_alerts(rule, _draft(), [officer])
    assert AlertDelivery.objects.count() == 0
