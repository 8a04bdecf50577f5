"""Fetch stage: one page (or many) over HTTP with httpx, politely and defensively.

Conditional GET (``If-None-Match``/``If-Modified-Since``) *and* a SHA-256 of the decoded body:
``not_modified`` is True for a 304 or for a 200 whose body equals ``validators.content_hash`` (some
servers send stale ETags); then ``text`` is "" (``body`` is kept). Pass ``Validators`` with only
``content_hash`` to stop sending conditional headers to a server whose validators lie.

Outcomes: timeout, network error, 429, 5xx → :class:`RetryError` (:class:`RetryAfterError` with
``Retry-After`` in seconds, also in the reason); 404/410 → ``SkipError("gone: 404")``; other 4xx,
odd statuses, a type outside ``policy.allowed_types``, too many redirects or a loop, a body over
``policy.max_bytes`` ("too large"), robots.txt refusal, a non-http(s) URL, a host on a private
address when ``policy.block_private`` (see :mod:`~monitoring.pipeline.addresses`) → SkipError;
a corrupt compressed body or undecodable text → :class:`QuarantineError`.

Redirects are followed by hand, each hop checked against robots.txt and the host gate;
``FetchedPage.redirects`` lists every URL that answered with a redirect (starting with ``url``).
Bodies are read raw and inflated here with a bound on the output (only gzip and deflate are
offered), so a decompression bomb stops at ``policy.max_bytes`` without ever holding more. Each
hop is bounded as a whole by ``policy.timeout_seconds`` (which also stops byte-tricklers).
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import hashlib
import logging
import zlib
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from monitoring.pipeline import addresses
from monitoring.pipeline.charset import decode_body, find_declared_charset
from monitoring.pipeline.discover import VN_TZ
from monitoring.pipeline.politeness import HostGate
from monitoring.pipeline.robots import MAX_ROBOTS_BYTES, RobotsCache, RobotsFetcher
from monitoring.pipeline.types import (
    FetchedPage,
    FetchPolicy,
    QuarantineError,
    RetryError,
    SkipError,
    StageError,
    Validators,
)

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,*/*;q=0.8"
ROBOTS_TIMEOUT_SECONDS = 10.0


class RetryAfterError(RetryError):
    """A 429 or 5xx answer; ``retry_after_seconds`` is the server's ``Retry-After`` if given."""

    def __init__(self, reason: str, retry_after_seconds: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True, slots=True)
class _Answer:
    """A final (non-redirect) answer of one hop, body already read and decompressed."""

    status: int
    content_type: str
    charset: str | None
    body: bytes
    etag: str
    last_modified: str


# --- one page -------------------------------------------------------------------------------------
async def fetch_page(
    url: str,
    *,
    client: httpx.AsyncClient,
    policy: FetchPolicy,
    validators: Validators | None = None,
    robots: RobotsCache | None = None,
    gate: HostGate | None = None,
) -> FetchedPage:
    """Fetch ``url`` (see the module docstring for outcomes).

    With ``policy.respect_robots`` and no ``robots`` cache, a cache for this call alone is made
    (robots.txt is then fetched on every call: pass a shared :class:`RobotsCache`). Without a
    ``gate`` no per-host interval is kept.
    """
    if policy.respect_robots and robots is None:
        robots = RobotsCache(robots_fetcher(client, policy))
    chain: list[str] = []
    current = url
    allowed = addresses.parse_networks(policy.private_allowed) if policy.block_private else ()
    while True:
        _check_url(current)
        if policy.block_private:
            await addresses.check_url_address(current, allowed)
        interval = await _robots_interval(
            current, robots if policy.respect_robots else None, policy
        )
        answer = await _fetch_hop(current, client, policy, validators, gate, interval)
        if isinstance(answer, _Answer):
            return _page(url, current, tuple(chain), answer, validators)
        chain.append(current)
        if answer in chain:
            raise SkipError(f"redirect loop: {answer[:200]}")
        if len(chain) > policy.max_redirects:
            raise SkipError(f"too many redirects (more than {policy.max_redirects})")
        current = answer


def _check_url(url: str) -> None:
    if not url.lower().startswith(("http://", "https://")):
        raise SkipError(f"not an http(s) URL: {url[:200]}")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise SkipError(f"invalid URL: {error}") from None
    if not parts.hostname or port == 0:
        raise SkipError(f"invalid URL: {url[:200]}")


async def _robots_interval(url: str, robots: RobotsCache | None, policy: FetchPolicy) -> float:
    """The host interval for ``url`` (the policy's, or a longer Crawl-delay); refuse if barred."""
    if robots is None:
        return policy.min_interval_seconds
    if not await robots.allowed(url, policy.user_agent):
        raise SkipError("robots.txt disallows this URL")
    delay = await robots.crawl_delay(url, policy.user_agent)
    return max(policy.min_interval_seconds, delay or 0.0)


