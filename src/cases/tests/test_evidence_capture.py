"""Capturing pages as WARC/1.1 evidence from a real local HTTP server."""

from __future__ import annotations

import datetime
import gzip
import hashlib
import io
from typing import Any

import httpx
import pytest
from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

from cases.evidence.capture import CaptureError, capture_url, sha256_base32, warc_from_stored
from monitoring.tests.webfake import serve

PAGE = "<html><head><title>Tin Đắk Nông</title></head><body><p>Xin chào Gia Nghĩa</p></body></html>"


def records(data: bytes) -> list[dict[str, Any]]:
    found = []
    for record in ArchiveIterator(io.BytesIO(data), check_digests=True):
        body = record.content_stream().read()
        found.append(
            {
                "type": record.rec_type,
                "uri": record.rec_headers.get_header("WARC-Target-URI"),
                "date": record.rec_headers.get_header("WARC-Date"),
                "id": record.rec_headers.get_header("WARC-Record-ID"),
                "concurrent": record.rec_headers.get_header("WARC-Concurrent-To"),
                "payload_digest": record.rec_headers.get_header("WARC-Payload-Digest"),
                "block_digest": record.rec_headers.get_header("WARC-Block-Digest"),
                "version": record.rec_headers.protocol,
                "status": record.http_headers.get_statuscode() if record.http_headers else None,
                "http": record.http_headers,
                "body": body,
                "passed": record.digest_checker.passed,
                "problems": list(record.digest_checker.problems),
            }
        )
    return found


def test_capture_writes_warcinfo_request_response_and_metadata() -> None:
    moment = datetime.datetime(2026, 11, 26, 8, 15, 0, 123456, tzinfo=datetime.UTC)
    with serve() as site:
        site.put("/tin/1", PAGE)
        capture = capture_url(site.url("/tin/1"), now=moment, operator="Sở VHTTDL Lâm Đồng")
        url = site.url("/tin/1")
    assert capture.status == 200 and capture.final_url == url and capture.redirects == ()
    assert capture.captured_at == moment and capture.captured_at.tzinfo is not None
    assert capture.content_type == "text/html; charset=utf-8"
    assert capture.sha256 == hashlib.sha256(capture.warc_bytes).hexdigest()
    assert capture.payload_sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    assert capture.filename == f"20261126T081500Z-{capture.sha256[:16]}.warc.gz"
    assert capture.warc_bytes[:2] == b"\x1f\x8b"  # gzipped, record by record
    assert gzip.decompress(capture.warc_bytes).startswith(b"WARC/1.1\r\n")

    found = records(capture.warc_bytes)
    assert [r["type"] for r in found] == ["warcinfo", "response", "request", "metadata"]
    assert all(r["version"] == "WARC/1.1" for r in found)
    assert all(r["date"] == "2026-11-26T08:15:00.123456Z" for r in found)
    assert "Sở VHTTDL Lâm Đồng".encode() in found[0]["body"]
    response, request = found[1], found[2]
    assert response["uri"] == request["uri"] == url
    assert request["concurrent"] == response["id"]
    assert response["status"] == "200" and response["body"] == PAGE.encode()
    assert response["payload_digest"] == sha256_base32(PAGE.encode())
    assert request["http"].protocol == "GET" or request["http"].statusline.startswith("GET /tin/1")
    for record in found[1:]:
        assert record["block_digest"].startswith("sha256:") and record["passed"] is True
    assert b"final-url: " + url.encode() in found[3]["body"]


def test_redirects_are_recorded_hop_by_hop() -> None:
    with serve() as site:
        site.put("/old", "", status=301, location="/new")
        site.put("/new", PAGE)
        capture = capture_url(site.url("/old"))
        old, new = site.url("/old"), site.url("/new")
    assert capture.final_url == new and capture.redirects == (old,)
    found = records(capture.warc_bytes)
    responses = [r for r in found if r["type"] == "response"]
    assert [(r["uri"], r["status"]) for r in responses] == [(old, "301"), (new, "200")]
    assert responses[0]["http"].get_header("Location") == "/new"


def test_removed_page_is_captured_with_its_status() -> None:
    with serve() as site:
        capture = capture_url(site.url("/removed"))
    assert capture.status == 404
    assert [r["status"] for r in records(capture.warc_bytes) if r["type"] == "response"] == ["404"]


def test_given_client_is_used_and_left_open() -> None:
    with serve() as site, httpx.Client(headers={"User-Agent": "test-agent"}) as client:
        site.put("/a", PAGE)
        capture = capture_url(site.url("/a"), client=client)
        assert not client.is_closed
    request = next(r for r in records(capture.warc_bytes) if r["type"] == "request")
    assert request["http"].get_header("User-Agent") == "test-agent"


def test_network_failure_raises() -> None:
    with serve() as site:
        dead = site.url("/gone")
    with pytest.raises(CaptureError):
        capture_url(dead, timeout=2)
    with pytest.raises(CaptureError, match="not an http"):
        capture_url("file:///etc/passwd")


def test_stored_copy_becomes_a_resource_record_dated_at_fetch_time() -> None:
    fetched = datetime.datetime(
        2026, 3, 5, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    html = PAGE.encode()
    capture = warc_from_stored("https://example.vn/tin/2", html, fetched, 200, "text/html")
    assert capture.kind == "stored" and capture.status == 200
    assert capture.captured_at == fetched and capture.captured_at.tzinfo == datetime.UTC
    assert capture.payload_sha256 == hashlib.sha256(html).hexdigest()
    found = records(capture.warc_bytes)
    assert [r["type"] for r in found] == ["warcinfo", "resource", "metadata"]
    resource, metadata = found[1], found[2]
    assert resource["body"] == html and resource["date"] == "2026-03-05T02:30:00Z"
    assert resource["payload_digest"] == sha256_base32(html) and resource["passed"] is True
    assert b"http-status: 200" in metadata["body"]
    with pytest.raises(ValueError, match="timezone-aware"):
        warc_from_stored(
            "https://example.vn/", html, datetime.datetime(2026, 1, 1), 200, "text/html"
        )
