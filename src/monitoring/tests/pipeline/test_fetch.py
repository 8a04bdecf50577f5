"""Fetch stage against real local HTTP servers on 127.0.0.1 (no mocks of our code)."""

from __future__ import annotations

import asyncio
import datetime
import gzip
import socket
import time
import tracemalloc
import zlib
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import httpx
import pytest

from monitoring.pipeline.fetch import (
    RetryAfterError,
    fetch_page,
    parse_content_type,
    parse_retry_after,
)
from monitoring.pipeline.types import (
    FetchedPage,
    FetchPolicy,
    QuarantineError,
    RetryError,
    SkipError,
    Validators,
)
from monitoring.tests.pipeline.local_server import LocalServer, Reply, Request, Route
from monitoring.tests.pipeline.test_charset import cp1258

T = TypeVar("T")
POLICY = FetchPolicy(timeout_seconds=3.0, min_interval_seconds=0.0)
HTML = "<html><head><meta charset='utf-8'><title>Tin</title></head><body>Xin chào Sông Lam</body>"
PAGE = Reply(
    body=HTML.encode(),
    headers={
        "Content-Type": "text/html; charset=utf-8",
        "ETag": '"v1"',
        "Last-Modified": "Thu, 26 Nov 2026 01:00:00 GMT",
    },
)


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


async def with_server(
    routes: dict[str, Route],
    body: Callable[[LocalServer, httpx.AsyncClient], Awaitable[T]],
) -> T:
    async with LocalServer(routes) as server, httpx.AsyncClient() as client:
        return await body(server, client)


def fetch(
    routes: dict[str, Route],
    path: str,
    *,
    policy: FetchPolicy = POLICY,
    validators: Validators | None = None,
) -> FetchedPage:
    async def body(server: LocalServer, client: httpx.AsyncClient) -> FetchedPage:
        return await fetch_page(
            server.url(path), client=client, policy=policy, validators=validators
        )

    return run(with_server(routes, body))


# --- ordinary pages -------------------------------------------------------------------------------
def test_page_is_decoded_and_carries_validators() -> None:
    page = fetch({"/tin": PAGE}, "/tin")
    assert (page.status, page.content_type, page.encoding) == (200, "text/html", "utf-8")
    assert page.text == HTML
    assert page.validators.etag == '"v1"'
    assert page.validators.last_modified == "Thu, 26 Nov 2026 01:00:00 GMT"
    assert len(page.validators.content_hash) == 64
    assert page.not_modified is False
    assert page.redirects == ()
    assert page.final_url == page.url
    assert page.fetched_at.utcoffset() == datetime.timedelta(hours=7)


def test_windows_1258_page_from_the_header_charset_is_nfc() -> None:
    text = "Hội đồng nhân dân tỉnh thông qua nghị quyết về hỗ trợ nông dân"
    reply = Reply(body=cp1258(text), headers={"Content-Type": "text/html; charset=windows-1258"})
    page = fetch({"/p": reply}, "/p")
    assert (page.text, page.encoding) == (text, "cp1258")


@pytest.mark.parametrize(
    ("coding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send
    ],
)
def test_compressed_pages_are_inflated(coding: str, compress: Callable[[bytes], bytes]) -> None:
    reply = Reply(body=compress(HTML.encode()), headers={"Content-Type": "text/html",
                                                         "Content-Encoding": coding})  # fmt: skip
    assert fetch({"/z": reply}, "/z").text == HTML


def test_feed_content_type_is_allowed_and_pdf_is_not() -> None:
    rss = Reply(body=b"<rss/>", headers={"Content-Type": "application/rss+xml; charset=UTF-8"})
    assert fetch({"/rss": rss}, "/rss").content_type == "application/rss+xml"
    pdf = Reply(body=b"%PDF-1.7", headers={"Content-Type": "application/pdf"})
    with pytest.raises(SkipError, match="application/pdf"):
        fetch({"/a.pdf": pdf}, "/a.pdf")


# --- conditional GET and content hash -------------------------------------------------------------
def test_conditional_get_gives_304_not_modified() -> None:
    def answer(request: Request) -> Reply:
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return PAGE

    first = fetch({"/tin": answer}, "/tin")

    async def body(server: LocalServer, client: httpx.AsyncClient) -> FetchedPage:
        page = await fetch_page(
            server.url("/tin"), client=client, policy=POLICY, validators=first.validators
        )
        (request,) = [r for r in server.requests if r.path == "/tin"]
        assert request.headers["if-modified-since"] == "Thu, 26 Nov 2026 01:00:00 GMT"
        return page

    again = run(with_server({"/tin": answer}, body))
    assert (again.status, again.not_modified, again.text, again.body) == (304, True, "", b"")
    assert again.validators == first.validators  # the hash of the unchanged body is kept


