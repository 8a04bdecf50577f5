"""Crawl throughput from a local server holding 20,000 articles, politeness off.

A server process on 127.0.0.1 (asyncio, HTTP/1.1 keep-alive, uncompressed UTF-8 HTML) answers
``/a/<n>.html`` for n < 20,000 with a fictional Vietnamese article page generated on each request
from a fixed vocabulary (seeded by n, so every request for a URL gets the same 5-9 KB page). It
runs in its own process, so the figures below are the client's alone.

Side by side, with the same URLs, the same concurrency and the same httpx connection limits:

- ours: ``monitoring.pipeline.fetch.fetch_many`` with a policy of ``min_interval_seconds=0``,
  ``respect_robots=False`` and a per-host cap equal to the concurrency (one shared
  :class:`HostGate`): headers, bounded body reading, SHA-256, charset decoding, NFC;
- the anchor: plain ``httpx.AsyncClient.get`` under a semaphore, reading ``response.text``.

Then fetch + extract on the first 5,000 pages only (to keep the whole run near two minutes):
``extract_article(page, fast=True)`` after our fetch, against ``trafilatura.extract(text,
fast=True)`` after the anchor's GET. The two clients alternate chunk by chunk, so a busy machine
slows both alike; pages/s is wall-clock, CPU s/page is ``time.process_time`` of this process.
Every phase stops early (after a whole pair of chunks) once it has used its time budget.

    python -m bench.crawl
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import random
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import httpx
import trafilatura

from monitoring.pipeline.extract import extract_article
from monitoring.pipeline.fetch import fetch_many
from monitoring.pipeline.politeness import HostGate
from monitoring.pipeline.types import FetchedPage, FetchPolicy, StageError

ARTICLES = 20_000
EXTRACT_PAGES = 5_000
CONCURRENCY = 16
FETCH_CHUNK = 1_000
EXTRACT_CHUNK = 100
#: Seconds each phase may use (both clients together) before it stops after the current pair.
FETCH_BUDGET = 90.0
EXTRACT_BUDGET = 60.0

# --- the fictional articles -----------------------------------------------------------------
_PLACES = (
    "xã Tân Hòa", "phường Bình Minh", "huyện Sơn Lâm", "thị trấn Phú Xuân", "xã Đồng Tâm",
    "phường Hưng Thịnh", "xã Vĩnh An", "huyện Ngọc Sơn", "xã Thạnh Lợi", "phường Quang Trung",
)  # fmt: skip
_SUBJECTS = (
    "Ủy ban nhân dân", "Hội Nông dân", "Đoàn Thanh niên", "Sở Giáo dục và Đào tạo",
    "Ban quản lý dự án", "Trung tâm Y tế", "Hợp tác xã nông nghiệp", "Công an",
    "Hội Liên hiệp Phụ nữ", "Phòng Tài nguyên và Môi trường", "Sở Giao thông vận tải",
)  # fmt: skip
_VERBS = (
    "tổ chức", "triển khai", "kiểm tra", "tổng kết", "phát động", "hoàn thành", "đánh giá",
    "hỗ trợ", "khởi công", "nghiệm thu", "tuyên truyền về", "đề xuất",
)  # fmt: skip
_OBJECTS = (
    "chương trình xây dựng nông thôn mới", "dự án nâng cấp đường liên xã",
    "kế hoạch chuyển đổi số", "đợt tiêm chủng mở rộng", "mô hình trồng cà phê bền vững",
    "công tác phòng chống thiên tai", "phong trào khuyến học", "hệ thống cấp nước sạch",
    "lớp tập huấn kỹ thuật chăn nuôi", "đợt cao điểm bảo đảm trật tự an toàn giao thông",
    "chiến dịch làm sạch môi trường", "hội chợ nông sản địa phương",
)  # fmt: skip
_TAILS = (
    "với sự tham gia của đông đảo người dân", "theo đúng tiến độ đề ra",
    "nhằm nâng cao đời sống của bà con", "trong bối cảnh thời tiết diễn biến phức tạp",
    "với tổng kinh phí hơn mười hai tỷ đồng", "dưới sự chỉ đạo của lãnh đạo tỉnh",
    "và nhận được nhiều ý kiến đóng góp tích cực", "trước mùa mưa bão năm nay",
)  # fmt: skip
_AUTHORS = ("Minh Anh", "Thu Hà", "Quốc Bảo", "Lan Phương", "Đức Thịnh", "Hoàng Yến")
_NAV = "".join(
    f"<li><a href='/chuyen-muc/{i}'>{s}</a></li>" for i, s in enumerate(_SUBJECTS + _PLACES)
)


def _sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(_SUBJECTS)} {rng.choice(_PLACES)} đã {rng.choice(_VERBS)} "
        f"{rng.choice(_OBJECTS)} {rng.choice(_TAILS)}."
    )


def article_html(number: int) -> bytes:
    """The page of article ``number``: the same bytes on every call."""
    rng = random.Random(number)
    title = f"{rng.choice(_SUBJECTS)} {rng.choice(_PLACES)} {rng.choice(_VERBS)}"
    title += f" {rng.choice(_OBJECTS)} (bản tin số {number})"
    paragraphs = "".join(
        "<p>" + " ".join(_sentence(rng) for _ in range(rng.randint(3, 5))) + "</p>"
        for _ in range(rng.randint(6, 10))
    )
    related = "".join(
        f"<li><a href='/a/{rng.randrange(ARTICLES)}.html'>{_sentence(rng)}</a></li>"
        for _ in range(6)
    )
    day, hour = 1 + number % 28, number % 24
    stamp = f"2026-11-{day:02d}T{hour:02d}:15:00+07:00"
    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{title} - Báo Minh Họa</title><meta property='og:title' content='{title}'>"
        f"<meta property='article:published_time' content='{stamp}'>"
        f"<link rel='canonical' href='https://baominhhoa.example.vn/a/{number}.html'></head>"
        f"<body><header><nav><ul>{_NAV}</ul></nav></header><main><article><h1>{title}</h1>"
        f"<p class='time'>{day:02d}/11/2026 {hour:02d}:15</p>"
        f"<p class='sapo'><strong>{_sentence(rng)}</strong></p>{paragraphs}"
        f"<p class='author'>{rng.choice(_AUTHORS)}</p></article>"
        f"<aside><h2>Tin liên quan</h2><ul>{related}</ul></aside></main>"
        "<footer><p>Báo Minh Họa - cơ quan ngôn luận hư cấu dùng để đo hiệu năng.</p></footer>"
        "</body></html>"
    ).encode()


# --- the server (its own process) -----------------------------------------------------------
def _response(target: bytes) -> bytes:
    path = target.decode("ascii", "replace")
    number = path.removeprefix("/a/").removesuffix(".html")
    status, body = "404 Not Found", b"<html><body>Not found</body></html>"
    if path.startswith("/a/") and number.isdigit() and int(number) < ARTICLES:
        status, body = "200 OK", article_html(int(number))
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    )
    return head.encode("ascii") + body


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            parts = head.split(b" ", 2)
            writer.write(_response(parts[1] if len(parts) > 1 else b"/"))
            await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        pass
    finally:
        writer.close()


async def _serve(port_out: Connection) -> None:
    server = await asyncio.start_server(_handle, "127.0.0.1", 0, backlog=1024)
    port_out.send(server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


def serve_forever(port_out: Connection) -> None:
    """The server process's entry point: sends its port through ``port_out``, then serves."""
    asyncio.run(_serve(port_out))


