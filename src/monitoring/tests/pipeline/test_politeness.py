"""HostGate: per-host interval and concurrency, global cap, with a fake clock."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from monitoring.pipeline.politeness import HostGate, host_key


class FakeClock:
    """Time that stands still; the gate's sleeps are recorded instead of waited."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        await asyncio.sleep(0)


def gate(
    clock: FakeClock, *, interval: float = 5.0, per_host: int = 2, total: int | None = None
) -> HostGate:
    return HostGate(
        min_interval_seconds=interval, max_per_host=per_host, max_total=total, clock=clock,
        sleep=clock.sleep,
    )  # fmt: skip


def test_host_key() -> None:
    assert host_key("https://BaoSongLam.vn/a") == "baosonglam.vn"
    assert host_key("http://127.0.0.1:8080/x") == "127.0.0.1:8080"
    assert host_key("http://[::1") == "http://[::1"


def test_starts_to_one_host_are_spaced_by_the_interval() -> None:
    clock = FakeClock()
    hosts = gate(clock, interval=5.0, per_host=4)

    async def fetch() -> None:
        async with hosts.slot("https://baosonglam.vn/a"):
            pass

    async def main() -> None:
        await asyncio.gather(*(fetch() for _ in range(4)))

    asyncio.run(main())
    assert sorted(clock.sleeps) == [5.0, 10.0, 15.0]  # starts at 0, 5, 10, 15


def test_other_hosts_do_not_wait() -> None:
    clock = FakeClock()
    hosts = gate(clock, interval=60.0)
    entered: list[str] = []

    async def fetch(url: str) -> None:
        async with hosts.slot(url):
            entered.append(url)

    async def main() -> None:
        await fetch("https://a.vn/1")
        await asyncio.gather(
            fetch("https://a.vn/2"), fetch("https://b.vn/1"), fetch("https://c.vn/1")
        )

    asyncio.run(main())
    assert clock.sleeps == [60.0]  # only a.vn's second request waited
    assert entered[1:] == ["https://b.vn/1", "https://c.vn/1", "https://a.vn/2"]


def test_crawl_delay_overrides_the_interval() -> None:
    clock = FakeClock()
    hosts = gate(clock, interval=1.0)

    async def fetch() -> None:
        async with hosts.slot("https://a.vn/", min_interval=30.0):
            pass

    async def main() -> None:
        await asyncio.gather(fetch(), fetch())

    asyncio.run(main())
    assert clock.sleeps == [30.0]


def test_real_clock_interval() -> None:
    hosts = HostGate(min_interval_seconds=0.2, max_per_host=2)
    loop_times: list[float] = []

    async def fetch() -> None:
        async with hosts.slot("https://a.vn/"):
            loop_times.append(asyncio.get_running_loop().time())

    async def main() -> None:
        await asyncio.gather(fetch(), fetch())

    asyncio.run(main())
    assert loop_times[1] - loop_times[0] >= 0.19


def test_concurrency_cap_per_host() -> None:
    hosts = HostGate(min_interval_seconds=0, max_per_host=2)
    inside = 0
    most = 0

    async def fetch() -> None:
        nonlocal inside, most
        async with hosts.slot("https://a.vn/"):
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(0.01)
            inside -= 1

    async def main() -> None:
        await asyncio.gather(*(fetch() for _ in range(6)))

    asyncio.run(main())
    assert most == 2


def test_waiting_for_a_busy_host_holds_no_global_slot() -> None:
    hosts = HostGate(min_interval_seconds=0, max_per_host=1, max_total=2)
    release = asyncio.Event
    entered: list[str] = []

    async def main() -> None:
        done = release()

        async def hold(url: str) -> None:
            async with hosts.slot(url):
                entered.append(url)
                await done.wait()

        first = asyncio.create_task(hold("https://cham.vn/1"))
        second = asyncio.create_task(hold("https://cham.vn/2"))  # waits for cham.vn's one slot
        await asyncio.sleep(0.01)
        other = asyncio.create_task(hold("https://nhanh.vn/1"))
        await asyncio.sleep(0.01)
        assert entered == ["https://cham.vn/1", "https://nhanh.vn/1"]
        assert hosts.pending("https://cham.vn/") == 2
        done.set()
        await asyncio.gather(first, second, other)

    asyncio.run(main())
    assert sorted(entered) == ["https://cham.vn/1", "https://cham.vn/2", "https://nhanh.vn/1"]


def test_idle_hosts_are_forgotten() -> None:
    hosts = HostGate(min_interval_seconds=0, max_per_host=1)

    async def main() -> None:
        async with hosts.slot("https://a.vn/"):
            assert hosts.pending("https://a.vn/") == 1

    asyncio.run(main())
    assert hosts.pending("https://a.vn/") == 0
    assert not hosts._hosts  # the table does not grow with every host ever seen


def test_the_interval_holds_across_gates_of_one_process() -> None:
    """Two jobs (threads, each its own event loop and gate) share the per-host start times."""
    import threading

    from monitoring.pipeline.politeness import SharedStarts

    clock = FakeClock()
    shared = SharedStarts()

    def job() -> None:
        hosts = HostGate(
            min_interval_seconds=5.0, max_per_host=2, clock=clock, sleep=clock.sleep, shared=shared
        )

        async def fetch() -> None:
            async with hosts.slot("https://baosonglam.vn/a"):
                pass

        asyncio.run(fetch())

    threads = [threading.Thread(target=job) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(clock.sleeps) == [5.0, 10.0]  # starts at 0, 5, 10 although the gates differ


# --- across processes and machines: the table in Redis (a real server on 127.0.0.1) ------------


def test_two_machines_share_the_interval_through_redis(redis_client: Any) -> None:
    import uuid

    from monitoring.pipeline.politeness import RedisStarts

    host = f"baothu-{uuid.uuid4().hex[:8]}.vn"
    # machine A and B agree on the wall clock; their monotonic clocks started at different times
    a = RedisStarts(redis_client, wall=lambda: 1_800_000_000.0, monotonic=lambda: 100.0)
    b = RedisStarts(redis_client, wall=lambda: 1_800_000_000.0, monotonic=lambda: 9_000.0)
    try:
        assert a.reserve(host, 100.0, 5.0) == pytest.approx(100.0)  # now, on A's clock
        assert b.reserve(host, 9_000.0, 5.0) == pytest.approx(9_005.0)  # 5 s later on B's
        assert a.reserve(host, 100.0, 5.0) == pytest.approx(110.0)
        assert 0 < redis_client.pttl(RedisStarts.PREFIX + host) <= 75_000  # the key goes away
    finally:
        redis_client.delete(RedisStarts.PREFIX + host)


def test_without_redis_the_process_table_keeps_the_interval(
    caplog: pytest.LogCaptureFixture, unreachable_redis: Any
) -> None:
    from monitoring.pipeline.politeness import RedisStarts

    starts = RedisStarts(unreachable_redis, wall=lambda: 1_800_000_000.0, monotonic=lambda: 50.0)
    assert starts.reserve("baothu.vn", 50.0, 5.0) == 50.0
    assert starts.reserve("baothu.vn", 50.0, 5.0) == 55.0
    assert "unavailable" in caplog.text
