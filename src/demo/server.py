"""The demo HTTP server: standard library only (``http.server.ThreadingHTTPServer``).

One port, one path prefix per outlet (``http://127.0.0.1:8100/<slug>/…``). Answers GET and HEAD,
sends ``ETag`` and honours ``If-None-Match`` (304), keeps connections alive (HTTP/1.1).
:func:`run` serves until Ctrl-C or SIGTERM (``presswatch demo_sites``); :func:`serve_in_thread`
starts one for tests.
"""

from __future__ import annotations

import hashlib
import logging
import signal
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType
from typing import cast

from demo import manifest
from demo.clock import ScenarioClock
from demo.routes import Response, Site

logger = logging.getLogger(__name__)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8100


class DemoHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        *,
        clock: ScenarioClock | None = None,
        slow_seconds: float = 8.0,
    ) -> None:
        super().__init__(address, DemoHandler)
        host, port = self.server_address[:2]
        self.base_url = f"http://{host!s}:{port}"
        self.clock = clock or ScenarioClock()
        self.site = Site(base_url=self.base_url, clock=self.clock, slow_seconds=slow_seconds)
        self._thread: threading.Thread | None = None

    def start(self) -> DemoHTTPServer:
        """Serve in a daemon thread (tests, `presswatch up`-like embedding)."""
        self._thread = threading.Thread(
            target=self.serve_forever, args=(0.05,), name="demo-sites", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=5)
        self.server_close()


class DemoHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "DemoNews/1.0"

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, *, with_body: bool) -> None:
        response: Response = cast("DemoHTTPServer", self.server).site.get(self.path)
        if response.delay:
            time.sleep(response.delay)
        etag = '"' + hashlib.sha256(response.body).hexdigest()[:20] + '"'
        if response.status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        if response.status == 200:
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "max-age=60")
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s %s", self.address_string(), format % args)


def serve_in_thread(
    host: str = DEFAULT_HOST,
    port: int = 0,
    *,
    clock: ScenarioClock | None = None,
    slow_seconds: float = 8.0,
) -> DemoHTTPServer:
    """A running server (port 0 = any free port); call ``stop()`` when done."""
    return DemoHTTPServer((host, port), clock=clock, slow_seconds=slow_seconds).start()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def banner(server: DemoHTTPServer) -> list[str]:
    lines = [
        f"demo sites: {server.base_url}/ (speed {server.clock.speed:g}, "
        f"started {server.clock.start.isoformat()}); Ctrl-C stops",
    ]
    for source in manifest.sources(server.base_url):
        lines.append(f"  {source['kind']:<8} {source['name']}: {source['url']}")
    return lines


def run(
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    speed: float = 1.0,
    write: Callable[[str], None] = print,
) -> None:
    """Serve until Ctrl-C or SIGTERM."""
    server = DemoHTTPServer((host, port), clock=ScenarioClock(speed=speed))
    for line in banner(server):
        write(line)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        write("demo sites: stopping")
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
