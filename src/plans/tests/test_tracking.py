"""Tracking: unit scoping, progress reports with attachments, reminders over real SMTP."""

from __future__ import annotations

import datetime
import email
import socket
from collections.abc import Callable, Iterator
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import override_settings

from core.access import Role
from plans.choices import ReminderKind
from plans.models import PlanTask, ProgressAttachment, ReminderSent, TaskPeriod
from plans.reminders import send_reminders
from plans.services import submit_report
from plans.tests.helpers import import_demo, liaison

pytestmark = pytest.mark.usefixtures("units", "media")
Capture = Callable[..., Any]


def test_liaison_sees_only_the_tasks_and_periods_of_its_unit(client: Client) -> None:
    plan = import_demo()
    user = liaison("so-y-te-lam-dong")
    client.force_login(user)
    own = plan.tasks.get(code="5")  # Sở Y tế leads
    collective = plan.tasks.get(code="1.2")  # "Các Sở, ban, ngành, địa phương" lead
    coordinated = plan.tasks.get(code="4.2")  # Sở Y tế coordinates
    other = plan.tasks.get(code="3")  # Sở VHTTDL leads, Công an and Hội Nhà báo coordinate
    for task in (own, collective, coordinated):
        assert client.get(f"/plans/tasks/{task.pk}/").status_code == 200, task.code
    assert client.get(f"/plans/tasks/{other.pk}/").status_code == 404
    page = client.get("/plans/periods/?when=all").content.decode()
    assert own.title[:40] in page and other.title[:40] not in page
    foreign = TaskPeriod.objects.filter(task=other).first()
    assert foreign is not None
    assert client.get(f"/plans/periods/{foreign.pk}/").status_code == 404
    response = client.post(f"/plans/periods/{foreign.pk}/", {"status": "done", "text": "x"})
    assert response.status_code == 404 and not foreign.reports.exists()
    assert client.get(f"/plans/{plan.pk}/").status_code == 200
    detail = client.get(f"/plans/{plan.pk}/").content.decode()
    assert other.title[:40] not in detail


def test_police_liaison_sees_coordinated_tasks_but_not_others(client: Client) -> None:
    plan = import_demo()
    client.force_login(liaison("cong-an-lam-dong", Role.POLICE_LIAISON))
    assert client.get(f"/plans/tasks/{plan.tasks.get(code='3').pk}/").status_code == 200
    assert client.get(f"/plans/tasks/{plan.tasks.get(code='5').pk}/").status_code == 404


def test_a_unit_without_tasks_sees_no_plan(client: Client) -> None:
    plan = import_demo()
    client.force_login(liaison("tinh-uy-dak-nong"))
    assert client.get(f"/plans/{plan.pk}/").status_code == 404
    assert plan.title[:30] not in client.get("/plans/list/").content.decode()


def test_progress_report_with_an_attachment(client: Client, media: Path) -> None:
    plan = import_demo()
    user = liaison("so-y-te-lam-dong")
    client.force_login(user)
    period = TaskPeriod.objects.get(task=plan.tasks.get(code="5"))
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban", "application/pdf")
    response = client.post(
        f"/plans/periods/{period.pk}/",
        {
            "status": "in_progress",
            "text": "Đã ký hợp đồng đặt hàng 3/6 tác phẩm.",
            "attachments": [upload],
        },
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.status == "in_progress" and period.reported_at is not None
    report = period.reports.get()
    assert report.submitted_by == user and report.unit_id == user.unit_id
    attachment = report.attachments.get()
    assert attachment.original_name == "bien-ban.pdf" and attachment.size == 17
    assert (media / str(attachment.file.name)).read_bytes() == b"%PDF-1.4 bien ban"
    download = client.get(f"/plans/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 bien ban"  # type: ignore[attr-defined]
    # another unit cannot fetch the file
    client.force_login(liaison("so-tu-phap-lam-dong"))
    assert client.get(f"/plans/attachments/{attachment.pk}/").status_code == 404


def test_report_form_errors_are_shown(client: Client) -> None:
    plan = import_demo()
    client.force_login(liaison("so-y-te-lam-dong"))
    period = TaskPeriod.objects.get(task=plan.tasks.get(code="5"))
    response = client.post(f"/plans/periods/{period.pk}/", {"status": "done", "text": ""})
    assert response.status_code == 400 and not period.reports.exists()


# --- reminders ------------------------------------------------------------------------------------
class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted"

    def subjects(self) -> list[str]:
        return [str(make_header(decode_header(m["Subject"]))) for m in self.messages]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[Inbox]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    backend = "django.core.mail.backends.smtp.EmailBackend"
    try:
        with override_settings(EMAIL_BACKEND=backend, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port):
            yield inbox
    finally:
        controller.stop()


def _run(day: datetime.date, capture: Capture) -> int:
    with capture(execute=True):
        return send_reminders(day)


def test_reminders_are_mailed_once_per_period_and_kind(
    smtp: Inbox, django_capture_on_commit_callbacks: Capture
) -> None:
    plan = import_demo()
    liaison("so-y-te-lam-dong", email="yte@example.vn")
    task5: PlanTask = plan.tasks.get(code="5")  # once, due 30/11/2026, Sở Y tế
    period = TaskPeriod.objects.get(task=task5)
    early = TaskPeriod.objects.filter(unit__code="so-y-te-lam-dong", due=datetime.date(2026, 6, 15))
    assert early.exists()
    submit_report(early.get(), user=None, status="done", text="Xong.")  # reported: never reminded

    assert _run(datetime.date(2026, 11, 22), django_capture_on_commit_callbacks) == 0
    assert _run(datetime.date(2026, 11, 23), django_capture_on_commit_callbacks) == 1
    assert _run(datetime.date(2026, 11, 23), django_capture_on_commit_callbacks) == 0
    assert _run(datetime.date(2026, 11, 24), django_capture_on_commit_callbacks) == 0
    assert len(smtp.messages) == 1
    assert smtp.messages[0]["To"] == "yte@example.vn"
    assert "5" in smtp.subjects()[0] and "30/11/2026" in smtp.subjects()[0]
    assert f"/plans/periods/{period.pk}/" in smtp.messages[0].get_payload(decode=True).decode()  # type: ignore[union-attr]

    assert _run(datetime.date(2026, 12, 1), django_capture_on_commit_callbacks) == 1
    assert _run(datetime.date(2026, 12, 5), django_capture_on_commit_callbacks) == 0
    assert len(smtp.messages) == 2
    kinds = set(ReminderSent.objects.filter(period=period).values_list("kind", flat=True))
    assert kinds == {ReminderKind.DUE_SOON, ReminderKind.OVERDUE}
    assert not ReminderSent.objects.filter(period=early.get()).exists()


def test_no_reminder_without_a_liaison_until_one_is_named(
    smtp: Inbox, django_capture_on_commit_callbacks: Capture
) -> None:
    import_demo()
    day = datetime.date(2026, 11, 23)
    assert _run(day, django_capture_on_commit_callbacks) == 0
    liaison("so-y-te-lam-dong", email="yte@example.vn")
    # task 5 is due in 7 days; the unit's H1 period of task 1.2 (due 15/06) is overdue
    assert _run(day, django_capture_on_commit_callbacks) == 2
    assert len(smtp.messages) == 2
    assert sorted(ReminderSent.objects.values_list("kind", flat=True)) == ["due_soon", "overdue"]
    assert ProgressAttachment.objects.count() == 0
