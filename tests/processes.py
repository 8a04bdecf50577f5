"""Helpers for tests that run PressWatch as real processes against a real SMTP sink."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class SlowSink:
    """An SMTP server on 127.0.0.1 (the outside world) that takes ``delay`` s per message."""

    delay: float = 0.0
    messages: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        time.sleep(self.delay)
        text = envelope.content.decode("utf-8", "replace")
        found = re.search(r"^Message-ID: (.+)$", text, re.MULTILINE | re.IGNORECASE)
        subject = re.search(r"^Subject: (.+)$", text, re.MULTILINE)
        with self.lock:
            self.messages.append(
                {
                    "message_id": found.group(1).strip() if found else "",
                    "subject": subject.group(1).strip() if subject else "",
                    "to": ",".join(envelope.rcpt_tos),
                }
            )
        return "250 OK"

    def ids(self) -> list[str]:
        with self.lock:
            return [m["message_id"] for m in self.messages]


def start_sink(delay: float = 0.0) -> tuple[SlowSink, Controller, int]:
    sink = SlowSink(delay=delay)
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return sink, controller, port


def service_env(
    tmp: Path, smtp_port: int, web_port: int, *, database_template: str = ""
) -> dict[str, str]:
    """Environment for a PressWatch process: its own var dir and database, the pass's services.

    On PostgreSQL the database is new, or a copy of the database named ``database_template``.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSWATCH_")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"  # not the test settings of this process
    env.update(
        PRESSWATCH_VAR_DIR=str(tmp),
        PRESSWATCH_EMAIL_HOST="127.0.0.1",
        PRESSWATCH_EMAIL_PORT=str(smtp_port),
        PRESSWATCH_JOB_LEASE_SECONDS="3",
        PRESSWATCH_BIND=f"127.0.0.1:{web_port}",
        PRESSWATCH_WEB_WORKERS="1",
        PRESSWATCH_SITE_URL=f"http://127.0.0.1:{web_port}",
        PRESSWATCH_FETCH_PRIVATE_ALLOW="127.0.0.0/8",
        PRESSWATCH_FETCH_INTERVAL_MS="0",
    )
    database = os.environ.get("PRESSWATCH_DATABASE_URL", "")
    if database.startswith("postgres"):
        env["PRESSWATCH_DATABASE_URL"] = _fresh_postgres_database(database, database_template)
    if os.environ.get("PRESSWATCH_REDIS_URL"):
        env["PRESSWATCH_REDIS_URL"] = os.environ["PRESSWATCH_REDIS_URL"]
        _flush_redis(env["PRESSWATCH_REDIS_URL"])
    return env


def _fresh_postgres_database(url: str, template: str = "") -> str:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"pw_proc_{uuid.uuid4().hex[:10]}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    return parts._replace(path=f"/{name}").geturl()


def drop_postgres_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def _flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def presswatch(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    """Run a presswatch command to completion; return its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "config.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"presswatch {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def start(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    """Start a long-running presswatch command; its output goes to VAR_DIR/<command>-<n>.log."""
    var = Path(env["PRESSWATCH_VAR_DIR"])
    log = var / f"{args[0]}-{len(list(var.glob(args[0] + '-*.log')))}.log"
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "config.cli", *args],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def children_of(pid: int) -> list[int]:
    found = subprocess.run(
        ["pgrep", "-P", str(pid)],
        capture_output=True,
        text=True,
        check=False,
    )
    return [int(p) for p in found.stdout.split()]


class Browser:
    """A cookie-keeping HTTP client that signs in and posts forms with their CSRF token."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return str(response.read().decode())

    def post_form(self, path: str, fields: dict[str, str]) -> int:
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None, f"no CSRF token on {path}"
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token.group(1)}).encode()
        request = urllib.request.Request(
            self.base + path, data=data, headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=30) as response:
            return int(response.status)
