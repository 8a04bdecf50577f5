"""Fetch stage with robots.txt and with many hosts at once, against local servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime
import itertools
import time

import httpx
import pytest

from monitoring.pipeline.fetch import fetch_many, fetch_page, robots_fetcher
from monitoring.pipeline.politeness import HostGate
from monitoring.pipeline.robots import RobotsCache
from monitoring.pipeline.types import FetchedPage, FetchPolicy, RetryError, SkipError, Validators
from monitoring.tests.pipeline.local_server import LocalServer, Reply, Route
from monitoring.tests.pipeline.test_fetch import HTML, PAGE, POLICY, fetch, run, with_server

# --- robots.txt -----------------------------------------------------------------------------------
ROBOTS = Reply(
    body=b"User-agent: *\nDisallow: /noi-bo/\nCrawl-delay: 0.3\n",
    headers={"Content-Type": "text/plain"},
)


def test_robots_disallow_is_skipped_and_respect_can_be_turned_off() -> None:
    routes: dict[str, Route] = {"/robots.txt": ROBOTS, "/noi-bo/a": PAGE}
    with pytest.raises(SkipError, match=r"robots\.txt"):
        fetch(routes, "/noi-bo/a")
    ignoring = FetchPolicy(respect_robots=False, min_interval_seconds=0)
    assert fetch(routes, "/noi-bo/a", policy=ignoring).text == HTML


def test_robots_is_read_once_and_crawl_delay_spaces_requests() -> None:
    routes: dict[str, Route] = {"/robots.txt": ROBOTS, "/a": PAGE, "/b": PAGE, "/c": PAGE}

    async def body(server: LocalServer, client: httpx.AsyncClient) -> list[float]:
        robots = RobotsCache(robots_fetcher(client, POLICY))
        gate = HostGate(min_interval_seconds=0, max_per_host=2)
        await asyncio.gather(*(
            fetch_page(server.url(p), client=client, policy=POLICY, robots=robots, gate=gate)
            for p in ("/a", "/b", "/c")
        ))  # fmt: skip
        assert server.hits("/robots.txt") == 1
        return sorted(r.at for r in server.requests if r.path != "/robots.txt")

    arrivals = run(with_server(routes, body))
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert min(gaps) >= 0.28  # Crawl-delay: 0.3 beats the policy's 0 s


def test_redirected_robots_txt_is_followed() -> None:
    routes: dict[str, Route] = {
        "/robots.txt": Reply(301, headers={"Location": "/that/robots.txt"}),
        "/that/robots.txt": ROBOTS,
    }

    async def body(server: LocalServer, client: httpx.AsyncClient) -> tuple[int, bytes]:
        return await robots_fetcher(client, POLICY)(server.url("/robots.txt"))

    status, text = run(with_server(routes, body))
    assert (status, b"Disallow: /noi-bo/" in text) == (200, True)


# --- many pages -----------------------------------------------------------------------------------
def test_a_slow_and_a_hanging_host_do_not_delay_fast_hosts() -> None:
    policy = FetchPolicy(timeout_seconds=2.0, min_interval_seconds=0, max_per_host=2)
    fast_routes: dict[str, Route] = {f"/tin-{n}": PAGE for n in range(6)}
    slow_routes: dict[str, Route] = {f"/cham-{n}": Reply(body=HTML.encode(), delay=1.2)
                                     for n in range(4)}  # fmt: skip
    hanging_routes: dict[str, Route] = {"/treo": Reply(body=b"x", delay=60)}

    async def main() -> tuple[float, float, dict[str, FetchedPage | Exception], list[str]]:
        async with (
            LocalServer(fast_routes) as fast_a,
            LocalServer(fast_routes) as fast_b,
            LocalServer(slow_routes) as slow,
            LocalServer(hanging_routes) as hanging,
            httpx.AsyncClient() as client,
        ):
            urls = [slow.url(f"/cham-{n}") for n in range(4)] + [hanging.url("/treo")]
            urls += [server.url(f"/tin-{n}") for n in range(6) for server in (fast_a, fast_b)]
            urls.append(urls[0])  # a duplicate is fetched once
            started = datetime.datetime.now(datetime.UTC)
            clock = time.perf_counter()
            results = await fetch_many(urls, client=client, policy=policy, concurrency=4)
            elapsed = time.perf_counter() - clock
            fast = [u for u in urls if "/tin-" in u]
            latest_fast = max(
                (results[u].fetched_at - started).total_seconds()  # type: ignore[union-attr]
                for u in fast
            )
            return elapsed, latest_fast, results, urls

    elapsed, latest_fast, results, urls = run(main())
    assert list(results) == list(dict.fromkeys(urls))
    assert latest_fast < 0.8, "fast hosts waited for the slow or hanging one"
    pages = [r for u, r in results.items() if "/cham-" in u or "/tin-" in u]
    assert all(isinstance(r, FetchedPage) and r.text == HTML for r in pages)
    hung = next(r for u, r in results.items() if u.endswith("/treo"))
    assert isinstance(hung, RetryError)
    assert "timeout" in hung.reason
    assert elapsed < 4.5  # two rounds of the slow host (2 per host) and one 2 s timeout


def test_fetch_many_uses_known_validators_and_returns_errors_as_values() -> None:
    async def main() -> dict[str, FetchedPage | Exception]:
        routes: dict[str, Route] = {"/tin": PAGE, "/mat": Reply(404)}
        async with LocalServer(routes) as server, httpx.AsyncClient() as client:
            first = await fetch_page(server.url("/tin"), client=client, policy=POLICY)
            known = {server.url("/tin"): first.validators, server.url("/mat"): Validators()}
            return await fetch_many(known, client=client, policy=POLICY)

    tin, mat = run(main()).values()
    assert isinstance(tin, FetchedPage)
    assert tin.not_modified
    assert isinstance(mat, SkipError)
    assert mat.reason == "gone: 404"


def test_fetch_many_keeps_the_per_host_interval() -> None:
    policy = FetchPolicy(min_interval_seconds=0.2, max_per_host=2, respect_robots=False)

    async def main() -> list[float]:
        routes: dict[str, Route] = {f"/{n}": PAGE for n in range(3)}
        async with LocalServer(routes) as server, httpx.AsyncClient() as client:
            urls = [server.url(f"/{n}") for n in range(3)]
            await fetch_many(urls, client=client, policy=policy)
            return sorted(r.at for r in server.requests)

    arrivals = run(main())
    assert [round(b - a, 2) >= 0.19 for a, b in itertools.pairwise(arrivals)] == [True, True]