# --- the clients ----------------------------------------------------------------------------
@dataclass
class Tally:
    pages: int = 0
    errors: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    extracted: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self, name: str, anchor: Tally | None = None) -> str:
        rate = self.pages / self.wall if self.wall else 0.0
        cpu_ms = 1000 * self.cpu / self.pages if self.pages else 0.0
        use = 100 * self.cpu / self.wall if self.wall else 0.0
        text = f"  {name:<52} {rate:9.1f} {cpu_ms:11.3f} {use:6.0f}% {self.errors:7}"
        if anchor is not None and anchor.wall and self.wall:
            text += f"   speed {rate / (anchor.pages / anchor.wall):.2f}x"
            text += f", CPU {cpu_ms / (1000 * anchor.cpu / anchor.pages):.2f}x"
        return text


Chunk = Callable[[list[str]], Awaitable[tuple[int, int]]]  # → (pages, errors)


def _client(concurrency: int) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    return httpx.AsyncClient(limits=limits, timeout=20.0, follow_redirects=False)


def _anchor(client: httpx.AsyncClient, concurrency: int, *, extract: bool) -> Chunk:
    slots = asyncio.Semaphore(concurrency)

    async def get(url: str) -> str | None:
        async with slots:
            response = await client.get(url)
            return response.text if response.status_code == 200 else None

    async def chunk(urls: list[str]) -> tuple[int, int]:
        texts = await asyncio.gather(*(get(url) for url in urls))
        errors = sum(text is None for text in texts)
        if extract:
            errors += sum(not trafilatura.extract(t, fast=True) for t in texts if t is not None)
        return len(urls), errors

    return chunk


