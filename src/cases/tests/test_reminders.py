"""Deadline follow-up through a real SMTP server on 127.0.0.1 with a controlled clock: a reminder
before the due date to the unit's liaisons, an escalation after it to them and the office, each
sent once however often the job runs; answered assignments are left alone."""

from __future__ import annotations

import datetime
import socket
import threading
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.header import decode_header, make_header
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test.utils import override_settings
from django.utils import timezone

from cases import reminders, services, tasks
from cases.models import Assignment
from cases.tests.helpers import commune, department, open_case, user
from core.access import Role
from core.models import Job

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
ZONE = datetime.timezone(datetime.timedelta(hours=7))


class Sink:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.content)
        subject = str(make_header(decode_header(parsed["Subject"])))
        with self.lock:
            self.messages.append((sorted(envelope.rcpt_tos), subject))
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


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZONE)


def test_reminder_then_escalation_each_once(
    smtp: Sink, django_capture_on_commit_callbacks: Capture
) -> None:
    ward, health = commune(), department()
    officer = user(Role.OFFICER, email="canbo@example.vn")
    liaison = user(Role.UNIT_LIAISON, unit=ward, email="phuong@example.vn")
    user(Role.UNIT_LIAISON, unit=health, email="yte@example.vn")
    due = datetime.date(2026, 3, 20)
    case = open_case(officer)
    services.assign(case, officer, [ward, health], due_date=due)
    answered = Assignment.objects.get(unit=health)
    answer = services.Answer(verification_result="confirmed", response_text="Đã xử lý")
    services.respond(answered, user(Role.UNIT_LIAISON, unit=health), answer)

    def run(now: datetime.datetime) -> reminders.FollowUp:
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.run(now)

    # normal rule: reminder 3 days before the due date
    assert run(_at(due - datetime.timedelta(days=4))) == reminders.FollowUp((), ())
    assert smtp.messages == []
    pending = Assignment.objects.get(unit=ward)
    assert run(_at(due - datetime.timedelta(days=3))).reminded == (pending.pk,)
    assert run(_at(due - datetime.timedelta(days=2))).reminded == ()
    assert run(_at(due, 16)) == reminders.FollowUp((), ())
    assert len(smtp.messages) == 1
    assert smtp.messages[0][0] == ["phuong@example.vn"]
    assert case.number in smtp.messages[0][1] and "20/03/2026" in smtp.messages[0][1]
    late = run(_at(due + datetime.timedelta(days=1), 0))
    assert late.escalated == (pending.pk,)
    assert run(_at(due + datetime.timedelta(days=5))).escalated == ()
    assert len(smtp.messages) == 2
    recipients, subject = smtp.messages[1]
    assert recipients == sorted([liaison.email, officer.email])
    assert case.number in subject
    pending.refresh_from_db()
    assert pending.reminder_sent_at is not None and pending.escalated_at is not None
    assert case.events.filter(action__in=["reminded", "escalated"]).count() == 2


def test_the_periodic_job_runs_the_follow_up(
    smtp: Sink, django_capture_on_commit_callbacks: Capture
) -> None:
    ward = commune()
    officer = user(Role.OFFICER, email="canbo@example.vn")
    user(Role.UNIT_LIAISON, unit=ward, email="phuong@example.vn")
    case = open_case(officer)
    services.assign(
        case, officer, [ward], due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.schedule_follow_up.call_local()
        tasks.schedule_follow_up.call_local()  # the same hour: one job
    assert Job.objects.filter(kind=tasks.FOLLOW_UP).count() == 1
    escalations = [m for m in smtp.messages if case.number in m[1] and "canbo@example.vn" in m[0]]
    assert len(escalations) == 1
