"""The digest through a real SMTP server on 127.0.0.1 with a controlled clock: nothing before
07:00, one run and one e-mail per subscriber and period however often the scheduler runs."""

from __future__ import annotations

import datetime
import socket
import threading
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test.utils import override_settings

from cases.tests.helpers import user
from core.access import Role
from reports import tasks
from reports.choices import Frequency, ReportKind, RunStatus
from reports.models import DigestDelivery, DigestSubscription, ReportRun
from reports.tests.helpers import at, october_articles

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]


class Sink:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str, str]] = []
        self.attachments: dict[str, list[tuple[str, str, bytes]]] = {}  # subject → files
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.content)
        subject = str(make_header(decode_header(parsed["Subject"])))
        body, files = "", list[tuple[str, str, bytes]]()
        for part in parsed.walk():
            if part.is_multipart():
                continue
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            if filename := part.get_filename():
                files.append((filename, part.get_content_type(), payload))
            elif part.get_content_type() == "text/plain":
                body = payload.decode("utf-8")
        with self.lock:
            self.messages.append((sorted(envelope.rcpt_tos), subject, body))
            self.attachments[subject] = files
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[Sink]:
    sink = Sink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    backend = "django.core.mail.backends.smtp.EmailBackend"
    with override_settings(EMAIL_BACKEND=backend, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port):
        yield sink
    controller.stop()


def test_daily_and_weekly_digest_sent_once(
    smtp: Sink, media: Path, django_capture_on_commit_callbacks: Capture
) -> None:
    october_articles()
    daily = user(Role.OFFICER, email="canbo@example.vn")
    weekly = user(Role.LEADER, email="lanhdao@example.vn")
    quiet = user(Role.OFFICER, email="nghi@example.vn")
    DigestSubscription.objects.create(user=daily, frequency=Frequency.DAILY)
    DigestSubscription.objects.create(user=weekly, frequency=Frequency.WEEKLY)
    DigestSubscription.objects.create(user=quiet, frequency=Frequency.DAILY, active=False)
    monday = datetime.date(2026, 10, 12)

    def tick(when: datetime.datetime) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            tasks.schedule_digests(when)

    tick(at(monday, 6, 59))
    assert smtp.messages == [] and not ReportRun.objects.exists()
    tick(at(monday, 7, 5))
    tick(at(monday, 8, 5))  # the same day again: nothing new
    tick(at(monday, 23, 5))
    runs = ReportRun.objects.filter(kind=ReportKind.DIGEST).order_by("period_start")
    assert [(r.period_start, r.period_end, r.status) for r in runs] == [
        (datetime.date(2026, 10, 5), datetime.date(2026, 10, 11), RunStatus.DONE),
        (datetime.date(2026, 10, 11), datetime.date(2026, 10, 11), RunStatus.DONE),
    ]
    assert sorted((m[0], m[1]) for m in smtp.messages) == [
        (["canbo@example.vn"], "Điểm tin báo chí ngày 11/10/2026"),
        (["lanhdao@example.vn"], "Điểm tin báo chí từ 05/10/2026 đến 11/10/2026"),
    ]
    week = next(m for m in smtp.messages if m[0] == ["lanhdao@example.vn"])[2]
    assert "Tin, bài về tỉnh: 4 trên 2" in week  # 05/10: two own, 06/10: one own, one outside
    assert "/download/docx/" in week
    # the DOCX travels with the message: the file of the run, byte for byte
    weekly_run = runs[0]
    [(filename, mimetype, content)] = smtp.attachments[
        "Điểm tin báo chí từ 05/10/2026 đến 11/10/2026"
    ]
    assert filename == "diem-tin-2026-10-05-2026-10-11.docx"
    assert mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    with weekly_run.docx.open("rb") as stored:
        assert content == stored.read()
    assert DigestDelivery.objects.count() == 2
    tick(at(monday + datetime.timedelta(days=1), 7, 5))  # Tuesday: the daily one only
    assert [m[1] for m in smtp.messages].count("Điểm tin báo chí ngày 12/10/2026") == 1
    assert len(smtp.messages) == 3
