"""robots.txt rules per origin, fetched once per TTL through an injected async function (protego).

Outcomes of fetching ``/robots.txt`` (RFC 9309 §2.3.1, with one deliberate difference):

- 2xx: the rules are parsed (at most 500 KiB, the RFC's minimum) and applied;
- 4xx (404, 410, 401, 403…): "unavailable", everything is allowed;
- 5xx, a timeout or a network error: everything is allowed **and the problem is reported**
  (:meth:`RobotsCache.status`). RFC 9309 would treat this as "disallow all"; a press authority must
  keep watching a site whose robots.txt is broken, so PressWatch allows and records it instead.

A failed fetch is cached for a shorter time (``error_ttl_seconds``) than a successful one.

A :class:`RobotsCache` lives as long as its event loop (one job). :class:`SharedRobots` keeps the
answers (2xx and 4xx, not failures) for every job of the process: wrap the fetcher with
:func:`shared_fetcher` and robots.txt is fetched once per origin and TTL per worker process.
With Redis, :class:`RedisRobots` keeps them for every worker process and machine instead.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from protego import Protego

logger = logging.getLogger(__name__)

#: ``fetch(robots_url) -> (status, body)``; may raise on timeouts and network errors.
RobotsFetcher = Callable[[str], Awaitable[tuple[int, bytes]]]
MAX_ROBOTS_BYTES = 500 * 1024
MAX_CRAWL_DELAY_SECONDS = 60.0  # a larger Crawl-delay would stop monitoring altogether


@dataclass(frozen=True, slots=True)
class RobotsStatus:
    """What the last fetch of one origin's robots.txt gave: ``ok``, ``missing`` or ``error``."""

    origin: str
    state: str
    note: str = ""
    fetched_at: float = 0.0


@dataclass(frozen=True, slots=True)
class _Entry:
    rules: Protego | None  # None: allow everything
    status: RobotsStatus
    expires: float


