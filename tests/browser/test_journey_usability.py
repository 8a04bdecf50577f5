"""Usability across the pages: Vietnamese first with English switchable, the keyboard, a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD, PHONE, Journey

pytestmark = [pytest.mark.slow, pytest.mark.journey]


def _switch_language(page: Page, code: str) -> None:
    with page.expect_navigation():
        page.select_option("#lang", code)  # submits itself (static/js/app.js)
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_language_switch(journey: Journey) -> None:
    page = journey.page(locale="en-US")  # an English browser still gets Vietnamese first
    journey.visit(page, "/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("main h1")).to_have_text("Đăng nhập PressWatch")
    journey.shot(page, "login-vi")

    _switch_language(page, "en")
    expect(page.locator("main h1")).to_have_text("Sign in to PressWatch")
    journey.shot(page, "login-en")

    journey.sign_in(page, "canbo")  # the choice outlives signing in
    journey.visit(page, "/analysis/inbox/")
    expect(page.locator("main h1")).to_have_text("Alert inbox")
    expect(page.locator("nav[aria-label='Main navigation']")).to_be_visible()
    journey.shot(page, "inbox-en")

    _switch_language(page, "vi")
    assert page.url.endswith("/analysis/inbox/")  # back on the same page
    expect(page.locator("main h1")).to_have_text("Hộp cảnh báo")
    journey.shot(page, "inbox-vi")
    journey.finish()


FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]"


def test_keyboard_sign_in(journey: Journey) -> None:
    page = journey.page()
    journey.visit(page, "/public/")  # a page whose focus starts at the top
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_class("skip")  # the skip link is the first focusable element
    expect(focused).to_be_visible()  # and shows itself when focused
    journey.shot(page, "skip-link-focused")
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")  # the skip link moves to the content

    journey.visit(page, "/accounts/login/")
    first = page.evaluate(f"() => document.querySelector('{FOCUSABLE}').className")
    assert first == "skip", f"the first focusable element is {first!r}, not the skip link"
    expect(page.locator("#id_username")).to_be_focused()  # the form field has autofocus
    page.keyboard.type("canbo")
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Shift+Tab")  # and back: the order follows the form
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" not in page.url
    expect(page.locator("header form[action='/accounts/logout/'] button")).to_be_visible()
    journey.finish()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/dashboard/", "dashboard"),
        ("/monitoring/articles/", "articles"),
        ("/analysis/inbox/", "inbox"),
        ("/cases/", "cases"),
    ],
)
def test_phone(journey: Journey, path: str, name: str) -> None:
    page = journey.page("canbo", viewport=PHONE, is_mobile=True, has_touch=True)
    journey.visit(page, path)
    width = PHONE["width"]
    # on a phone a page wider than the screen zooms out: innerWidth grows with the content
    inner, scroll = page.evaluate("() => [innerWidth, document.scrollingElement.scrollWidth]")
    assert inner == width and scroll <= width, (
        f"{path} is {scroll}px wide on a {width}px phone; too wide: {_too_wide(page, width)}"
    )
    links = page.locator("nav[aria-label] a")
    assert links.count() >= 3, "no main navigation"
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box is not None, f"navigation link {index} is not shown"
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (
            f"navigation link {link.inner_text()!r} is off the screen: {box}"
        )
    journey.shot(page, name)
    journey.finish()


def _too_wide(page: Page, width: int) -> list[str]:
    """The outermost elements that reach past the right edge of the screen."""
    found: list[str] = page.evaluate(
        """width => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > width + 1
                && e.parentElement.getBoundingClientRect().right <= width + 1)
            .slice(0, 5).map(e => e.outerHTML.slice(0, 100))""",
        width,
    )
    return found
