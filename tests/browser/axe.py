"""Accessibility checks with axe-core inside the browser tests.

axe-core (pinned in package.json, copied to ``assets/vendor/axe.min.js`` by ``scripts/setup.sh``)
is served to the page from a same-origin address that Playwright answers itself
(:data:`AXE_ROUTE`), so the page's strict Content-Security-Policy (``script-src 'self'``) stays in
force: the journeys also prove that the pages work without inline script or style. Playwright's
``bypass_csp=True`` would be the other way to inject it, but it switches the policy off for the
whole page, so a page that only worked without its CSP would pass.

Every key page of the journeys is checked against WCAG 2 A and AA; violations of impact "serious"
or "critical" fail the test, each printed with its rule, impact, page and target selector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "assets" / "vendor" / "axe.min.js"
#: Never a real path of the application: Playwright answers it from AXE_SCRIPT.
AXE_ROUTE = "/__browser-tests__/axe.min.js"
FAILING_IMPACTS = frozenset({"serious", "critical"})
TAGS = ("wcag2a", "wcag2aa")


@dataclass(frozen=True)
class KnownIssue:
    """One reported problem, excused on one page (path regex) and one element (selector part)."""

    rule: str
    path: str
    target: str
    reason: str


#: THE ONE PLACE for accessibility problems that are reported to the lead and not fixed yet.
#: Each entry names the axe rule, the page path (regex) and the element (a part of its selector),
#: never a whole rule; remove the entry when the template is fixed (the test then still passes).
KNOWN_ISSUES: tuple[KnownIssue, ...] = ()


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    page: str
    target: str
    summary: str
    html: str

    def __str__(self) -> str:
        return (
            f"[{self.impact}] {self.rule} on {self.page}\n"
            f"    element: {self.target}\n    html: {self.html}\n    fix: {self.summary}"
        )


def _known(violation: Violation) -> bool:
    return any(
        issue.rule == violation.rule
        and re.search(issue.path, violation.page)
        and issue.target in violation.target
        for issue in KNOWN_ISSUES
    )


def install(page: Page) -> None:
    """Let ``page`` load axe-core from its own origin (see the module docstring)."""

    def answer(route: Route) -> None:
        route.fulfill(path=AXE_SCRIPT, content_type="text/javascript; charset=utf-8")

    page.route(f"**{AXE_ROUTE}", answer)


def run(page: Page) -> list[Violation]:
    """Every WCAG 2 A/AA violation axe finds on the page as it is now (all impacts)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_ROUTE)
    result: dict[str, Any] = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        list(TAGS),
    )
    path = re.sub(r"^https?://[^/]+", "", page.url)
    found = []
    for item in result["violations"]:
        for node in item["nodes"]:
            found.append(
                Violation(
                    rule=str(item["id"]),
                    impact=str(node.get("impact") or item.get("impact") or "unknown"),
                    page=path,
                    target=" ".join(str(t) for t in node["target"]),
                    summary=str(item["help"]),
                    html=str(node["html"])[:200],
                )
            )
    return found


@dataclass
class Audit:
    """Collects the serious violations of every page a journey checks; asserted at its end."""

    problems: list[Violation] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)

    def check(self, page: Page) -> None:
        found = run(page)
        self.pages.append(re.sub(r"^https?://[^/]+", "", page.url))
        self.problems += [v for v in found if v.impact in FAILING_IMPACTS and not _known(v)]

    def assert_clean(self) -> None:
        assert self.pages, "no page was checked for accessibility"
        assert not self.problems, "accessibility violations (axe-core, WCAG 2 A/AA):\n" + "\n".join(
            str(v) for v in self.problems
        )