class SharedRobots:
    """robots.txt answers kept for a process (thread-safe): ``url → (status, body, time)``."""

    def __init__(
        self,
        *,
        ttl_seconds: float = 24 * 3600,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lock = threading.Lock()
        self._answers: dict[str, tuple[int, bytes, float]] = {}
        self._ttl = ttl_seconds
        self._max = max_entries
        self._clock = clock
        self.fetches = 0  # how many times the network was asked (for tests and metrics)

    def get(self, url: str) -> tuple[int, bytes] | None:
        with self._lock:
            answer = self._answers.get(url)
        if answer is None or answer[2] + self._ttl <= self._clock():
            return None
        return answer[0], answer[1]

    def put(self, url: str, status: int, body: bytes) -> None:
        with self._lock:
            if len(self._answers) >= self._max:
                self._answers.clear()
            self._answers[url] = (status, body, self._clock())


class RobotsStore(Protocol):
    """Where robots.txt answers are kept between jobs: ``url → (status, body)``."""

    fetches: int

    def get(self, url: str) -> tuple[int, bytes] | None: ...

    def put(self, url: str, status: int, body: bytes) -> None: ...


class RedisRobots:
    """robots.txt answers in Redis, shared by every worker process and machine (24 h).

    A value is the status as three digits followed by the body. When Redis does not answer, the
    process's own table serves (a warning is logged) and the crawl goes on.
    """

    PREFIX = "presswatch:robots:"

    def __init__(
        self, client: Any, *, ttl_seconds: int = 24 * 3600, fallback: SharedRobots | None = None
    ) -> None:
        self._client = client
        self._ttl = ttl_seconds
        self._fallback = fallback or SharedRobots(ttl_seconds=ttl_seconds)
        self.fetches = 0

    def get(self, url: str) -> tuple[int, bytes] | None:
        try:
            value = self._client.get(self.PREFIX + url)
        except Exception as error:
            logger.warning("robots.txt answers in Redis unavailable (%s); per process now", error)
            return self._fallback.get(url)
        if value is None or len(value) < 3 or not value[:3].isdigit():
            return None
        return int(value[:3]), bytes(value[3:])

    def put(self, url: str, status: int, body: bytes) -> None:
        try:
            self._client.set(self.PREFIX + url, b"%03d" % status + body, ex=self._ttl)
        except Exception as error:
            logger.warning("robots.txt answers in Redis unavailable (%s); per process now", error)
            self._fallback.put(url, status, body)


def shared_fetcher(fetch: RobotsFetcher, shared: RobotsStore) -> RobotsFetcher:
    """``fetch`` answered from ``shared`` when it holds a fresh answer; 5xx and errors not kept."""

    async def fetch_shared(url: str) -> tuple[int, bytes]:
        known = shared.get(url)
        if known is not None:
            return known
        shared.fetches += 1
        status, body = await fetch(url)
        if status < 500:
            shared.put(url, status, body)
        return status, body

    return fetch_shared


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, lower-case (robots.txt applies per origin)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.lower()
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class RobotsCache:
    """robots.txt of each origin, fetched at most once per TTL even under concurrent requests."""

    def __init__(
        self,
        fetch: RobotsFetcher,
        *,
        ttl_seconds: float = 24 * 3600,
        error_ttl_seconds: float = 3600,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._ttl = ttl_seconds
        self._error_ttl = error_ttl_seconds
        self._clock = clock
        self._entries: dict[str, _Entry] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: str, user_agent: str) -> bool:
        """May ``user_agent`` fetch ``url``? Fetches the origin's robots.txt when needed."""
        entry = await self._entry(url)
        return entry.rules is None or bool(entry.rules.can_fetch(url, user_agent))

    async def crawl_delay(self, url: str, user_agent: str) -> float | None:
        """The origin's ``Crawl-delay`` (or ``Request-rate``) for ``user_agent``, capped at 60 s."""
        entry = await self._entry(url)
        if entry.rules is None:
            return None
        delay = entry.rules.crawl_delay(user_agent)
        if delay is None:
            rate = entry.rules.request_rate(user_agent)
            delay = rate.seconds / rate.requests if rate and rate.requests else None
        return None if delay is None else min(float(delay), MAX_CRAWL_DELAY_SECONDS)

    def status(self, url: str) -> RobotsStatus | None:
        """The last fetch outcome for ``url``'s origin (None before the first fetch)."""
        entry = self._entries.get(origin_of(url))
        return entry.status if entry else None

    async def _entry(self, url: str) -> _Entry:
        origin = origin_of(url)
        entry = self._entries.get(origin)
        if entry is not None and entry.expires > self._clock():
            return entry
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            entry = self._entries.get(origin)
            if entry is None or entry.expires <= self._clock():
                entry = await self._load(origin)
                self._entries[origin] = entry
        return entry

    async def _load(self, origin: str) -> _Entry:
        now = self._clock()
        try:
            status, body = await self._fetch(f"{origin}/robots.txt")
        except Exception as error:  # any failure of the outside world: allow, report, retry later
            note = f"robots.txt unavailable: {type(error).__name__}: {error}"
            logger.warning("%s (%s)", note, origin)
            return _Entry(None, RobotsStatus(origin, "error", note, now), now + self._error_ttl)
        if 200 <= status < 300:
            text = body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
            status_ok = RobotsStatus(origin, "ok", "", now)
            return _Entry(Protego.parse(text), status_ok, now + self._ttl)
        if 400 <= status < 500:
            missing = RobotsStatus(origin, "missing", f"HTTP {status}: all allowed", now)
            return _Entry(None, missing, now + self._ttl)
        note = f"robots.txt unavailable: HTTP {status}; all allowed"
        logger.warning("%s (%s)", note, origin)
        return _Entry(None, RobotsStatus(origin, "error", note, now), now + self._error_ttl)
