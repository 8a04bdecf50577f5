"""What the demo server answers for a path: pages, feeds and the scenario's deliberate faults.

:class:`Site` is the whole web of simulated outlets behind one host (``base_url``), each under
``/<slug>/``. It has no sockets, so it is simple to test; :mod:`demo.server` only moves bytes.

Faults (one story each, chosen in ``content/*.json`` by ``special``): ``slow`` (answers after
``slow_seconds``), ``flaky`` (500 on the first two requests, then 200), ``redirect`` (feeds link
to ``go/<n>`` → 301 ``bai-viet/<n>`` → 302 the article), ``cp1258`` (windows-1258 bytes, declared
in the header and the meta tag), ``truncated`` (the HTML stops half-way).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html import escape
from urllib.parse import unquote, urlsplit

from demo import feeds, pages
from demo.clock import ScenarioClock
from demo.content import Ecosystem, Endpoint, Outlet, Story, Version, load_ecosystem
from demo.pages import Item

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
#: Vietnamese tone marks that windows-1258 encodes as separate combining characters.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_REDIRECT = re.compile(r"(go|bai-viet)/(\d+)")
FLAKY_FAILURES = 2
TRUNCATE_AT = 0.55
FEED_SIZE = 50


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str = HTML
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 bytes of ``text``: precomposed where the code page has the letter, otherwise
    base letter + combining tone mark (as legacy Vietnamese sites wrote it)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
            marks = "".join(c for c in nfd if c in _TONES)
            out += (base + marks).encode("cp1258", errors="xmlcharrefreplace")
    return bytes(out)


def _html(text: str, status: int = 200) -> Response:
    return Response(status, text.encode("utf-8"), HTML)


def _redirect(location: str, status: int = 301) -> Response:
    return Response(status, b"", HTML, (("Location", location),))


class Site:
    """All outlets behind ``base_url`` (``http://127.0.0.1:8100``) at the clock's scenario time."""

    def __init__(
        self,
        *,
        base_url: str,
        clock: ScenarioClock,
        ecosystem: Ecosystem | None = None,
        slow_seconds: float = 8.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.clock = clock
        self.ecosystem = ecosystem or load_ecosystem()
        self.slow_seconds = slow_seconds
        self._hits: Counter[str] = Counter()
        self._lock = threading.Lock()

    # --- items ------------------------------------------------------------------------------
    def prefix(self, slug: str) -> str:
        return f"{self.base_url}/{slug}"

    def item(self, story: Story, version: Version, minute: float) -> Item:
        url = f"{self.prefix(story.outlet)}/{story.path}"
        link = url
        if story.special == "redirect":
            link = f"{self.prefix(story.outlet)}/go/{story.number}"
        return Item(
            story,
            version,
            url,
            link,
            self.clock.moment(story.at),
            self.clock.moment(story.modified_at(minute)),
        )

    def items(self, slug: str, minute: float, section: str = "") -> list[Item]:
        return [
            self.item(s, v, minute)
            for s, v in self.ecosystem.visible(slug, minute)
            if not section or s.section == section
        ]

    # --- routing ----------------------------------------------------------------------------
    def get(self, target: str) -> Response:
        path = unquote(urlsplit(target).path)
        if path == "/robots.txt":
            text = feeds.robots(self.base_url, list(self.ecosystem.outlets.values()))
            return Response(200, text.encode(), TEXT)
        if path in {"", "/"}:
            return _html(self._index())
        slug, slash, rest = path.lstrip("/").partition("/")
        outlet = self.ecosystem.outlets.get(slug)
        if outlet is None:
            return self._not_found(None)
        if not slash:
            return _redirect(f"{self.prefix(slug)}/")
        minute = self.clock.minutes()
        if rest.startswith("private/"):
            text = "Khu vực dành cho ban biên tập. Vui lòng đăng nhập."
            return _html(pages.message_page(outlet, self.prefix(slug), "Quản trị nội dung", text))
        if outlet.profile == "social":
            return self._social(outlet, rest, minute)
        return self._fixed(outlet, rest, minute) or self._article(outlet, rest, minute)

    def _index(self) -> str:
        rows = "".join(
            f'<li><a href="{self.prefix(o.slug)}/">{escape(o.name)}</a></li>'
            for o in self.ecosystem.outlets.values()
        )
        return (
            '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>PressWatch – '
            "hệ sinh thái tin tức mô phỏng</title></head><body><h1>Các trang tin mô phỏng</h1>"
            "<p>Nội dung hư cấu dùng cho bản minh họa PressWatch.</p>"
            f"<ul>{rows}</ul></body></html>\n"
        )

    def _not_found(self, outlet: Outlet | None) -> Response:
        home = self.prefix(outlet.slug) if outlet else self.base_url
        text = "Trang bạn tìm không tồn tại hoặc đã bị gỡ bỏ."
        return _html(pages.message_page(outlet, home, "Không tìm thấy trang", text), 404)

    def _fixed(self, outlet: Outlet, rest: str, minute: float) -> Response | None:
        home = self.prefix(outlet.slug)
        if rest in {"", "index.html"}:
            return self._listing(outlet, minute)
        endpoint = next((e for e in outlet.endpoints if e.path and e.path == rest), None)
        if endpoint is not None and endpoint.format != "page":
            return self._endpoint(outlet, endpoint, minute)
        if rest == "gioi-thieu.html":
            return _html(pages.about_page(outlet, home))
        if rest.startswith("sitemaps/"):
            return self._sitemap_part(outlet, rest.removeprefix("sitemaps/"), minute)
        match = _REDIRECT.fullmatch(rest)
        if match:
            return self._short_link(outlet, match.group(1), int(match.group(2)), minute)
        if rest.endswith("/") and outlet.section_name(rest[:-1]):
            return self._listing(outlet, minute, rest[:-1])
        return None

    def _listing(self, outlet: Outlet, minute: float, section: str = "") -> Response:
        eco = self.ecosystem
        return _html(
            pages.listing_page(
                outlet,
                self.prefix(outlet.slug),
                self.items(outlet.slug, minute, section)[:30],
                heading=outlet.section_name(section),
                comments=eco.comments,
                hot=eco.hot_sections,
            )
        )

    def _endpoint(self, outlet: Outlet, endpoint: Endpoint, minute: float) -> Response:
        items, home = self.items(outlet.slug, minute), self.prefix(outlet.slug)
        now = self.clock.now()
        if endpoint.format == "rss":
            text = feeds.rss(
                outlet,
                items[:FEED_SIZE],
                title=f"{outlet.name} - {endpoint.title}",
                feed_url=f"{home}/{endpoint.path}",
                home_url=f"{home}/",
                now=now,
            )
            return Response(200, text.encode(), RSS)
        if endpoint.format == "news_sitemap":
            return Response(200, feeds.news_sitemap(outlet, items, now=now).encode(), XML)
        months = sorted({i.published.strftime("%Y-%m") for i in items}, reverse=True)
        entries = [(f"{home}/sitemaps/news.xml", now)] + [
            (
                f"{home}/sitemaps/articles-{m}.xml",
                max(i.modified for i in items if i.published.strftime("%Y-%m") == m),
            )
            for m in months
        ]
        return Response(200, feeds.sitemap_index(entries).encode(), XML)

    def _sitemap_part(self, outlet: Outlet, name: str, minute: float) -> Response | None:
        items = self.items(outlet.slug, minute)
        if name == "news.xml":
            text = feeds.news_sitemap(outlet, items, now=self.clock.now())
            return Response(200, text.encode(), XML)
        month = re.fullmatch(r"articles-(\d{4}-\d{2})\.xml", name)
        if month is None:
            return None
        chosen = [i for i in items if i.published.strftime("%Y-%m") == month.group(1)]
        return Response(200, feeds.urlset(chosen).encode(), XML) if chosen else None

    def _short_link(self, outlet: Outlet, kind: str, number: int, minute: float) -> Response:
        if kind == "go":
            return _redirect(f"{self.prefix(outlet.slug)}/bai-viet/{number}", 301)
        story = next(
            (s for s in self.ecosystem.stories if s.outlet == outlet.slug and s.number == number),
            None,
        )
        if story is None or story.version_at(minute) is None:
            return self._not_found(outlet)
        return _redirect(f"{self.prefix(outlet.slug)}/{story.path}", 302)

    def _flaky_fails(self, story: Story) -> bool:
        with self._lock:
            self._hits[story.key] += 1
            return self._hits[story.key] <= FLAKY_FAILURES

    def _article(self, outlet: Outlet, rest: str, minute: float) -> Response:
        story = self.ecosystem.story(outlet.slug, rest)
        version = story.version_at(minute) if story else None
        if story is None or version is None:
            return self._not_found(outlet)
        home = self.prefix(outlet.slug)
        if story.special == "flaky" and self._flaky_fails(story):
            text = "Máy chủ đang bận, vui lòng thử lại sau."
            return _html(pages.message_page(outlet, home, "Lỗi máy chủ", text), 500)
        item = self.item(story, version, minute)
        related = [i for i in self.items(outlet.slug, minute) if i.story.key != story.key][:4]
        charset = "windows-1258" if story.special == "cp1258" else "utf-8"
        source = self.ecosystem.by_key(story.copy_of) if story.copy_of else None
        text = pages.article_page(
            outlet,
            home,
            item,
            related,
            comments=self.ecosystem.comments,
            charset=charset,
            source_time=self.clock.moment(source.at) if source is not None else None,
        )
        if story.special == "truncated":
            text = text[: int(len(text) * TRUNCATE_AT)]
        body = encode_cp1258(text) if charset != "utf-8" else text.encode("utf-8")
        delay = self.slow_seconds if story.special == "slow" else 0.0
        return Response(200, body, f"text/html; charset={charset}", delay=delay)

    def _social(self, outlet: Outlet, rest: str, minute: float) -> Response:
        home = self.prefix(outlet.slug)
        if rest in {"", "index.html"}:
            return _html(pages.listing_page(outlet, home, self.items(outlet.slug, minute)))
        if rest == "gioi-thieu.html":
            return _html(pages.about_page(outlet, home))
        slug, _, tail = rest.partition("/")
        account = outlet.account(slug)
        if account is None:
            return self._not_found(outlet)
        items = self.items(outlet.slug, minute, account.slug)
        if tail == "":
            return _html(pages.listing_page(outlet, home, items, heading=account.name))
        if tail == "rss.xml":
            text = feeds.rss(
                outlet,
                items[:FEED_SIZE],
                title=f"{account.name} - Bài đăng",
                feed_url=f"{home}/{rest}",
                home_url=f"{home}/{slug}/",
                now=self.clock.now(),
            )
            return Response(200, text.encode(), RSS)
        return self._post(outlet, rest, minute)

    def _post(self, outlet: Outlet, rest: str, minute: float) -> Response:
        story = self.ecosystem.story(outlet.slug, rest)
        version = story.version_at(minute) if story else None
        if story is None or version is None:
            return self._not_found(outlet)
        shared = None
        target = self.ecosystem.by_key(story.link) if story.link else None
        target_version = target.version_at(minute) if target else None
        if target is not None and target_version is not None:
            shared = self.item(target, target_version, minute)
        home = self.prefix(outlet.slug)
        return _html(pages.post_page(outlet, home, self.item(story, version, minute), shared))