@asynccontextmanager
async def _slot(gate: HostGate | None, url: str, interval: float) -> AsyncIterator[None]:
    if gate is None:
        yield
    else:
        async with gate.slot(url, min_interval=interval):
            yield


async def _fetch_hop(
    url: str,
    client: httpx.AsyncClient,
    policy: FetchPolicy,
    validators: Validators | None,
    gate: HostGate | None,
    interval: float,
) -> _Answer | str:
    """One request: an answer, or the absolute URL a redirect points to."""
    seconds = policy.timeout_seconds
    async with _slot(gate, url, interval):
        try:
            async with asyncio.timeout(seconds):
                headers = _headers(policy, validators)
                request = client.build_request("GET", url, headers=headers, timeout=seconds)
                response = await client.send(request, stream=True, follow_redirects=False)
                try:
                    return await _answer(response, policy)
                finally:
                    await response.aclose()
        except (TimeoutError, httpx.TimeoutException):
            raise RetryError(f"timeout after {seconds:g} s") from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL, httpx.LocalProtocolError) as error:
            raise SkipError(f"invalid URL or request: {error}") from None
        except ValueError as error:  # e.g. idna.IDNAError for a malformed host name
            raise SkipError(f"invalid URL: {error}") from None
        except httpx.TransportError as error:
            raise RetryError(f"network error: {type(error).__name__}: {error}") from None


def _headers(policy: FetchPolicy, validators: Validators | None) -> dict[str, str]:
    headers = {"User-Agent": policy.user_agent, "Accept": ACCEPT, "Accept-Language": "vi,en;q=0.5"}
    headers["Accept-Encoding"] = "gzip, deflate"
    if validators is not None and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators is not None and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


async def _answer(response: httpx.Response, policy: FetchPolicy) -> _Answer | str:
    status = response.status_code
    headers = response.headers
    etag, last_modified = headers.get("etag", ""), headers.get("last-modified", "")
    if status == 304:
        return _Answer(304, "", None, b"", etag, last_modified)
    if status in REDIRECT_STATUSES:
        location = str(headers.get("location", "")).strip()
        if not location:
            raise SkipError(f"HTTP {status} redirect without a Location")
        return urljoin(str(response.url), location)
    raise_for_status(status, headers.get("retry-after"))
    content_type, charset = parse_content_type(headers.get("content-type", ""))
    if content_type and content_type not in policy.allowed_types:
        raise SkipError(f"not a page: content type {content_type}")
    body = await read_body(response, policy.max_bytes)
    return _Answer(status, content_type, charset, body, etag, last_modified)


