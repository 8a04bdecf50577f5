"""Politeness towards one host: a minimum interval between request starts and a concurrency cap.

An optional global cap (``max_total``) is taken *last*, after the host's own slot and start time,
so requests queued behind a slow host never occupy global slots while they wait. (A wait for the
global cap can bring one already-reserved start closer than the interval to the delayed one;
every start reserved afterwards keeps the full interval.)

:class:`HostGate` is shared by every fetch of one process (one event loop). Each host (``host`` or
``host:port``) gets its own semaphore of ``max_per_host`` slots and its own "next start" time;
waiting for a slow host never holds anything another host needs, so a hanging site cannot delay
the others. The start times are *reserved* under a lock and slept outside it, so N waiting requests
start at ``t, t+interval, t+2·interval…`` without a thundering herd.

The clock and the sleep function are injectable: tests drive the gate with a fake clock and no
real waiting.

Jobs of one worker process run in different threads, each with its own short-lived event loop
and gate. :class:`SharedStarts` carries the per-host "next start" between them (a thread-safe
table), so the minimum interval holds across concurrent jobs of a process, not only within one.
With Redis (several worker processes or machines), :class:`RedisStarts` keeps that table in Redis,
booked by one atomic script, so the interval holds across every worker of the installation.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


def host_key(url: str) -> str:
    """``host`` or ``host:port`` of ``url``, lower-case: the unit politeness is counted in."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url.lower()
    host = (parts.hostname or "").lower()
    return f"{host}:{port}" if port else host


@dataclass(slots=True)
class _HostState:
    slots: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = float("-inf")
    waiting: int = 0


LOGGER = logging.getLogger(__name__)


class StartsTable(Protocol):
    """Per-host next start times shared beyond one gate (times on the gate's clock)."""

    def reserve(self, host: str, earliest: float, interval: float) -> float: ...


class SharedStarts:
    """Per-host next start times shared by the gates of one process (thread-safe)."""

    def __init__(self, *, max_hosts: int = 10_000) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._max_hosts = max_hosts

    def reserve(self, host: str, earliest: float, interval: float) -> float:
        """The start time for a request to ``host`` not before ``earliest``; books the next."""
        with self._lock:
            start = max(earliest, self._next.get(host, float("-inf")))
            if len(self._next) >= self._max_hosts and host not in self._next:
                self._forget_passed(earliest)
            self._next[host] = start + interval
            return start

    def _forget_passed(self, now: float) -> None:
        for host in [host for host, start in self._next.items() if start <= now]:
            del self._next[host]


#: KEYS[1]: the host's key; ARGV: earliest start, interval, now (wall-clock seconds). The key
#: lives a minute past the host's next start.
_RESERVE_SCRIPT = """
local booked = tonumber(redis.call('GET', KEYS[1]) or '-1')
local start = math.max(tonumber(ARGV[1]), booked)
local following = start + tonumber(ARGV[2])
local expiry = math.floor((following - tonumber(ARGV[3]) + 60) * 1000)
redis.call('SET', KEYS[1], tostring(following), 'PX', math.max(expiry, 1000))
return tostring(start)
"""


class RedisStarts:
    """Per-host next start times in Redis, shared by every worker process and machine.

    Redis holds wall-clock times (the machines' clocks agree through NTP); the gate's clock is
    monotonic, so each booking converts between the two. A key expires a minute after its host's
    next start. When Redis does not answer, the process's own table takes over (a warning is
    logged): politeness then holds per process, and crawling goes on.
    """

    PREFIX = "presswatch:politeness:"

    def __init__(
        self,
        client: Any,
        *,
        fallback: SharedStarts | None = None,
        wall: Clock = time.time,
        monotonic: Clock = time.monotonic,
    ) -> None:
        self._client = client
        self._script = client.register_script(_RESERVE_SCRIPT)
        self._fallback = fallback or SharedStarts()
        self._wall = wall
        self._monotonic = monotonic

    def reserve(self, host: str, earliest: float, interval: float) -> float:
        now = self._wall()
        offset = now - self._monotonic()
        try:
            start = float(
                self._script(keys=[self.PREFIX + host], args=[earliest + offset, interval, now])
            )
        except Exception as error:  # Redis down or refusing: keep crawling, politely per process
            LOGGER.warning("politeness table in Redis unavailable (%s); per process now", error)
            return self._fallback.reserve(host, earliest, interval)
        return start - offset


class HostGate:
    """Per-host minimum interval between request starts and a cap on concurrent requests."""

    def __init__(
        self,
        *,
        min_interval_seconds: float,
        max_per_host: int,
        max_total: int | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        shared: StartsTable | None = None,
    ) -> None:
        self.min_interval_seconds = max(0.0, min_interval_seconds)
        self.max_per_host = max(1, max_per_host)
        self._total = asyncio.Semaphore(max_total) if max_total else None
        self._clock = clock
        self._sleep = sleep
        self._shared = shared
        self._hosts: dict[str, _HostState] = {}

    def _state(self, host: str) -> _HostState:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _HostState(asyncio.Semaphore(self.max_per_host))
        return state

    async def _reserve(self, state: _HostState, host: str, interval: float) -> float:
        """The start time given to this request; the next one may start ``interval`` later."""
        async with state.lock:
            start = max(self._clock(), state.next_start)
            if self._shared is not None:
                start = self._shared.reserve(host, start, interval)
            state.next_start = start + interval
            return start

    @asynccontextmanager
    async def slot(self, url: str, *, min_interval: float | None = None) -> AsyncIterator[None]:
        """Wait for a free slot on ``url``'s host and for its start time, then hold the slot.

        ``min_interval`` overrides the gate's interval for this host (e.g. a robots.txt
        ``Crawl-delay`` longer than the policy's interval).
        """
        state = self._state(host_key(url))
        interval = self.min_interval_seconds if min_interval is None else max(0.0, min_interval)
        state.waiting += 1
        try:
            async with state.slots:
                start = await self._reserve(state, host_key(url), interval)
                delay = start - self._clock()
                if delay > 0:
                    await self._sleep(delay)
                if self._total is None:
                    yield
                else:
                    async with self._total:
                        # a wait for the global cap delays this start: later starts keep the gap
                        state.next_start = max(state.next_start, self._clock() + interval)
                        yield
        finally:
            state.waiting -= 1
            if state.waiting == 0 and not state.slots.locked():
                self._forget_if_idle(host_key(url), state)

    def _forget_if_idle(self, host: str, state: _HostState) -> None:
        """Drop an idle host whose interval has passed, so the table does not grow forever."""
        if state.next_start <= self._clock():
            self._hosts.pop(host, None)

    def pending(self, url: str) -> int:
        """Requests to ``url``'s host that hold or wait for a slot (for tests and metrics)."""
        state = self._hosts.get(host_key(url))
        return state.waiting if state else 0
