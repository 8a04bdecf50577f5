"""Capture a web page as evidence: a WARC/1.1 file with SHA-256 digests (warcio).

A live capture (:func:`capture_url`) fetches the page and writes, in one gzipped WARC file:

1. a ``warcinfo`` record (software, format, operator);
2. for every hop (redirects included, at most :data:`MAX_REDIRECTS`) a ``request`` and a
   ``response`` record, linked by ``WARC-Concurrent-To``; the response holds the HTTP status
   line, headers and the body exactly as received (content encoding kept; a chunked transfer
   is stored de-chunked with its ``Content-Length``, since WARC stores the entity);
3. a ``metadata`` record (final URL, redirect chain, SHA-256 of the final body).

A page the monitoring already stored (:func:`warc_from_stored`) becomes a ``resource`` record
(its original HTTP headers were not kept, so it is not presented as a ``response``) plus a
``metadata`` record with the recorded HTTP status and fetch time.

Every record carries ``WARC-Block-Digest`` and ``WARC-Payload-Digest`` in ``sha256:`` (base 32),
and the :class:`Capture` gives the SHA-256 (hex) of the whole WARC file and of the body.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.timeutils import datetime_to_iso_date  # type: ignore[import-untyped]
from warcio.utils import Digester  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

SOFTWARE = "PressWatch evidence capture"
USER_AGENT = "PressWatch-evidence/1.0 (+press office of the province; evidence capture)"
MAX_REDIRECTS = 10
MAX_BYTES = 25 * 1024 * 1024  # bodies beyond this are truncated (WARC-Truncated: length)
DEFAULT_TIMEOUT = 30.0
REDIRECTS = {301, 302, 303, 307, 308}


class CaptureError(Exception):
    """The page could not be fetched at all (network error, too many redirects)."""


@dataclass(frozen=True, slots=True)
class Capture:
    """One captured page: the WARC bytes and what they hold."""

    url: str
    final_url: str
    status: int
    warc_bytes: bytes
    sha256: str  # hex SHA-256 of ``warc_bytes`` (the file as stored)
    payload_sha256: str  # hex SHA-256 of the final body as received
    captured_at: datetime.datetime  # aware, UTC
    content_type: str
    redirects: tuple[str, ...] = ()  # URLs of the hops before ``final_url``
    kind: str = "live"  # "live" (fetched now) or "stored" (a copy the monitoring kept)

    @property
    def filename(self) -> str:
        """A stable file name: capture time and the start of the file's hash."""
        stamp = self.captured_at.strftime("%Y%m%dT%H%M%SZ")
        return f"{stamp}-{self.sha256[:16]}.warc.gz"


class _Sha256WARCWriter(WARCWriter):  # type: ignore[misc]
    """warcio's writer with SHA-256 block and payload digests (it defaults to SHA-1)."""

    @staticmethod
    def _create_digester() -> Any:
        return Digester("sha256")


def sha256_base32(data: bytes) -> str:
    """The WARC digest form of ``data``: ``sha256:`` and base 32."""
    return "sha256:" + base64.b32encode(hashlib.sha256(data).digest()).decode("ascii")


def _utc(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None:
        raise ValueError("capture times must be timezone-aware")
    return moment.astimezone(datetime.UTC)


def _warc_date(moment: datetime.datetime) -> str:
    return str(datetime_to_iso_date(_utc(moment).replace(tzinfo=None), use_micros=True))


def _fields(values: Iterable[tuple[str, str]]) -> bytes:
    """A ``application/warc-fields`` block."""
    lines = (f"{name}: {' '.join(value.split())}\r\n" for name, value in values if value)
    return "".join(lines).encode("utf-8")


class _Writer:
    """Writes the records of one WARC file into memory."""

    def __init__(self, moment: datetime.datetime) -> None:
        self.buffer = io.BytesIO()
        self.writer = _Sha256WARCWriter(self.buffer, gzip=True, warc_version="1.1")
        self.date = _warc_date(moment)

    def warcinfo(self, filename: str, operator: str) -> None:
        block = _fields(
            [
                ("software", SOFTWARE),
                ("format", "WARC File Format 1.1"),
                (
                    "conformsTo",
                    "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
                ),
                ("operator", operator),
                ("hash", "sha256"),
            ]
        )
        record = self.writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(block),
            length=len(block),
            warc_headers_dict={"WARC-Date": self.date, "WARC-Filename": filename},
        )
        self.writer.write_record(record)

    def pair(
        self, request: httpx.Request, response: httpx.Response, body: bytes, *, truncated: bool
    ) -> None:
        headers = [
            (k, v) for k, v in response.headers.multi_items() if k.lower() != "transfer-encoding"
        ]
        if not any(k.lower() == "content-length" for k, _ in headers) or truncated:
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
        reason = response.reason_phrase or ""
        http_version = response.http_version or "HTTP/1.1"
        status = StatusAndHeaders(
            f"{response.status_code} {reason}".strip(), headers, protocol=http_version
        )
        extra: dict[str, str] = {"WARC-Date": self.date}
        if truncated:
            extra["WARC-Truncated"] = "length"
        address = _peer_address(response)
        if address:
            extra["WARC-IP-Address"] = address
        url = str(request.url)
        answer = self.writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=status,
            warc_headers_dict=extra,
        )
        target = request.url.raw_path.decode("ascii")
        asked = StatusAndHeaders(
            f"{request.method} {target} {http_version}",
            list(request.headers.multi_items()),
            is_http_request=True,
        )
        question = self.writer.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=asked,
            warc_headers_dict={"WARC-Date": self.date},
        )
        self.writer.write_request_response_pair(question, answer)

    def resource(self, url: str, body: bytes, content_type: str) -> str:
        record = self.writer.create_warc_record(
            url,
            "resource",
            payload=io.BytesIO(body),
            length=len(body),
            warc_content_type=content_type or "application/octet-stream",
            warc_headers_dict={"WARC-Date": self.date},
        )
        self.writer.write_record(record)
        return str(record.rec_headers.get_header("WARC-Record-ID"))

    def metadata(self, url: str, values: Iterable[tuple[str, str]], refers_to: str = "") -> None:
        block = _fields(values)
        headers = {"WARC-Date": self.date}
        if refers_to:
            headers["WARC-Refers-To"] = refers_to
        record = self.writer.create_warc_record(
            url,
            "metadata",
            payload=io.BytesIO(block),
            length=len(block),
            warc_headers_dict=headers,
        )
        self.writer.write_record(record)

    def value(self) -> bytes:
        return self.buffer.getvalue()


