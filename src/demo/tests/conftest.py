"""A demo server on a free port with a frozen clock: time moves only by ``clock.advance``."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message

import pytest

from demo.clock import ScenarioClock
from demo.server import DemoHTTPServer, serve_in_thread

SLOW_SECONDS = 0.3


@dataclass(frozen=True)
class Fetched:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, *, method: str = "GET", headers: dict[str, str] | None = None) -> Fetched:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Fetched(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers, error.read())


@pytest.fixture
def clock() -> ScenarioClock:
    return ScenarioClock(monotonic=lambda: 0.0)


@pytest.fixture
def server(clock: ScenarioClock) -> Iterator[DemoHTTPServer]:
    running = serve_in_thread(clock=clock, slow_seconds=SLOW_SECONDS)
    try:
        yield running
    finally:
        running.stop()
