"""Fixtures of the browser journeys: the real system as processes, Debian's Chromium, artefacts.

Once per session, ``system`` starts PressWatch the way ``make demo`` does, on free ports and in
its own var dir (and, in the PostgreSQL pass, its own database): migrate, ``bootstrap --demo``,
collectstatic, ``monitoring_demo_sources``, then ``presswatch up --demo-sites PORT`` with
``PRESSWATCH_DEMO=true`` and an SMTP sink. It waits until the demo stream has brought articles and
the officer's first alerts. ``browser`` is Debian's Chromium (``/usr/bin/chromium``, installed by
``scripts/setup.sh``), driven by Playwright; Playwright's own browser download is never used.

``BROWSER_TEST_URL=http://127.0.0.1:8000`` runs the journeys against a system that is
already running (``make demo``) instead: quicker while writing a journey, but it changes that
system's data. See docs/testing.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response, sync_playwright

from tests.browser import axe
from tests.processes import (
    Browser as HttpClient,
)
from tests.processes import (
    children_of,
    drop_postgres_database,
    free_port,
    presswatch,
    service_env,
    start,
    start_sink,
    wait_for,
)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("BROWSER_TEST_CHROMIUM", "/usr/bin/chromium"))
#: The network is closed: without the background-networking flags Chromium keeps trying to reach
#: Google's hosts; no sandbox because the tests run as root in CI.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTEFACTS = Path(
    os.environ.get("BROWSER_TEST_ARTEFACTS", ROOT / "var" / "test-artefacts")
).resolve()
SCREENSHOTS = ARTEFACTS / "screenshots"
PASSWORD = "PressWatch-demo-2026"
LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
EXTERNAL = os.environ.get("BROWSER_TEST_URL", "").rstrip("/")


#: migrate, bootstrap --demo and monitoring_demo_sources, as `make demo` runs them
PREPARE = (
    "from django.core.management import call_command as run; "
    "run('migrate', interactive=False, verbosity=0); "
    "run('bootstrap', demo=True); "
    "run('monitoring_demo_sources', '{demo}')"
)


def _skip_without_chromium() -> None:
    if not CHROMIUM.is_file():
        pytest.skip(
            f"{CHROMIUM} is missing: install Debian's chromium (scripts/setup.sh does, as root) "
            "to run the browser journeys"
        )
    if not axe.AXE_SCRIPT.is_file():
        pytest.skip(f"{axe.AXE_SCRIPT} is missing: run scripts/setup.sh")


@dataclass
class System:
    """The running PressWatch: its address, environment and what journeys leave for others."""

    base: str
    env: dict[str, str] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)

    def client(self, username: str) -> HttpClient:
        """A plain HTTP client signed in as ``username`` (for waiting, never for the journeys)."""
        client = HttpClient(self.base)
        client.post_form("/accounts/login/", {"username": username, "password": PASSWORD})
        return client


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except urllib.error.HTTPError:
        return True  # /health/ answers 503 while a part is still starting
    except OSError:
        return False


def _count(client: HttpClient, path: str) -> int:
    try:
        data = json.loads(client.get(path))
    except (OSError, ValueError):
        return 0
    return int(data.get("count", 0)) if isinstance(data, dict) else len(data)


def _wait_for_demo_stream(system: System, log_hint: str) -> None:
    """Until the demo outlets' articles are stored and analysed and ``canbo`` has alerts."""
    officer = system.client("canbo")
    wait_for(
        lambda: _count(officer, "/api/v1/analysis/alerts/") >= 3,
        150,
        f"the first alerts of the demo stream (logs: {log_hint})",
    )
    pages = re.findall(r'href="/monitoring/articles/(\d+)/"', officer.get("/monitoring/articles/"))
    assert pages, "the demo stream stored no article"


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)  # Ctrl-C, as a person would stop `make demo`
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        for pid in [*children_of(process.pid), process.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="session")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    _skip_without_chromium()
    if EXTERNAL:
        yield System(base=EXTERNAL)
        return
    var = tmp_path_factory.mktemp("browser-system")
    _sink, controller, smtp_port = start_sink()
    web_port, demo_port = free_port(), free_port()
    env = {**service_env(var, smtp_port, web_port), "PRESSWATCH_DEMO": "true"}
    server = None
    try:
        static = start(env, "collectstatic", "--no-input", "-v", "0")  # needs no database
        # `make demo`'s steps in one process: each `presswatch` start costs seconds of imports
        presswatch(env, "shell", "-c", PREPARE.format(demo=f"http://127.0.0.1:{demo_port}"))
        assert static.wait(timeout=120) == 0, f"collectstatic failed (logs: {var})"
        server = start(env, "up", "--demo-sites", str(demo_port))
        found = System(base=f"http://127.0.0.1:{web_port}", env=env)
        wait_for(lambda: _answers(found.base + "/health/"), 90, f"the web server (logs: {var})")
        _wait_for_demo_stream(found, str(var))
        yield found
    finally:
        if server is not None:
            _stop(server)
        controller.stop()
        if env.get("PRESSWATCH_DATABASE_URL", "").startswith("postgres"):
            drop_postgres_database(env["PRESSWATCH_DATABASE_URL"])


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    _skip_without_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Journey:
    """One journey: its pages (one browser context per person), screenshots, checks.

    Every page is watched for server errors (5xx, also of htmx fragments), JavaScript errors and
    Content-Security-Policy refusals; ``finish()`` asserts there were none and that every checked
    page is free of serious accessibility violations.
    """

    def __init__(self, name: str, browser: Browser, system: System) -> None:
        self.name = name
        self.browser = browser
        self.system = system
        self.folder = SCREENSHOTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.shots = 0
        self.audit = axe.Audit()
        self.errors: list[str] = []
        self.contexts: list[BrowserContext] = []

    def page(
        self,
        user: str | None = None,
        viewport: dict[str, int] | None = None,
        **options: Any,
    ) -> Page:
        """A new browser context (a person's own cookies), signed in as ``user`` if given."""
        context = self.browser.new_context(
            base_url=self.system.base,
            viewport=viewport or LAPTOP,  # type: ignore[arg-type]
            accept_downloads=True,
            **options,
        )
        context.set_default_timeout(20_000)
        self.contexts.append(context)
        page = context.new_page()
        axe.install(page)
        page.on("response", self._on_response)
        page.on("pageerror", lambda error: self.errors.append(f"JavaScript error: {error}"))
        page.on("console", self._on_console)
        if user:
            self.sign_in(page, user)
        return page

    def _on_response(self, response: Response) -> None:
        if response.status >= 500 and response.url.startswith(self.system.base):
            self.errors.append(f"HTTP {response.status} from {response.url}")

    def _on_console(self, message: Any) -> None:
        text = str(message.text)
        if message.type == "error" and "Content Security Policy" in text:
            self.errors.append(f"CSP refusal: {text}")

    def sign_in(self, page: Page, user: str) -> None:
        self.visit(page, "/accounts/login/")
        page.fill("#id_username", user)
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        assert "/accounts/login" not in page.url, f"{user} could not sign in: {page.url}"

    def visit(self, page: Page, path: str, status: int = 200) -> Response:
        response = page.goto(path)
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
        self.settle(page)
        return response

    @staticmethod
    def settle(page: Page) -> None:
        """Wait for the page and its htmx fragments (``hx-trigger="load"``) to arrive: htmx
        marks an element ``htmx-request`` from the moment it asks until the answer is in."""
        page.wait_for_load_state("load")
        page.wait_for_function("() => !document.querySelector('.htmx-request')")

    def shot(self, page: Page, name: str, *, audit: bool = True) -> Path:
        """Screenshot the whole page as NN-name.png and (by default) check it with axe-core."""
        self.settle(page)
        self.shots += 1
        path = self.folder / f"{self.shots:02d}-{name}.png"
        page.screenshot(path=path, full_page=True)
        if audit:
            self.audit.check(page)
        return path

    def finish(self) -> None:
        assert not self.errors, "errors while the journey ran:\n" + "\n".join(self.errors)
        self.audit.assert_clean()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def journey(request: pytest.FixtureRequest, browser: Browser, system: System) -> Iterator[Journey]:
    """The test's Journey; its screenshots go to SCREENSHOTS/<test name without test_>/."""
    name = re.sub(r"[^\w-]+", "-", request.node.name.removeprefix("test_")).strip("-")
    made = Journey(name, browser, system)
    yield made
    made.close()
