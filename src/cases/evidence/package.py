"""An evidence package: one ZIP with a case's WARC captures, documents, timeline and manifest.

Layout::

    manifest.json   format, case, creation time, every file with its SHA-256 and size, the
                    captures (URL, capture time, status, body SHA-256) and the timeline's hash
    timeline.json   the case's events in time order
    evidence/…      WARC files (``.warc.gz``)
    documents/…     letters, reports, scans

:func:`verify_package` recomputes every hash, refuses unlisted or missing files and reads every
record of every WARC back with warcio, checking its block and payload digests. The SHA-256 of
``manifest.json`` (:attr:`VerifyResult.manifest_sha256`) identifies the whole package: record it
with the case when the package is handed over.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

from cases.evidence.capture import Capture

FORMAT = "presswatch-evidence-package"
VERSION = 1
MANIFEST = "manifest.json"
TIMELINE = "timeline.json"
FOLDERS = ("evidence/", "documents/")
WARC_SUFFIXES = (".warc", ".warc.gz")
MAIN_RECORDS = ("response", "resource")


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A WARC file of the package and what it captured."""

    path: str  # "evidence/20261126T081500Z-….warc.gz"
    url: str
    final_url: str
    captured_at: datetime.datetime
    status: int
    content_type: str
    payload_sha256: str
    kind: str = "live"  # "live" or "stored"

    @classmethod
    def from_capture(cls, capture: Capture, path: str = "") -> EvidenceItem:
        return cls(
            path=path or f"evidence/{capture.filename}",
            url=capture.url,
            final_url=capture.final_url,
            captured_at=capture.captured_at,
            status=capture.status,
            content_type=capture.content_type,
            payload_sha256=capture.payload_sha256,
            kind=capture.kind,
        )


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    at: datetime.datetime
    kind: str  # "detected", "captured", "assigned", "letter_sent", …
    text: str
    actor: str = ""
    ref: str = ""  # a path in the package this event concerns


@dataclass(frozen=True)
class CaseManifest:
    """What the package is about; files are given separately to :func:`build_package`."""

    case_id: str
    title: str
    created_at: datetime.datetime
    created_by: str = ""
    evidence: Sequence[EvidenceItem] = ()
    timeline: Sequence[TimelineEvent] = ()
    details: Mapping[str, str] = field(default_factory=dict)  # e.g. unit, legal basis


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    problems: list[str]
    manifest_sha256: str = ""
    files: int = 0
    records: int = 0  # WARC records read back


class PackageError(ValueError):
    """The manifest and the files given to :func:`build_package` do not fit together."""


def _iso(moment: datetime.datetime) -> str:
    if moment.tzinfo is None:
        raise PackageError("times in a package must be timezone-aware")
    return moment.isoformat()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_path(path: str) -> None:
    parts = path.split("/")
    if (
        not path.startswith(FOLDERS)
        or path.endswith("/")
        or any(part in ("", ".", "..") for part in parts)
        or "\\" in path
    ):
        raise PackageError(f"{path!r}: files go under evidence/ or documents/, with a plain name")


def _timeline_json(manifest: CaseManifest) -> bytes:
    events = sorted(manifest.timeline, key=lambda event: event.at)
    rows = [
        {"at": _iso(e.at), "kind": e.kind, "text": e.text, "actor": e.actor, "ref": e.ref}
        for e in events
    ]
    return _dump({"case_id": manifest.case_id, "events": rows})