def _ours(client: httpx.AsyncClient, concurrency: int, *, extract: bool) -> Chunk:
    policy = FetchPolicy(min_interval_seconds=0.0, respect_robots=False, max_per_host=concurrency)
    gate = HostGate(min_interval_seconds=0.0, max_per_host=concurrency, max_total=concurrency)

    def extracted(page: FetchedPage) -> bool:
        try:
            return bool(extract_article(page, fast=True).text)
        except StageError:
            return False

    async def chunk(urls: list[str]) -> tuple[int, int]:
        results = await fetch_many(
            urls, client=client, policy=policy, gate=gate, concurrency=concurrency
        )
        pages = [r for r in results.values() if isinstance(r, FetchedPage)]
        errors = len(urls) - len(pages)
        if extract:
            errors += sum(not extracted(page) for page in pages)
        return len(urls), errors

    return chunk


async def _timed(chunk: Chunk, urls: list[str], tally: Tally) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    pages, errors = await chunk(urls)
    tally.wall += time.perf_counter() - wall
    tally.cpu += time.process_time() - cpu
    tally.pages += pages
    tally.errors += errors


async def _phase(urls: list[str], size: int, budget: float, *, extract: bool) -> list[Tally]:
    """Anchor and ours over ``urls`` in alternating chunks; [anchor, ours]."""
    tallies = [Tally(), Tally()]
    started = time.perf_counter()
    async with _client(CONCURRENCY) as plain, _client(CONCURRENCY) as ours:
        runs = (
            _anchor(plain, CONCURRENCY, extract=extract),
            _ours(ours, CONCURRENCY, extract=extract),
        )
        await runs[0](urls[:CONCURRENCY])  # warm up: connections, imports, caches
        await runs[1](urls[:CONCURRENCY])
        for index, start in enumerate(range(0, len(urls), size)):
            chunk = urls[start : start + size]
            order = (0, 1) if index % 2 == 0 else (1, 0)
            for which in order:
                await _timed(runs[which], chunk, tallies[which])
            if time.perf_counter() - started > budget:
                break
    return tallies


def _mean_kb(sample: int = 200) -> float:
    return sum(len(article_html(n)) for n in range(sample)) / sample / 1024


def _report(fetch: list[Tally], extract: list[Tally], requested: tuple[int, int]) -> str:
    header = f"  {'':<52} {'pages/s':>9} {'CPU ms/page':>11} {'CPU':>7} {'errors':>7}"
    lines = [
        f"crawl: local asyncio server in its own process, {ARTICLES:,} generated Vietnamese "
        f"articles (~{_mean_kb():.1f} KB each), concurrency {CONCURRENCY}, "
        "politeness off (no interval, no robots.txt)",
        header,
        fetch[0].line(f"httpx.AsyncClient.get + .text  [anchor], {fetch[0].pages:,} pages"),
        fetch[1].line(f"fetch_many, {fetch[1].pages:,} pages", fetch[0]),
        f"  fetch + extract (fast mode) on the first {extract[0].pages:,} pages only "
        "(the same pages for both)",
        header,
        extract[0].line("httpx get + trafilatura.extract(fast=True) [anchor]"),
        extract[1].line("fetch_many + extract_article(fast=True)", extract[0]),
        "  CPU = client process CPU time / wall time (100% = one core busy: client-bound)",
    ]
    for (done, wanted), name in zip(
        ((fetch[1].pages, requested[0]), (extract[1].pages, requested[1])),
        ("fetch", "fetch + extract"),
        strict=True,
    ):
        if done < wanted:
            lines.append(f"  {name}: stopped at {done:,} of {wanted:,} pages (time budget)")
    return "\n".join(lines) + "\n"


def run(articles: int = ARTICLES, extract_pages: int = EXTRACT_PAGES) -> None:
    for name in ("trafilatura", "htmldate", "courlan", "monitoring", "httpx"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    server = context.Process(target=serve_forever, args=(send,), daemon=True)
    server.start()
    try:
        if not receive.poll(30):
            sys.stdout.write("crawl: the local server did not start; skipped\n")
            return
        base = f"http://127.0.0.1:{receive.recv()}"
        urls = [f"{base}/a/{n}.html" for n in range(articles)]
        fetch = asyncio.run(_phase(urls, FETCH_CHUNK, FETCH_BUDGET, extract=False))
        extract = asyncio.run(
            _phase(urls[:extract_pages], EXTRACT_CHUNK, EXTRACT_BUDGET, extract=True)
        )
    finally:
        server.terminate()
        server.join(10)
    sys.stdout.write(_report(fetch, extract, (articles, extract_pages)))


if __name__ == "__main__":
    run()