def test_same_body_with_200_is_not_modified() -> None:
    first = fetch({"/tin": PAGE}, "/tin")
    again = fetch({"/tin": PAGE}, "/tin", validators=first.validators)  # server ignores ETags
    assert (again.status, again.not_modified, again.text) == (200, True, "")
    assert again.body == first.body


def test_stale_etag_with_a_changed_body_is_modified() -> None:
    first = fetch({"/tin": PAGE}, "/tin")
    changed = Reply(body=HTML.replace("Xin chào", "Tạm biệt").encode(), headers=PAGE.headers)
    again = fetch({"/tin": changed}, "/tin", validators=first.validators)
    assert again.validators.etag == first.validators.etag  # the server's ETag lies
    assert again.not_modified is False
    assert "Tạm biệt" in again.text


def test_hash_only_validators_send_no_conditional_headers() -> None:
    async def body(server: LocalServer, client: httpx.AsyncClient) -> FetchedPage:
        page = await fetch_page(
            server.url("/tin"), client=client, policy=POLICY,
            validators=Validators(content_hash="0" * 64),
        )  # fmt: skip
        (request,) = [r for r in server.requests if r.path == "/tin"]
        assert "if-none-match" not in request.headers
        assert "if-modified-since" not in request.headers
        return page

    assert run(with_server({"/tin": PAGE}, body)).not_modified is False


# --- statuses -------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [404, 410])
def test_gone(status: int) -> None:
    with pytest.raises(SkipError, match=f"gone: {status}"):
        fetch({"/x": Reply(status)}, "/x")


@pytest.mark.parametrize("status", [400, 401, 403, 451])
def test_other_client_errors_are_skipped(status: int) -> None:
    with pytest.raises(SkipError, match=f"HTTP {status}"):
        fetch({"/x": Reply(status)}, "/x")


def test_429_carries_retry_after() -> None:
    with pytest.raises(RetryAfterError, match="HTTP 429; retry after 120 s") as caught:
        fetch({"/x": Reply(429, headers={"Retry-After": "120"})}, "/x")
    assert caught.value.retry_after_seconds == 120.0
    assert isinstance(caught.value, RetryError)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_retried(status: int) -> None:
    with pytest.raises(RetryError, match=f"HTTP {status}"):
        fetch({"/x": Reply(status)}, "/x")


def test_parse_retry_after() -> None:
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=90)
    assert 80 < (parse_retry_after(later.strftime("%a, %d %b %Y %H:%M:%S GMT")) or 0) <= 90
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_parse_content_type() -> None:
    assert parse_content_type('Text/HTML; Charset="Windows-1258"') == ("text/html", "windows-1258")
    assert parse_content_type("") == ("", None)


# --- redirects ------------------------------------------------------------------------------------
def test_redirect_chain_is_recorded() -> None:
    routes: dict[str, Route] = {
        "/cu": Reply(301, headers={"Location": "/trung-gian"}),
        "/trung-gian": Reply(302, headers={"Location": "/moi"}),
        "/moi": PAGE,
    }
    page = fetch(routes, "/cu")
    assert page.final_url.endswith("/moi")
    assert [url.rsplit("/", 1)[-1] for url in page.redirects] == ["cu", "trung-gian"]
    assert page.text == HTML


def test_redirect_loop_is_skipped() -> None:
    routes: dict[str, Route] = {
        "/a": Reply(301, headers={"Location": "/b"}),
        "/b": Reply(301, headers={"Location": "/a"}),
    }
    with pytest.raises(SkipError, match="redirect loop"):
        fetch(routes, "/a")


def test_too_many_redirects_are_skipped() -> None:
    routes: dict[str, Route] = {
        f"/{n}": Reply(302, headers={"Location": f"/{n + 1}"}) for n in range(10)
    }
    with pytest.raises(SkipError, match="too many redirects"):
        fetch(routes, "/0", policy=FetchPolicy(max_redirects=3, min_interval_seconds=0))


@pytest.mark.parametrize("location", ["ftp://baosonglam.vn/a", "javascript:alert(1)"])
def test_redirect_out_of_http_is_skipped(location: str) -> None:
    with pytest.raises(SkipError, match=r"not an http|invalid URL"):
        fetch({"/a": Reply(301, headers={"Location": location})}, "/a")


# --- hostile bodies -------------------------------------------------------------------------------
SMALL = FetchPolicy(max_bytes=1_000_000, timeout_seconds=5.0, min_interval_seconds=0)


def test_declared_huge_body_is_refused_before_reading() -> None:
    reply = Reply(body=b"x" * 2_000_000)
    with pytest.raises(SkipError, match="too large: 2000000 bytes"):
        fetch({"/big": reply}, "/big", policy=SMALL)


def test_undeclared_huge_body_stops_while_streaming() -> None:
    reply = Reply(body=b"<p>" + b"x" * 3_000_000, content_length=False)
    with pytest.raises(SkipError, match="too large: more than 1000000 bytes"):
        fetch({"/big": reply}, "/big", policy=SMALL)


