"""A tiny web server on 127.0.0.1 whose pages a test can change (the outside world)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    location: str = ""
    delay: float = 0.0


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)
    base: str = ""
    hits: dict[str, int] = field(default_factory=dict)

    def put(self, path: str, body: str, **options: object) -> None:
        self.pages[path] = Page(body.encode("utf-8"), **options)  # type: ignore[arg-type]

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve() -> Iterator[Site]:
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.hits[self.path] = site.hits.get(self.path, 0) + 1
            page = site.pages.get(self.path)
            if self.path == "/robots.txt" and page is None:
                page = Page(b"User-agent: *\nAllow: /\n", content_type="text/plain")
            if page is None:
                page = Page(b"<html><body>Not found</body></html>", status=404)
            if page.delay:
                time.sleep(page.delay)
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            if page.location:
                self.send_header("Location", page.location)
            self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            self.wfile.write(page.body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


PARAGRAPH = (
    "Sáng nay, Ủy ban nhân dân phường Bắc Gia Nghĩa tổ chức hội nghị tổng kết công tác "
    "chuyển đổi số năm 2026 với sự tham dự của đại diện các tổ dân phố và doanh nghiệp trên "
    "địa bàn. Theo báo cáo, phường đã số hóa hơn chín mươi phần trăm hồ sơ hành chính và "
    "triển khai thanh toán không dùng tiền mặt tại các chợ truyền thống của tỉnh Lâm Đồng."
)


def article_html(title: str, paragraphs: int = 3, extra: str = "") -> str:
    body = "".join(f"<p>{PARAGRAPH} {extra}</p>" for _ in range(paragraphs))
    return (
        "<html lang='vi'><head><meta charset='utf-8'><title>" + title + "</title></head>"
        "<body><header><nav><a href='/'>Trang chủ</a></nav></header><article><h1>"
        + title
        + "</h1><p class='time'>26/11/2026 08:15</p>"
        + body
        + "<p>Minh Anh</p></article><footer>Báo minh họa</footer></body></html>"
    )


def rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        "<pubDate>Thu, 26 Nov 2026 08:15:00 +0700</pubDate></item>"
        for title, link in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Tin mới</title>"
        f"<link>http://example.vn/</link><description>Tin</description>{entries}</channel></rss>"
    )
