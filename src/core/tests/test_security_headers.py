"""Every response carries a Content-Security-Policy without inline script; pages comply with it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"", re.I)
HANDLER_ATTRIBUTE = re.compile(r"\son[a-z]+=\"", re.I)


@pytest.mark.parametrize("path", ["/accounts/login/", "/public/", "/api/docs/", "/health/"])
def test_policy_headers(client: Client, path: str) -> None:
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    script = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert script == "script-src 'self'"  # no inline script, no eval
    assert "unsafe-eval" not in policy and "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_api_docs_load_their_start_up_script_from_a_file(client: Client) -> None:
    page = client.get("/api/docs/").content.decode()
    assert not INLINE_SCRIPT.search(page) and not INLINE_STYLE.search(page)
    script = re.search(r'<script src="([^"]+\?script[^"]*)"', page)
    assert script is not None
    assert client.get(script.group(1).replace("&amp;", "&")).status_code == 200


def test_a_view_keeps_its_stricter_policy(client: Client) -> None:
    from django.http import HttpResponse

    from core.middleware import SecurityHeadersMiddleware

    def view(request: object) -> HttpResponse:
        response = HttpResponse("x")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(view)(client.get("/health/").wsgi_request)
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_templates_have_no_inline_script_or_style() -> None:
    """The CSP forbids inline script, style and on* handlers: keep every template free of them."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[2]
    offenders = []
    for template in sorted(src.glob("*/templates/**/*.html")) + sorted(
        src.glob("templates/**/*.html")
    ):
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, HANDLER_ATTRIBUTE):
            if pattern.search(text):
                offenders.append(f"{template.relative_to(src)}: {pattern.pattern}")
    assert offenders == []
