"""Discover stage: the article links in an RSS/Atom feed, a (news) sitemap or a listing page.

Every function is pure (bytes or text in, :class:`DiscoveredLinks` out) and raises only
:class:`QuarantineError` for input it cannot read. URLs come out absolute and canonical
(:func:`canonical_url`), titles NFC (``core.text.normalize_text``), times timezone-aware: a time
without an offset is Asia/Ho_Chi_Minh, and every time is given in that zone (``+07:00``).
"""

from __future__ import annotations

import datetime
import email.utils
import html
import re
import time
import zlib
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import feedparser  # type: ignore[import-untyped]  # no stubs: see the report on stubs/
from lxml import etree  # type: ignore[import-untyped]

from core.text import normalize_text
from monitoring.pipeline.listing import (
    MAX_MATCHED_URL_CHARS,
    check_listing_pattern,
    collect_links,
    compile_listing_pattern,
    search_link,
)
from monitoring.pipeline.types import DiscoveredLinks, FeedEntry, QuarantineError

__all__ = [
    "canonical_url",
    "check_listing_pattern",
    "parse_datetime",
    "parse_feed",
    "parse_listing",
    "parse_sitemap",
]

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limit, uncompressed
_TRACKING = frozenset({"fbclid", "gclid", "zarsrc", "dclid", "gbraid", "wbraid", "msclkid"})
_TRACKING |= {"yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl"}
_DEFAULT_PORTS = {"http": 80, "https": 443}
_TAG = re.compile(r"<[^>]*>")
_VN_DATE = re.compile(
    r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:\D{1,5}(\d{1,2})[:hg](\d{2})(?::(\d{2}))?)?"
)
_BENIGN_BOZO = ("CharacterEncodingOverride", "NonXMLContentType")


# --- URLs -----------------------------------------------------------------------------------------
def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment, no
    tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ``zarsrc``…); path case kept.

    Anything that is not an absolute http(s) URL is returned stripped and otherwise unchanged.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        host = host.lower()
    host = f"[{host}]" if ":" in host else host
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = "&".join(p for p in parts.query.split("&") if p and not _tracked(p))
    path = parts.path.replace(" ", "%20") or "/"
    return urlunsplit((scheme, netloc, path, query.replace(" ", "%20"), ""))


def _tracked(pair: str) -> bool:
    key = unquote_plus(pair.split("=", 1)[0]).lower()
    return key.startswith("utm_") or key in _TRACKING


def _absolute(link: str, base: str) -> str | None:
    """``link`` resolved against ``base`` and made canonical, or None if it is not http(s)."""
    link = link.strip()
    if not link or len(link) > 8_000:
        return None
    try:
        joined = urljoin(base, link)
    except ValueError:
        return None
    url = canonical_url(joined)
    return url if url.startswith(("http://", "https://")) else None


# --- dates ----------------------------------------------------------------------------------------
def parse_datetime(raw: str) -> datetime.datetime | None:
    """RFC 822, ISO 8601/W3C or Vietnamese ``dd/mm/yyyy [hh:mm]`` → aware datetime in +07:00."""
    raw = raw.strip()
    if not raw:
        return None
    value = _rfc822(raw) or _iso(raw) or _vietnamese(raw)
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=VN_TZ)
    return value.astimezone(VN_TZ)


