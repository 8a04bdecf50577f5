"""Durable jobs: delivery, idempotence, retries with a real (refused) SMTP connection, sweeps."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core import mail
from django.test.utils import override_settings
from django.utils import timezone

from core import jobs
from core.mail import SEND_EMAIL, queue_email
from core.models import Job, JobState, OutboundEmail

pytestmark = pytest.mark.django_db

Capture = Callable[..., object]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_queued_mail_is_sent_once_after_commit(django_capture_on_commit_callbacks: Capture) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        message = queue_email(["a@example.vn"], "Tiêu đề", "Nội dung")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == message.message_id
    job = Job.objects.get(kind=SEND_EMAIL, target_id=str(message.pk))
    assert job.state == JobState.DONE and job.attempts == 1
    message.refresh_from_db()
    assert message.sent_at is not None


def test_running_a_finished_job_again_does_nothing(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        message = queue_email(["a@example.vn"], "x", "y")
    job = Job.objects.get(target_id=str(message.pk))
    outcome = jobs.run(job.pk)
    assert outcome.ran is False and outcome.state == JobState.DONE
    # even a forced second claim does not send twice: the handler checks sent_at
    Job.objects.filter(pk=job.pk).update(state=JobState.PENDING)
    assert jobs.run(job.pk).ran is True
    assert len(mail.outbox) == 1


def test_enqueue_with_the_same_key_creates_one_job() -> None:
    message = OutboundEmail.objects.create(to=["a@b.vn"], subject="s", body="b", message_id="<1@x>")
    first = jobs.enqueue(SEND_EMAIL, message.pk, dedup_key="k")
    second = jobs.enqueue(SEND_EMAIL, message.pk, dedup_key="k")
    assert first.pk == second.pk
    assert Job.objects.count() == 1


def test_refused_smtp_connection_is_retried_then_delivered(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    with override_settings(EMAIL_BACKEND=smtp, EMAIL_HOST="127.0.0.1", EMAIL_PORT=_closed_port()):
        with django_capture_on_commit_callbacks(execute=False):  # type: ignore[attr-defined]
            message = queue_email(["a@example.vn"], "x", "y")
        job = Job.objects.get(target_id=str(message.pk))
        outcome = jobs.run(job.pk)
    job.refresh_from_db()
    assert outcome.state == JobState.PENDING and job.attempts == 1
    assert "ConnectionRefused" in job.last_error
    assert job.available_at > timezone.now()  # backoff
    Job.objects.filter(pk=job.pk).update(available_at=timezone.now())
    assert jobs.run(job.pk).state == JobState.DONE
    assert len(mail.outbox) == 1


def test_a_job_fails_for_good_after_its_attempts(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    with override_settings(EMAIL_BACKEND=smtp, EMAIL_HOST="127.0.0.1", EMAIL_PORT=_closed_port()):
        with django_capture_on_commit_callbacks(execute=False):  # type: ignore[attr-defined]
            message = queue_email(["a@example.vn"], "x", "y")
        job = Job.objects.get(target_id=str(message.pk))
        Job.objects.filter(pk=job.pk).update(max_attempts=2)
        jobs.run(job.pk)
        Job.objects.filter(pk=job.pk).update(available_at=timezone.now())
        assert jobs.run(job.pk).state == JobState.FAILED
    assert jobs.retry_failed(job.pk) is True
    job.refresh_from_db()
    assert job.state == JobState.PENDING and job.attempts == 0


def test_a_job_of_a_deleted_message_fails_permanently() -> None:
    message = OutboundEmail.objects.create(to=["a@b.vn"], subject="s", body="b", message_id="<2@x>")
    job = Job.objects.create(kind=SEND_EMAIL, target_id=str(message.pk))
    message.delete()
    assert jobs.run(job.pk).state == JobState.FAILED


@override_settings(JOB_LEASE_SECONDS=60)
def test_sweep_reclaims_abandoned_and_lost_jobs(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    long_ago = timezone.now() - timedelta(hours=1)
    message = OutboundEmail.objects.create(to=["a@b.vn"], subject="s", body="b", message_id="<3@x>")
    abandoned = Job.objects.create(
        kind=SEND_EMAIL,
        target_id=str(message.pk),
        state=JobState.RUNNING,
        lease_until=long_ago,
        attempts=1,
    )
    other = OutboundEmail.objects.create(to=["c@b.vn"], subject="s", body="b", message_id="<4@x>")
    lost = Job.objects.create(
        kind=SEND_EMAIL, target_id=str(other.pk), available_at=long_ago, enqueued_at=long_ago
    )
    fresh = Job.objects.create(kind=SEND_EMAIL, target_id=str(other.pk), enqueued_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        result = jobs.sweep()
    assert result.reclaimed_running == 1
    assert result.requeued_pending == 2  # the abandoned one and the lost one, not the fresh one
    states = dict(Job.objects.values_list("pk", "state"))
    assert states[abandoned.pk] == JobState.DONE and states[lost.pk] == JobState.DONE
    assert states[fresh.pk] == JobState.PENDING
    assert len(mail.outbox) == 2


def test_unknown_job_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="no handler"):
        jobs.enqueue("nope.nothing", 1)


def test_sweep_reclaims_jobs_of_a_dead_local_process_at_once(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    import subprocess
    import sys

    finished = subprocess.run([sys.executable, "-c", "pass"], check=True)  # a pid now unused
    assert finished.returncode == 0
    message = OutboundEmail.objects.create(to=["a@b.vn"], subject="s", body="b", message_id="<5@x>")
    host = socket.gethostname()
    job = Job.objects.create(
        kind=SEND_EMAIL,
        target_id=str(message.pk),
        state=JobState.RUNNING,
        attempts=1,
        lease_until=timezone.now() + timedelta(hours=1),
        runner=f"{host}:999999999:abcd",
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        result = jobs.sweep()
    assert result.reclaimed_running == 1
    job.refresh_from_db()
    assert job.state == JobState.DONE


def test_local_hours_become_utc_hours() -> None:
    from core.schedule import utc_hour

    assert utc_hour(7, "Asia/Ho_Chi_Minh") == 0
    assert utc_hour(2, "Asia/Ho_Chi_Minh") == 19
    assert utc_hour(0, "Asia/Ho_Chi_Minh") == 17
    assert utc_hour(7, "UTC") == 7


def test_attachments_are_read_when_sending_and_a_gone_one_is_left_out(
    django_capture_on_commit_callbacks: Capture, tmp_path: object
) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from core.mail import Attachment

    with override_settings(MEDIA_ROOT=str(tmp_path)):
        kept = default_storage.save("bao-cao/diem-tin.docx", ContentFile(b"PK\x03\x04 docx"))
        gone = default_storage.save("bao-cao/cu.xlsx", ContentFile(b"old"))
        default_storage.delete(gone)
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            queue_email(
                ["a@example.vn"],
                "Điểm tin",
                "Nội dung",
                [
                    Attachment("diem-tin.docx", kept, "application/octet-stream"),
                    Attachment("cu.xlsx", gone, "application/octet-stream"),
                ],
            )
    [sent] = mail.outbox
    assert sent.attachments == [("diem-tin.docx", b"PK\x03\x04 docx", "application/octet-stream")]
