"""`presswatch up`: the web server (gunicorn), a Huey consumer and the periodic scheduler.

One command for one machine. Ctrl-C (SIGINT) or SIGTERM stops the web server gracefully and lets
the consumer finish the tasks it is running. If this process is killed outright, the children
are told to stop too (Linux parent-death signal), and the job table keeps every unfinished job:
the next start hands them out again.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core import jobs
from core.context import acting

PR_SET_PDEATHSIG = 1


def _die_with_parent(sig: int) -> Callable[[], None]:
    def set_signal() -> None:
        with contextlib.suppress(OSError):  # not Linux: children outlive a SIGKILLed parent
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, sig)

    return set_signal


def presswatch_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "config.cli", *args]


class Command(BaseCommand):
    help = "Run the web server, a task consumer and the scheduler (Ctrl-C stops all cleanly)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=settings.BIND, help="address:port to listen on")
        parser.add_argument("--web-workers", type=int, default=settings.WEB_WORKERS)
        parser.add_argument("--no-web", action="store_true", help="run only consumer + scheduler")
        parser.add_argument(
            "--demo-sites",
            type=int,
            default=0,
            metavar="PORT",
            help="also serve the simulated news ecosystem on this port (make demo)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if not options["no_web"] and not manifest.exists():
            raise CommandError(
                f"static files are not collected in {settings.STATIC_ROOT}: "
                "run `presswatch collectstatic --no-input` first (make run/demo do)"
            )
        with acting(actor="worker"):
            result = jobs.sweep()
        self.stdout.write(
            f"up: {result.requeued_pending} unfinished job(s) queued again, "
            f"{result.reclaimed_running} reclaimed"
        )
        children: dict[str, subprocess.Popen[bytes]] = {}
        if not options["no_web"]:
            children["web"] = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi:application",
                    "--bind",
                    options["bind"],
                    "--workers",
                    str(options["web_workers"]),
                    "--graceful-timeout",
                    "20",
                    "--access-logfile",
                    "-",
                    "--forwarded-allow-ips",
                    "127.0.0.1",
                ],
                preexec_fn=_die_with_parent(signal.SIGTERM),
                start_new_session=True,
            )
        children["consumer"] = subprocess.Popen(
            presswatch_command("run_huey"),
            preexec_fn=_die_with_parent(signal.SIGINT),
            start_new_session=True,
        )
        if options["demo_sites"]:
            children["demo"] = subprocess.Popen(
                presswatch_command("demo_sites", "--port", str(options["demo_sites"])),
                preexec_fn=_die_with_parent(signal.SIGTERM),
                start_new_session=True,
            )
        self.stdout.write(
            f"up: serving http://{options['bind']} (web pid "
            f"{children['web'].pid if 'web' in children else '-'}, consumer pid "
            f"{children['consumer'].pid}); Ctrl-C stops"
        )
        code = supervise(children)
        raise SystemExit(code)


STOP_SIGNALS = {"web": signal.SIGTERM, "consumer": signal.SIGINT, "demo": signal.SIGTERM}


def supervise(children: dict[str, subprocess.Popen[bytes]]) -> int:
    """Wait until we are told to stop or a child dies; then stop every child gracefully."""
    stopping: list[int] = []

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    exit_code = 0
    while not stopping:
        for name, child in children.items():
            if child.poll() is not None:
                sys.stderr.write(f"up: {name} exited with {child.returncode}; stopping\n")
                exit_code = 1
                stopping.append(0)
                break
        time.sleep(0.5)
    for name, child in children.items():
        if child.poll() is None:
            child.send_signal(STOP_SIGNALS[name])
    deadline = time.monotonic() + 60
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return exit_code
