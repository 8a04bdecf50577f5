"""RobotsCache: rules, caching per origin and TTL, and failures that allow but are reported."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

import pytest

from monitoring.pipeline.robots import RobotsCache, origin_of

T = TypeVar("T")
UA = "PressWatch/0.1 (+press monitoring of a provincial authority)"
ROBOTS = b"""
User-agent: *
Disallow: /quan-tri/
Crawl-delay: 7

User-agent: PressWatch
Disallow: /tim-kiem
Allow: /

User-agent: BadBot
Disallow: /
Request-rate: 1/120s
"""


class FakeSite:
    """The outside world: answers robots.txt requests and counts them."""

    def __init__(self, status: int = 200, body: bytes = ROBOTS, error: Exception | None = None):
        self.status, self.body, self.error = status, body, error
        self.calls: list[str] = []

    async def fetch(self, url: str) -> tuple[int, bytes]:
        self.calls.append(url)
        await asyncio.sleep(0.001)
        if self.error is not None:
            raise self.error
        return self.status, self.body


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def test_origin_of() -> None:
    assert origin_of("HTTPS://BaoSongLam.vn:8443/a?b") == "https://baosonglam.vn:8443"


def test_rules_per_user_agent() -> None:
    site = FakeSite()
    robots = RobotsCache(site.fetch)

    async def main() -> list[bool]:
        return [
            await robots.allowed("https://baosonglam.vn/thoi-su/bai-1.html", UA),
            await robots.allowed("https://baosonglam.vn/tim-kiem?q=x", UA),
            await robots.allowed("https://baosonglam.vn/quan-tri/", "OtherBot"),
            await robots.allowed("https://baosonglam.vn/thoi-su/", "BadBot"),
        ]

    assert run(main()) == [True, False, False, False]
    assert site.calls == ["https://baosonglam.vn/robots.txt"]
    assert robots.status("https://baosonglam.vn/x").state == "ok"  # type: ignore[union-attr]


def test_crawl_delay_and_request_rate() -> None:
    robots = RobotsCache(FakeSite().fetch)

    async def main() -> list[float | None]:
        return [
            await robots.crawl_delay("https://baosonglam.vn/", "OtherBot"),
            await robots.crawl_delay("https://baosonglam.vn/", UA),
            await robots.crawl_delay("https://baosonglam.vn/", "BadBot"),
        ]

    assert run(main()) == [7.0, None, 60.0]  # BadBot's 120 s per request is capped at 60 s


def test_fetched_once_per_origin_even_when_asked_concurrently() -> None:
    site = FakeSite()
    robots = RobotsCache(site.fetch)

    async def main() -> None:
        urls = [f"https://baosonglam.vn/bai-{n}.html" for n in range(20)]
        await asyncio.gather(*(robots.allowed(url, UA) for url in urls))
        await robots.allowed("http://baosonglam.vn/", UA)  # another origin

    run(main())
    assert site.calls == ["https://baosonglam.vn/robots.txt", "http://baosonglam.vn/robots.txt"]


def test_refetched_after_the_ttl() -> None:
    site, clock = FakeSite(), Clock()
    robots = RobotsCache(site.fetch, ttl_seconds=3600, clock=clock)
    run(robots.allowed("https://a.vn/", UA))
    clock.now += 3599
    run(robots.allowed("https://a.vn/", UA))
    assert len(site.calls) == 1
    clock.now += 2
    run(robots.allowed("https://a.vn/", UA))
    assert len(site.calls) == 2


@pytest.mark.parametrize("status", [404, 410, 403])
def test_missing_robots_allows_everything(status: int) -> None:
    robots = RobotsCache(FakeSite(status=status, body=b"").fetch)
    assert run(robots.allowed("https://a.vn/quan-tri/", UA)) is True
    state = robots.status("https://a.vn/")
    assert state is not None
    assert (state.state, state.note) == ("missing", f"HTTP {status}: all allowed")


@pytest.mark.parametrize(
    ("site", "note"),
    [
        (FakeSite(status=503, body=b""), "HTTP 503"),
        (FakeSite(error=TimeoutError("slow")), "TimeoutError"),
        (FakeSite(error=ConnectionRefusedError("refused")), "ConnectionRefusedError"),
    ],
)
def test_unreachable_robots_allows_but_reports(site: FakeSite, note: str) -> None:
    clock = Clock()
    robots = RobotsCache(site.fetch, ttl_seconds=86_400, error_ttl_seconds=600, clock=clock)
    assert run(robots.allowed("https://a.vn/quan-tri/", UA)) is True
    state = robots.status("https://a.vn/")
    assert state is not None
    assert state.state == "error"
    assert note in state.note
    clock.now += 601  # errors are retried sooner than successes
    run(robots.allowed("https://a.vn/", UA))
    assert len(site.calls) == 2


def test_garbage_robots_txt_allows() -> None:
    robots = RobotsCache(FakeSite(body=bytes(range(256)) * 10).fetch)
    assert run(robots.allowed("https://a.vn/x", UA)) is True


def test_shared_answers_serve_later_jobs() -> None:
    from monitoring.pipeline.robots import SharedRobots, shared_fetcher

    site, clock = FakeSite(), Clock()
    shared = SharedRobots(ttl_seconds=100, clock=clock)
    for _ in range(3):  # three jobs, each with its own cache (and event loop)
        cache = RobotsCache(shared_fetcher(site.fetch, shared))
        assert not run(cache.allowed("https://baosonglam.vn/tim-kiem?q=x", UA))
    assert len(site.calls) == 1 and shared.fetches == 1
    clock.now += 101
    assert not run(
        RobotsCache(shared_fetcher(site.fetch, shared)).allowed(
            "https://baosonglam.vn/tim-kiem", UA
        )
    )
    assert len(site.calls) == 2


def test_shared_answers_do_not_keep_server_errors() -> None:
    from monitoring.pipeline.robots import SharedRobots, shared_fetcher

    site = FakeSite(status=503)
    shared = SharedRobots()
    for _ in range(2):
        run(RobotsCache(shared_fetcher(site.fetch, shared)).allowed("https://a.vn/x", UA))
    assert len(site.calls) == 2


def test_answers_in_redis_serve_every_machine(redis_client: Any) -> None:
    import uuid

    from monitoring.pipeline.robots import RedisRobots, shared_fetcher

    site = FakeSite()
    origin = f"https://baothu-{uuid.uuid4().hex[:8]}.vn"
    machines = [
        RedisRobots(redis_client, ttl_seconds=60),
        RedisRobots(redis_client, ttl_seconds=60),
    ]
    try:
        for store in machines * 2:  # jobs on two machines, each with its own cache
            cache = RobotsCache(shared_fetcher(site.fetch, store))
            assert not run(cache.allowed(f"{origin}/tim-kiem?q=x", UA))
        assert len(site.calls) == 1  # asked once for the whole installation
        assert 0 < redis_client.ttl(RedisRobots.PREFIX + f"{origin}/robots.txt") <= 60
    finally:
        redis_client.delete(RedisRobots.PREFIX + f"{origin}/robots.txt")


def test_without_redis_each_process_keeps_its_answers(
    caplog: pytest.LogCaptureFixture, unreachable_redis: Any
) -> None:
    from monitoring.pipeline.robots import RedisRobots, shared_fetcher

    store = RedisRobots(unreachable_redis)
    site = FakeSite()
    for _ in range(2):
        run(RobotsCache(shared_fetcher(site.fetch, store)).allowed("https://a.vn/tim-kiem", UA))
    assert len(site.calls) == 1 and "unavailable" in caplog.text
