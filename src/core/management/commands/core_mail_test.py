"""`presswatch core_mail_test ADDRESS…`: queue one test message per address to check mail setup."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from core.mail import queue_email


class Command(BaseCommand):
    help = "Queue a test e-mail to each address (delivered by a running consumer)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addresses", nargs="+")

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = timezone.localtime().isoformat(timespec="seconds")
        for address in options["addresses"]:
            message = queue_email(
                [address],
                "PressWatch: thư kiểm tra / test message",
                f"Thư kiểm tra cấu hình thư điện tử của PressWatch ({stamp}).\n"
                f"A test of PressWatch's mail settings ({stamp}).\n",
            )
            self.stdout.write(f"queued {message.message_id} to {address}")