def _peer_address(response: httpx.Response) -> str:
    stream = response.extensions.get("network_stream")
    if stream is None:
        return ""
    try:
        address = stream.get_extra_info("server_addr")
    except Exception:  # transport-specific; the address is optional
        return ""
    if isinstance(address, tuple) and address:
        return str(address[0])
    return ""


def _read(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """The body as received (content encoding kept), at most ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_raw():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], True
    return b"".join(chunks), False


def _decoded_sha256(response: httpx.Response, body: bytes) -> str:
    """SHA-256 of the body as a reader sees it (content encoding removed when possible)."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        return hashlib.sha256(body).hexdigest()
    try:
        decoded = httpx.Response(200, headers={"content-encoding": encoding}, content=body).content
    except httpx.DecodingError:
        decoded = body
    return hashlib.sha256(decoded).hexdigest()


def capture_url(
    url: str,
    *,
    client: httpx.Client | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    operator: str = "",
    now: datetime.datetime | None = None,
) -> Capture:
    """Fetch ``url`` (following redirects) and return it as a WARC capture.

    Any HTTP status is captured (a 404 or 410 is evidence that a page was removed); a network
    failure raises :class:`CaptureError`. ``now`` fixes the capture time (tests, replays).
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise CaptureError(f"not an http(s) URL: {url!r}")
    owned = client is None
    http = client or httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT})
    captured_at = _utc(now or datetime.datetime.now(datetime.UTC))
    writer = _Writer(captured_at)
    writer.warcinfo("", operator)
    hops: list[str] = []
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            request = http.build_request(
                "GET", current, headers={"Accept-Encoding": "identity"}, timeout=timeout
            )
            response = http.send(request, stream=True, follow_redirects=False)
            try:
                body, truncated = _read(response, MAX_BYTES)
            finally:
                response.close()
            writer.pair(request, response, body, truncated=truncated)
            location = response.headers.get("location")
            if response.status_code in REDIRECTS and location:
                hops.append(current)
                current = urljoin(current, location)
                continue
            break
        else:
            raise CaptureError(f"more than {MAX_REDIRECTS} redirects from {url}")
    except httpx.HTTPError as error:
        raise CaptureError(f"{url}: {error}") from error
    finally:
        if owned:
            http.close()
    payload_sha256 = _decoded_sha256(response, body)
    content_type = response.headers.get("content-type", "")
    writer.metadata(
        current,
        [
            ("requested-url", url),
            ("final-url", current),
            ("redirects", " ".join(hops)),
            ("http-status", str(response.status_code)),
            ("payload-sha256", payload_sha256),
            ("truncated", "yes" if truncated else ""),
        ],
    )
    data = writer.value()
    return Capture(
        url=url,
        final_url=current,
        status=response.status_code,
        warc_bytes=data,
        sha256=hashlib.sha256(data).hexdigest(),
        payload_sha256=payload_sha256,
        captured_at=captured_at,
        content_type=content_type,
        redirects=tuple(hops),
        kind="live",
    )


def warc_from_stored(
    url: str,
    html_bytes: bytes,
    fetched_at: datetime.datetime,
    http_status: int,
    content_type: str,
    *,
    operator: str = "",
) -> Capture:
    """A page the monitoring fetched earlier (its raw bytes) as a WARC capture.

    The record is a ``resource`` dated ``fetched_at`` (the original fetch, not now); a
    ``metadata`` record states the HTTP status and that the copy comes from the store.
    """
    captured_at = _utc(fetched_at)
    writer = _Writer(captured_at)
    writer.warcinfo("", operator)
    record_id = writer.resource(url, html_bytes, content_type)
    payload_sha256 = hashlib.sha256(html_bytes).hexdigest()
    writer.metadata(
        url,
        [
            ("source", "stored copy kept by PressWatch monitoring at fetch time"),
            ("http-status", str(http_status)),
            ("fetched-at", captured_at.isoformat()),
            ("payload-sha256", payload_sha256),
        ],
        refers_to=record_id,
    )
    data = writer.value()
    return Capture(
        url=url,
        final_url=url,
        status=http_status,
        warc_bytes=data,
        sha256=hashlib.sha256(data).hexdigest(),
        payload_sha256=payload_sha256,
        captured_at=captured_at,
        content_type=content_type,
        kind="stored",
    )
