"""Values that cross the boundaries between pipeline stages: frozen, slotted, text already NFC.

No framework imports here or anywhere in ``monitoring.pipeline`` (an import contract enforces it).
Stages raise :class:`SkipError`, :class:`QuarantineError` or :class:`RetryError`; the task layer
maps them to an article's status in one place.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum


class SourceKind(StrEnum):
    FEED = "feed"  # RSS or Atom
    SITEMAP = "sitemap"  # news sitemap or sitemap index
    LISTING = "listing"  # an HTML page whose links matching a pattern are articles
    PAGE = "page"  # a single page watched for changes (home page, about/licence page)
    PUSH = "push"  # items pushed to the ingest API
    FILE = "file"  # items imported from a JSONL/CSV export


# --- outcomes -------------------------------------------------------------------------------------
class StageError(Exception):
    """Base of the outcomes a stage may raise; ``reason`` is shown to officers."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SkipError(StageError):
    """Nothing to do with this item (not HTML, too short, 404): status SKIPPED."""


class QuarantineError(StageError):
    """The input is broken (unparseable feed, undecodable page): status QUARANTINED."""


class RetryError(StageError):
    """A passing failure (timeout, 5xx, 429): try again later."""


# --- discover -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item found in a feed, sitemap or listing page."""

    url: str
    guid: str = ""
    title: str = ""
    published_at: datetime.datetime | None = None
    summary: str = ""


@dataclass(frozen=True, slots=True)
class DiscoveredLinks:
    """What a feed/sitemap/listing poll found; ``child_sitemaps`` for sitemap indexes."""

    entries: tuple[FeedEntry, ...]
    child_sitemaps: tuple[str, ...] = ()


# --- fetch ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FetchPolicy:
    user_agent: str = "PressWatch/0.1 (+press monitoring of a provincial authority)"
    timeout_seconds: float = 20.0
    max_bytes: int = 5_000_000  # decoded body limit (decompression bombs stop here)
    max_redirects: int = 5
    min_interval_seconds: float = 5.0  # between requests to one host
    max_per_host: int = 2  # concurrent requests to one host
    respect_robots: bool = True
    # refuse hosts that resolve to private, loopback or link-local addresses (see addresses.py)
    block_private: bool = False
    private_allowed: tuple[str, ...] = ()  # networks allowed anyway, e.g. ("127.0.0.0/8",)
    allowed_types: tuple[str, ...] = (
        "text/html",
        "application/xhtml+xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
    )


@dataclass(frozen=True, slots=True)
class Validators:
    """Conditional-GET state kept per URL between fetches."""

    etag: str = ""
    last_modified: str = ""
    content_hash: str = ""  # sha256 of the last body: some servers send stale ETags


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str  # what we asked for
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    text: str  # decoded with ``encoding``; "" for 304 or non-text
    encoding: str
    fetched_at: datetime.datetime
    validators: Validators = field(default_factory=Validators)
    not_modified: bool = False  # 304, or same content hash as last time
    redirects: tuple[str, ...] = ()


# --- extract --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Attribution:
    """A source line such as "Theo TTXVN", "Nguồn: Báo X", "(Báo Y)" parsed into parts."""

    outlet: str = ""
    author: str = ""
    published_at: datetime.datetime | None = None
    raw: str = ""


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    url: str
    canonical_url: str
    title: str
    author: str
    published_at: datetime.datetime | None
    text: str
    language: str
    attribution: Attribution | None = None


@dataclass(frozen=True, slots=True)
class MatchingText:
    """The keys text is matched on (display text stays as extracted, NFC)."""

    tone_key: str  # tone-mark placement unified (hòa = hoà)
    folded: str  # no diacritics, đ → d