def test_gzip_bomb_stops_at_the_limit_without_inflating_it() -> None:
    bomb = gzip.compress(b"\0" * 100_000_000, compresslevel=9)
    assert len(bomb) < 200_000  # 100 MB of zeros in ~100 KB
    reply = Reply(body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(SkipError, match="too large"):
            fetch({"/bomb": reply}, "/bomb", policy=SMALL)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 15_000_000  # never near the 100 MB the bomb would inflate to
    assert time.perf_counter() - started < 5.0


def test_corrupt_gzip_is_quarantined() -> None:
    body = gzip.compress(HTML.encode())[:10] + b"\xff" * 50
    reply = Reply(body=body, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    with pytest.raises(QuarantineError, match="corrupt gzip"):
        fetch({"/z": reply}, "/z")


def test_unsupported_encoding_is_skipped() -> None:
    reply = Reply(body=b"\x8b\x02", headers={"Content-Type": "text/html", "Content-Encoding": "br"})
    with pytest.raises(SkipError, match="content-encoding: br"):
        fetch({"/z": reply}, "/z")


def test_binary_served_as_html_is_quarantined() -> None:
    reply = Reply(body=bytes(range(256)) * 50, headers={"Content-Type": "text/html"})
    with pytest.raises(QuarantineError, match="undecodable"):
        fetch({"/x": reply}, "/x")


# --- time and network -----------------------------------------------------------------------------
QUICK = FetchPolicy(timeout_seconds=0.5, min_interval_seconds=0)


def test_hanging_server_times_out() -> None:
    started = time.perf_counter()
    with pytest.raises(RetryError, match=r"timeout after 0\.5 s"):
        fetch({"/treo": Reply(body=b"x", delay=30)}, "/treo", policy=QUICK)
    assert time.perf_counter() - started < 2.0


def test_trickling_server_is_stopped_by_the_whole_hop_timeout() -> None:
    reply = Reply(body=b"<p>" + b"x" * 2000, chunk=100, trickle=0.1)  # 2 s in total, 0.1 s gaps
    started = time.perf_counter()
    with pytest.raises(RetryError, match="timeout"):
        fetch({"/nho-giot": reply}, "/nho-giot", policy=QUICK)
    assert time.perf_counter() - started < 2.0


def test_refused_connection_is_retried() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there

    async def main() -> FetchedPage:
        async with httpx.AsyncClient() as client:
            return await fetch_page(f"http://127.0.0.1:{port}/", client=client, policy=QUICK)

    with pytest.raises(RetryError, match="network error"):
        run(main())


@pytest.mark.parametrize("url", ["ftp://baosonglam.vn/", "file:///etc/passwd", "baosonglam.vn"])
def test_non_http_urls_are_skipped(url: str) -> None:
    async def main() -> FetchedPage:
        async with httpx.AsyncClient() as client:
            return await fetch_page(url, client=client, policy=POLICY)

    with pytest.raises(SkipError, match="not an http"):
        run(main())


# --- fetch then discover --------------------------------------------------------------------------
def test_fetched_feed_and_gzipped_child_sitemap_are_discovered() -> None:
    from monitoring.pipeline.discover import parse_feed, parse_sitemap
    from monitoring.tests.pipeline.test_discover import sample

    feed = Reply(body=sample("feeds/baotinh_thoi_su.rss"), headers={"Content-Type": "text/xml"})
    gz = Reply(body=gzip.compress(sample("sitemaps/news_sitemap.xml")),
               headers={"Content-Type": "application/x-gzip"})  # fmt: skip
    policy = FetchPolicy(
        min_interval_seconds=0,
        allowed_types=(*FetchPolicy().allowed_types, "application/x-gzip", "application/gzip"),
    )
    routes: dict[str, Route] = {"/rss": feed, "/sitemap.xml.gz": gz}
    feed_page = fetch(routes, "/rss", policy=policy)
    assert len(parse_feed(feed_page.body, url=feed_page.final_url).entries) == 3
    sitemap_page = fetch(routes, "/sitemap.xml.gz", policy=policy)
    assert sitemap_page.text == ""  # not text: the body stays gzip for parse_sitemap
    assert len(parse_sitemap(sitemap_page.body, url=sitemap_page.final_url).entries) == 3


@pytest.mark.parametrize(
    "url", ["http://", "http://[::1", "http://127.0.0.1:99999/", "http://xn--/", "http://:80/"]
)
def test_malformed_urls_are_skipped(url: str) -> None:
    async def main() -> FetchedPage:
        async with httpx.AsyncClient() as client:
            return await fetch_page(url, client=client, policy=QUICK)

    with pytest.raises(SkipError, match="invalid URL"):
        run(main())