def raise_for_status(status: int, retry_after: str | None = None) -> None:
    """Map a non-2xx, non-redirect, non-304 status to the stage's errors."""
    if status == 429 or 500 <= status < 600:
        wait = parse_retry_after(retry_after)
        later = f"; retry after {wait:.0f} s" if wait is not None else ""
        raise RetryAfterError(f"HTTP {status}{later}", wait)
    if status in (404, 410):
        raise SkipError(f"gone: {status}")
    if 400 <= status < 500:
        raise SkipError(f"HTTP {status}")
    if status == 204 or not 200 <= status < 300:
        raise SkipError(f"unexpected HTTP {status}")


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` (seconds or an HTTP date) → seconds from now, or None."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())


def parse_content_type(value: str) -> tuple[str, str | None]:
    """``"text/html; charset=UTF-8"`` → ``("text/html", "utf-8")``."""
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset" and raw.strip().strip("\"'"):
            charset = raw.strip().strip("\"'").lower()
    return media.strip().lower(), charset


# --- bodies ---------------------------------------------------------------------------------------
class _Inflater:
    """Bounded gzip/deflate decoding: never more than one byte past the room it is given."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._zlib: zlib._Decompress | None
        if coding in ("", "identity"):
            self._zlib = None
        elif coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._zlib = zlib.decompressobj()
        else:
            raise SkipError(f"unsupported content-encoding: {coding[:50]}")
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        if self._zlib is None:
            return data
        try:
            out = self._zlib.decompress(data, room + 1)
        except zlib.error as error:
            if self.coding == "deflate" and not self._started:  # raw deflate without zlib header
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                self._started = True
                return self.feed(data, room)
            raise QuarantineError(f"corrupt {self.coding} body: {error}") from None
        self._started = self._started or len(data) >= 2  # the zlib header has been checked
        return out

    def finish(self) -> None:
        if self._zlib is not None and self.coding != "deflate" and not self._zlib.eof:
            raise RetryError(f"truncated {self.coding} body")


async def read_body(response: httpx.Response, limit: int) -> bytes:
    """The decoded body, read raw and decompressed here; SkipError past ``limit`` bytes."""
    coding = response.headers.get("content-encoding", "").strip().lower()
    declared = response.headers.get("content-length", "").strip()
    if coding in ("", "identity") and declared.isdigit() and int(declared) > limit:
        raise SkipError(f"too large: {declared} bytes (limit {limit})")
    inflater = _Inflater(coding)
    chunks: list[bytes] = []
    raw_size = size = 0
    async for raw in response.aiter_raw():
        raw_size += len(raw)
        data = inflater.feed(raw, limit - size)
        size += len(data)
        if size > limit or raw_size > limit:
            raise SkipError(f"too large: more than {limit} bytes")
        chunks.append(data)
    inflater.finish()
    return b"".join(chunks)


def _is_text(content_type: str) -> bool:
    return (
        not content_type
        or content_type.startswith("text/")
        or content_type.endswith(("xml", "html", "json"))
    )


def _page(
    url: str, final_url: str, redirects: tuple[str, ...], answer: _Answer, old: Validators | None
) -> FetchedPage:
    kept = old or Validators()
    etag, modified, digest = answer.etag, answer.last_modified, kept.content_hash
    same = answer.status == 304
    if same:  # keep what the server did not resend
        etag, modified = etag or kept.etag, modified or kept.last_modified
    else:
        digest = hashlib.sha256(answer.body).hexdigest()
        same = old is not None and digest == kept.content_hash
    text = encoding = ""
    if not same and _is_text(answer.content_type):
        declared = find_declared_charset(answer.body)
        text, encoding = decode_body(answer.body, header_charset=answer.charset, declared=declared)
    return FetchedPage(
        url, final_url, answer.status, answer.content_type, answer.body, text, encoding,
        datetime.datetime.now(VN_TZ), Validators(etag, modified, digest), same, redirects,
    )  # fmt: skip


# --- robots.txt through the same client ---------------------------------------------------------
def robots_fetcher(client: httpx.AsyncClient, policy: FetchPolicy) -> RobotsFetcher:
    """A :data:`RobotsFetcher` over ``client``: up to 5 redirects, 10 s, 500 KiB."""

    async def fetch(url: str) -> tuple[int, bytes]:
        headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"}
        async with asyncio.timeout(min(policy.timeout_seconds, ROBOTS_TIMEOUT_SECONDS)):
            for _ in range(6):
                request = client.build_request("GET", url, headers=headers)
                response = await client.send(request, stream=True, follow_redirects=False)
                try:
                    location = response.headers.get("location", "")
                    if response.status_code in REDIRECT_STATUSES and location:
                        url = urljoin(str(response.url), location)
                        continue
                    if not 200 <= response.status_code < 300:
                        return response.status_code, b""
                    return response.status_code, await read_body(response, MAX_ROBOTS_BYTES)
                finally:
                    await response.aclose()
        return 310, b""  # too many redirects: "unavailable"

    return fetch


# --- many pages -----------------------------------------------------------------------------------
async def fetch_many(
    urls: Iterable[str] | Mapping[str, Validators],
    *,
    client: httpx.AsyncClient,
    policy: FetchPolicy,
    robots: RobotsCache | None = None,
    gate: HostGate | None = None,
    concurrency: int = 8,
) -> dict[str, FetchedPage | Exception]:
    """Fetch many URLs at once → ``{url: page or error}`` in input order (duplicates once).

    ``urls`` may map each URL to its last :class:`Validators`. Without a ``gate``, one is made
    from the policy with a global cap of ``concurrency`` requests (taken after the per-host slot,
    so URLs queued behind a slow host never hold global slots); each hop has its own timeout, so a
    hanging host delays only its own URLs. Stage errors come back as values; any other exception
    is logged and returned too (the caller decides: the task layer marks it FAILED).
    """
    known: Mapping[str, Validators] = urls if isinstance(urls, Mapping) else {}
    if gate is None:
        gate = HostGate(
            min_interval_seconds=policy.min_interval_seconds,
            max_per_host=policy.max_per_host,
            max_total=max(1, concurrency),
        )
    if policy.respect_robots and robots is None:
        robots = RobotsCache(robots_fetcher(client, policy))

    async def one(url: str) -> FetchedPage | Exception:
        try:
            return await fetch_page(
                url,
                client=client,
                policy=policy,
                validators=known.get(url),
                robots=robots,
                gate=gate,
            )
        except StageError as error:
            return error
        except Exception as error:
            logger.exception("unexpected error fetching %s", url)
            return error

    ordered = list(dict.fromkeys(urls))
    results = await asyncio.gather(*(one(url) for url in ordered))
    return dict(zip(ordered, results, strict=True))
