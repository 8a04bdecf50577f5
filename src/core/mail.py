"""Outgoing e-mail through the durable job queue: queued in the database, sent once."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from typing import NamedTuple

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from core import jobs
from core.models import Job, OutboundEmail

SEND_EMAIL = "core.send_email"
logger = logging.getLogger(__name__)


class Attachment(NamedTuple):
    """A stored file to attach: read from the default storage when the message is sent."""

    filename: str
    path: str
    mimetype: str


def queue_email(
    to: Sequence[str], subject: str, body: str, attachments: Sequence[Attachment] = ()
) -> OutboundEmail:
    """Store a message and enqueue its delivery (after the surrounding transaction commits)."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "presswatch.local"
    with transaction.atomic():
        message = OutboundEmail.objects.create(
            to=list(to),
            subject=subject,
            body=body,
            attachments=[a._asdict() for a in attachments],
            message_id=f"<{uuid.uuid4().hex}@{domain}>",
        )
        jobs.enqueue(SEND_EMAIL, message.pk, dedup_key=f"{SEND_EMAIL}:{message.pk}")
    return message


@jobs.handler(SEND_EMAIL)
def send_email(job: Job) -> None:
    """Deliver the message unless it was delivered already (idempotent)."""
    message = OutboundEmail.objects.filter(pk=int(job.target_id)).first()
    if message is None:
        raise jobs.PermanentError(f"message {job.target_id} no longer exists")
    if message.sent_at is not None:
        return
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.to,
        headers={"Message-ID": message.message_id},
    )
    for item in message.attachments:
        attachment = Attachment(**item)
        try:
            with default_storage.open(attachment.path, "rb") as file:
                email.attach(attachment.filename, file.read(), attachment.mimetype)
        except FileNotFoundError:  # removed since: the body still links to it
            logger.warning("message %s: attachment %s is gone", message.pk, attachment.path)
    email.send(fail_silently=False)
    OutboundEmail.objects.filter(pk=message.pk, sent_at__isnull=True).update(sent_at=timezone.now())
