"""Evidence packages: build, verify, and detect tampering."""

from __future__ import annotations

import datetime
import gzip
import hashlib
import io
import json
import zipfile

import pytest

from cases.evidence.capture import Capture, capture_url, warc_from_stored
from cases.evidence.package import (
    CaseManifest,
    EvidenceItem,
    PackageError,
    TimelineEvent,
    build_package,
    verify_package,
)
from monitoring.tests.webfake import serve

ICT = datetime.timezone(datetime.timedelta(hours=7))
CREATED = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=ICT)
PAGE = "<html><body><p>Thông tin sai sự thật về xã Quảng Khê</p></body></html>"
LETTER = b"PK\x03\x04 a letter standing in for a DOCX"


@pytest.fixture(scope="module")
def captures() -> tuple[Capture, Capture]:
    with serve() as site:
        site.put("/bai/1", PAGE)
        live = capture_url(site.url("/bai/1"))
    stored = warc_from_stored(
        "https://tin.example/bai/1",
        PAGE.encode(),
        datetime.datetime(2026, 11, 25, 7, 45, tzinfo=ICT),
        200,
        "text/html; charset=utf-8",
    )
    return live, stored


def package_parts(captures: tuple[Capture, Capture]) -> tuple[CaseManifest, dict[str, bytes]]:
    live, stored = captures
    files = {
        f"evidence/{live.filename}": live.warc_bytes,
        "evidence/stored-bai-1.warc.gz": stored.warc_bytes,
        "documents/cong-van-123.docx": LETTER,
    }
    manifest = CaseManifest(
        case_id="VV-2026-0042",
        title="Thông tin sai sự thật về xã Quảng Khê",
        created_at=CREATED,
        created_by="canbo",
        evidence=[
            EvidenceItem.from_capture(live),
            EvidenceItem.from_capture(stored, "evidence/stored-bai-1.warc.gz"),
        ],
        timeline=[
            TimelineEvent(
                live.captured_at, "captured", "Chụp lại trang", "canbo", f"evidence/{live.filename}"
            ),
            TimelineEvent(stored.captured_at, "detected", "Phát hiện bài viết", "monitoring"),
        ],
        details={"unit": "Sở VHTTDL Lâm Đồng"},
    )
    return manifest, files


def rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    """The package with some members replaced (valid ZIP, new CRCs): a careful forger."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, change.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def test_package_holds_everything_and_verifies(captures: tuple[Capture, Capture]) -> None:
    manifest, files = package_parts(captures)
    data = build_package(manifest, files)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        document = json.loads(archive.read("manifest.json"))
        timeline = json.loads(archive.read("timeline.json"))
    assert names[0] == "manifest.json" and set(names) == {"manifest.json", "timeline.json", *files}
    assert document["format"] == "presswatch-evidence-package" and document["version"] == 1
    assert document["case"]["id"] == "VV-2026-0042"
    listed = {entry["path"]: entry["sha256"] for entry in document["files"]}
    assert set(listed) == {"timeline.json", *files}
    live = captures[0]
    assert listed[f"evidence/{live.filename}"] == live.sha256
    evidence = document["evidence"]
    assert [item["captured_at"] for item in evidence] == [
        "2026-11-25T00:45:00+00:00",
        live.captured_at.isoformat(),
    ]
    assert [e["kind"] for e in timeline["events"]] == ["detected", "captured"]

    result = verify_package(data)
    assert result.ok, result.problems
    assert result.files == 4 and result.records == 7  # 4 (live) + 3 (stored) WARC records
    assert len(result.manifest_sha256) == 64
    assert build_package(manifest, files) == data  # same inputs, same bytes


def test_changing_one_byte_of_a_file_is_detected_and_names_the_file(
    captures: tuple[Capture, Capture],
) -> None:
    manifest, files = package_parts(captures)
    data = build_package(manifest, files)
    target = "documents/cong-van-123.docx"
    # flip one byte of the stored member inside the ZIP itself
    position = data.index(LETTER) + 10
    tampered = data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]
    result = verify_package(tampered)
    assert not result.ok
    assert any(problem.startswith(target) for problem in result.problems), result.problems

    # a careful forger rewrites the ZIP so its CRCs are right: the hash still catches it
    changed = bytearray(LETTER)
    changed[5] ^= 0x01
    result = verify_package(rezip(data, {target: bytes(changed)}))
    assert not result.ok
    assert result.problems == [f"{target}: SHA-256 does not match the manifest"]


def test_rewritten_warc_with_forged_manifest_is_caught_by_the_warc_digests(
    captures: tuple[Capture, Capture],
) -> None:
    manifest, files = package_parts(captures)
    data = build_package(manifest, files)
    path = "evidence/stored-bai-1.warc.gz"
    forged_warc = gzip.decompress(files[path]).replace("Quảng Khê".encode(), "Quảng Khế".encode())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = json.loads(archive.read("manifest.json"))
    for entry in document["files"] + document["evidence"]:
        if entry["path"] == path:
            entry["sha256"] = hashlib.sha256(forged_warc).hexdigest()
            entry["size"] = len(forged_warc)
    forged = rezip(
        data,
        {path: forged_warc, "manifest.json": json.dumps(document).encode()},
    )
    result = verify_package(forged)
    assert not result.ok
    assert result.problems and all(p.startswith(path) for p in result.problems), result.problems
    assert any("digest failed" in p for p in result.problems)


def test_missing_extra_and_broken_parts(captures: tuple[Capture, Capture]) -> None:
    manifest, files = package_parts(captures)
    data = build_package(manifest, files)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != "documents/cong-van-123.docx":
                target.writestr(info, source.read(info.filename))
        target.writestr("documents/extra.txt", b"added later")
    result = verify_package(out.getvalue())
    assert "documents/cong-van-123.docx: listed in the manifest but missing" in result.problems
    assert "documents/extra.txt: in the package but not in the manifest" in result.problems
    assert verify_package(b"not a zip").problems[0].startswith("not a ZIP file")
    assert not verify_package(rezip(data, {"manifest.json": b"{}"})).ok


def test_capture_time_must_match_the_warc(captures: tuple[Capture, Capture]) -> None:
    manifest, files = package_parts(captures)
    live, stored = manifest.evidence
    shifted = EvidenceItem(
        path=live.path,
        url=live.url,
        final_url=live.final_url,
        captured_at=live.captured_at - datetime.timedelta(days=1),
        status=live.status,
        content_type=live.content_type,
        payload_sha256=live.payload_sha256,
    )
    bad = CaseManifest(manifest.case_id, manifest.title, CREATED, evidence=[shifted, stored])
    result = verify_package(build_package(bad, files))
    assert not result.ok
    assert any(p.startswith(live.path) and "capture time" in p for p in result.problems)


def test_build_refuses_inconsistent_input(captures: tuple[Capture, Capture]) -> None:
    manifest, files = package_parts(captures)
    with pytest.raises(PackageError, match="not given"):
        build_package(manifest, {k: v for k, v in files.items() if k.startswith("documents/")})
    with pytest.raises(PackageError, match="evidence/ or documents/"):
        build_package(manifest, {**files, "../escape.txt": b"x"})
    with pytest.raises(PackageError, match="evidence/ or documents/"):
        build_package(manifest, {**files, "manifest.json": b"{}"})
    naive = CaseManifest("X", "t", datetime.datetime(2026, 1, 1))
    with pytest.raises(PackageError, match="timezone-aware"):
        build_package(naive, {})