def _dump(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def build_package(manifest: CaseManifest, files: Mapping[str, bytes]) -> bytes:
    """The ZIP of a case's evidence. Same inputs → same bytes (fixed member times and order)."""
    for path in files:
        _check_path(path)
    for item in manifest.evidence:
        if item.path not in files:
            raise PackageError(f"{item.path}: listed as evidence but not given")
        if not item.path.endswith(WARC_SUFFIXES):
            raise PackageError(f"{item.path}: evidence must be a WARC file")
    for event in manifest.timeline:
        if event.ref and event.ref not in files:
            raise PackageError(f"timeline event {event.text!r} refers to a missing {event.ref}")
    contents: dict[str, bytes] = {TIMELINE: _timeline_json(manifest), **dict(files)}
    hashes = {path: _sha256(data) for path, data in contents.items()}
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "case": {
            "id": manifest.case_id,
            "title": manifest.title,
            "created_at": _iso(manifest.created_at),
            "created_by": manifest.created_by,
            "details": dict(manifest.details),
        },
        "hash": "sha256",
        "files": [
            {"path": path, "sha256": hashes[path], "size": len(contents[path])}
            for path in sorted(contents)
        ],
        "evidence": [
            {
                "path": item.path,
                "sha256": hashes[item.path],
                "url": item.url,
                "final_url": item.final_url,
                "captured_at": _iso(item.captured_at),
                "status": item.status,
                "content_type": item.content_type,
                "payload_sha256": item.payload_sha256,
                "kind": item.kind,
            }
            for item in sorted(manifest.evidence, key=lambda item: (item.captured_at, item.path))
        ],
    }
    stamp = manifest.created_at.astimezone(datetime.UTC)
    date_time = (
        max(stamp.year, 1980),
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second,
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in [MANIFEST, *sorted(contents)]:
            data = _dump(document) if path == MANIFEST else contents[path]
            info = zipfile.ZipInfo(path, date_time=date_time)
            info.external_attr = 0o644 << 16
            compressed = not path.endswith((".gz", ".zip", ".png", ".jpg", ".docx", ".xlsx"))
            info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
            archive.writestr(info, data)
    return out.getvalue()


def _read_warc(path: str, data: bytes) -> tuple[list[str], int, dict[str, Any]]:
    """Problems found reading a WARC back, its record count and its main record's details."""
    problems: list[str] = []
    count = 0
    main: dict[str, Any] = {}
    try:
        for record in ArchiveIterator(io.BytesIO(data), check_digests=True):
            count += 1
            body = record.content_stream().read()
            checker = record.digest_checker
            if checker.problems:
                problems.extend(
                    f"{path}: record {count} ({record.rec_type}): {p}" for p in checker.problems
                )
            elif record.rec_type != "warcinfo" and checker.passed is not True:
                problems.append(f"{path}: record {count} ({record.rec_type}) has no digest")
            if record.rec_type in MAIN_RECORDS:  # the last one is the final page
                main = {
                    "date": record.rec_headers.get_header("WARC-Date"),
                    "body_sha256": _sha256(body),
                    "encoded": bool(
                        record.http_headers and record.http_headers.get_header("Content-Encoding")
                    ),
                }
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
        problems.append(f"{path}: not a readable WARC file ({error})")
    if count == 0 and not problems:
        problems.append(f"{path}: holds no WARC record")
    elif not main and not problems:
        problems.append(f"{path}: holds no response or resource record")
    return problems, count, main


def _same_moment(warc_date: str | None, iso: str) -> bool:
    if not warc_date:
        return False
    try:
        recorded = datetime.datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
        stated = datetime.datetime.fromisoformat(iso)
    except ValueError:
        return False
    return recorded == stated


def _check_evidence(item: Mapping[str, Any], main: Mapping[str, Any]) -> list[str]:
    path = item.get("path", "?")
    problems: list[str] = []
    if not _same_moment(main.get("date"), str(item.get("captured_at", ""))):
        stated, recorded = item.get("captured_at"), main.get("date")
        problems.append(f"{path}: capture time {stated} differs from the WARC ({recorded})")
    if not main.get("encoded") and main.get("body_sha256") != item.get("payload_sha256"):
        problems.append(f"{path}: the captured page differs from the manifest's payload_sha256")
    return problems


def _failed(problem: str, digest: str = "") -> VerifyResult:
    return VerifyResult(ok=False, problems=[problem], manifest_sha256=digest)


def _read_files(
    archive: zipfile.ZipFile, listed: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, bytes], list[str]]:
    """The listed files whose bytes could be read, and the problems with the file list."""
    problems: list[str] = []
    names = archive.namelist()
    if len(set(names)) != len(names):
        problems.append("the package holds the same name twice")
    problems.extend(
        f"{name}: in the package but not in the manifest"
        for name in names
        if name != MANIFEST and name not in listed
    )
    contents: dict[str, bytes] = {}
    for path in sorted(listed):
        entry = listed[path]
        if path not in names:
            problems.append(f"{path}: listed in the manifest but missing")
            continue
        try:
            data = archive.read(path)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            problems.append(f"{path}: cannot be read ({error})")
            continue
        if _sha256(data) != entry.get("sha256"):
            problems.append(f"{path}: SHA-256 does not match the manifest")
        if len(data) != entry.get("size"):
            problems.append(f"{path}: size does not match the manifest")
        contents[path] = data
    return contents, problems


def _check_warcs(
    contents: Mapping[str, bytes],
    listed: Mapping[str, Mapping[str, Any]],
    evidence: Mapping[str, Mapping[str, Any]],
) -> tuple[list[str], int]:
    problems: list[str] = []
    records = 0
    for path, data in contents.items():
        if not path.endswith(WARC_SUFFIXES):
            continue
        found, count, main = _read_warc(path, data)
        problems.extend(found)
        records += count
        item = evidence.get(path)
        if item is not None and not found:
            if item.get("sha256") != listed[path].get("sha256"):
                problems.append(f"{path}: evidence and file list give different hashes")
            problems.extend(_check_evidence(item, main))
    problems.extend(
        f"{path}: evidence entry without a listed file" for path in evidence if path not in listed
    )
    return problems, records


def verify_package(zip_bytes: bytes) -> VerifyResult:
    """Check a package: every hash, no missing or extra file, every WARC record readable."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    except zipfile.BadZipFile as error:
        return _failed(f"not a ZIP file ({error})")
    with archive:
        if MANIFEST not in archive.namelist():
            return _failed(f"{MANIFEST}: missing")
        try:
            raw_manifest = archive.read(MANIFEST)
            manifest = json.loads(raw_manifest)
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            return _failed(f"{MANIFEST}: unreadable ({error})")
        digest = _sha256(raw_manifest)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            return _failed(f"{MANIFEST}: not a {FORMAT} manifest", digest)
        listed = {str(e.get("path")): e for e in manifest.get("files", [])}
        contents, problems = _read_files(archive, listed)
    evidence = {str(item.get("path")): item for item in manifest.get("evidence", [])}
    found, records = _check_warcs(contents, listed, evidence)
    problems.extend(found)
    return VerifyResult(
        ok=not problems,
        problems=problems,
        manifest_sha256=digest,
        files=len(contents),
        records=records,
    )