def _rfc822(raw: str) -> datetime.datetime | None:
    try:
        return email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _iso(raw: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None


def _vietnamese(raw: str) -> datetime.datetime | None:
    found = _VN_DATE.search(raw)
    if found is None:
        return None
    day, month, year, hour, minute, second = (int(g) if g else 0 for g in found.groups())
    try:
        return datetime.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _from_struct(value: time.struct_time | None) -> datetime.datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.datetime(*value[:6], tzinfo=datetime.UTC)
    except (TypeError, ValueError):
        return None
    return moment.astimezone(VN_TZ)


def _clean_title(value: str, *, markup: bool) -> str:
    if markup:
        value = html.unescape(_TAG.sub(" ", value))
    return normalize_text(value.replace("\n", " "))


# --- feeds ----------------------------------------------------------------------------------------
def parse_feed(content: bytes, *, url: str, lenient: bool = False) -> DiscoveredLinks:
    """The items of an RSS 2.0 / RSS 1.0 / Atom feed, links absolute against ``url``.

    A feed that is not well-formed XML raises :class:`QuarantineError` with the parser's message
    (line and column); ``lenient=True`` accepts what feedparser's loose parser recovered instead.
    A well-formed feed without items gives an empty result.
    """
    if not content.strip():
        raise QuarantineError("empty feed document")
    parsed = feedparser.parse(
        content,
        response_headers={"content-type": "application/xml"},
        sanitize_html=True,
        resolve_relative_uris=False,
    )
    entries = parsed.get("entries") or []
    problem = _bozo_problem(parsed)
    if problem and not (lenient and entries):
        raise QuarantineError(problem)
    if not parsed.get("version") and not entries:
        raise QuarantineError("not an RSS or Atom feed")
    found = (_feed_entry(entry, base=url) for entry in entries)
    return DiscoveredLinks(entries=_unique(entry for entry in found if entry is not None))


def _bozo_problem(parsed: Mapping[str, Any]) -> str:
    if not parsed.get("bozo"):
        return ""
    error = parsed.get("bozo_exception")
    name = type(error).__name__
    if name in _BENIGN_BOZO:
        return ""
    line = getattr(error, "getLineNumber", None)
    where = f" (line {line()})" if callable(line) else ""
    return f"feed is not well-formed XML: {error}{where}"


def _entry_link(entry: Mapping[str, Any]) -> str:
    link = entry.get("link") or ""
    if not link:
        for candidate in entry.get("links") or []:
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                return str(candidate["href"])
        guid = str(entry.get("id") or "")
        link = guid if guid.startswith(("http://", "https://")) else ""
    return str(link)


def _feed_entry(entry: Mapping[str, Any], *, base: str) -> FeedEntry | None:
    url = _absolute(_entry_link(entry), base)
    if url is None:
        return None
    detail = entry.get("title_detail") or {}
    markup = "html" in str(detail.get("type", ""))
    return FeedEntry(
        url=url,
        guid=normalize_text(str(entry.get("id") or ""))[:1000],
        title=_clean_title(str(entry.get("title") or ""), markup=markup)[:1000],
        published_at=_entry_time(entry),
        summary=_clean_title(str(entry.get("summary") or ""), markup=True)[:2000],
    )


def _entry_time(entry: Mapping[str, Any]) -> datetime.datetime | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and (moment := parse_datetime(raw)) is not None:
            return moment
        moment = _from_struct(entry.get(f"{key}_parsed"))
        if moment is not None:
            return moment
    return None


def _unique(entries: Iterable[FeedEntry]) -> tuple[FeedEntry, ...]:
    seen: dict[str, FeedEntry] = {}
    for entry in entries:
        first = seen.get(entry.url)
        if first is None:
            seen[entry.url] = entry
        elif not first.title and entry.title:  # keep the first position, take a title if missing
            seen[entry.url] = FeedEntry(
                first.url, first.guid, entry.title, first.published_at, first.summary
            )
    return tuple(seen.values())


# --- sitemaps -------------------------------------------------------------------------------------
def parse_sitemap(content: bytes, *, url: str) -> DiscoveredLinks:
    """A ``<urlset>`` (with Google News ``news:title``/``news:publication_date`` and ``lastmod``)
    → entries; a ``<sitemapindex>`` → ``child_sitemaps``; a text sitemap (one URL a line) →
    entries. Gzip bodies are accepted (up to 50 MB uncompressed).

    lxml runs without network access, without loading DTDs and without resolving entities; a
    document that declares a DTD is refused, and libxml2's own amplification and depth limits stop
    entity bombs and absurd nesting.
    """
    data = _gunzip(content) if content[:2] == b"\x1f\x8b" else content
    if not data.strip():
        raise QuarantineError("empty sitemap document")
    if data.lstrip()[:1] != b"<":
        return _text_sitemap(data, url)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise QuarantineError(f"sitemap is not well-formed XML: {error}") from None
    if root is None:
        raise QuarantineError("sitemap is not well-formed XML: no root element")
    if root.getroottree().docinfo.internalDTD is not None:
        raise QuarantineError("sitemap declares a DTD (refused: entity expansion risk)")
    kind = _local(root)
    if kind == "sitemapindex":
        children = (
            _absolute(_child_text(item, "loc"), url) for item in root if _local(item) == "sitemap"
        )
        return DiscoveredLinks(
            entries=(), child_sitemaps=tuple(dict.fromkeys(c for c in children if c))
        )
    if kind != "urlset":
        raise QuarantineError(f"not a sitemap: root element <{kind}>")
    found = (_sitemap_entry(item, url) for item in root if _local(item) == "url")
    return DiscoveredLinks(entries=_unique(entry for entry in found if entry is not None))


def _gunzip(content: bytes) -> bytes:
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(content, MAX_SITEMAP_BYTES + 1)
    except zlib.error as error:
        raise QuarantineError(f"corrupt gzip body: {error}") from None
    if len(data) > MAX_SITEMAP_BYTES:
        raise QuarantineError("sitemap larger than 50 MB uncompressed")
    if not inflater.eof:
        raise QuarantineError("truncated gzip body")
    return data


def _local(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comments, processing instructions, entity references
        return ""
    return tag.rsplit("}", 1)[-1]


def _child(element: Any, name: str) -> Any:
    return next((child for child in element if _local(child) == name), None)


def _child_text(element: Any, name: str) -> str:
    """Plain text of a child; "" when missing or when it holds markup or entity references."""
    child = _child(element, name)
    if child is None or len(child):
        return ""
    return str(child.text or "")


def _sitemap_entry(item: Any, base: str) -> FeedEntry | None:
    url = _absolute(_child_text(item, "loc"), base)
    if url is None:
        return None
    news = _child(item, "news")
    title = _child_text(news, "title") if news is not None else ""
    published = _child_text(news, "publication_date") if news is not None else ""
    moment = parse_datetime(published) or parse_datetime(_child_text(item, "lastmod"))
    return FeedEntry(url=url, title=_clean_title(title, markup=False)[:1000], published_at=moment)


def _text_sitemap(data: bytes, base: str) -> DiscoveredLinks:
    lines = data.decode("utf-8", "replace").splitlines()
    urls = (_absolute(line, base) for line in lines if line.strip().startswith("http"))
    entries = _unique(FeedEntry(url=u) for u in urls if u)
    if not entries:
        raise QuarantineError("not a sitemap: neither XML nor a list of URLs")
    return DiscoveredLinks(entries=entries)


# --- listing pages --------------------------------------------------------------------------------
def parse_listing(html_text: str, *, url: str, pattern: str) -> DiscoveredLinks:
    """Links on a listing page whose absolute URL matches ``pattern`` (``re.search``), once each,
    in page order, titled with their link text (or ``title``/image ``alt``). At most the first
    5,000 links are read. A refused pattern (:func:`check_listing_pattern`) raises
    :class:`QuarantineError`: the source's configuration must be fixed.
    """
    problem = check_listing_pattern(pattern, timing=False)
    if problem:
        raise QuarantineError(f"listing pattern refused: {problem}")
    matcher = compile_listing_pattern(pattern)
    page_base, links = collect_links(html_text)
    base = (_absolute(page_base, url) if page_base else None) or url
    entries: list[FeedEntry] = []
    for href, text in links:
        link = _absolute(href, base)
        if link is None or len(link) > MAX_MATCHED_URL_CHARS or not search_link(matcher, link):
            continue
        entries.append(FeedEntry(url=link, title=normalize_text(" ".join(text.split()))[:1000]))
    return DiscoveredLinks(entries=_unique(entries))
