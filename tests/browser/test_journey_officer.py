"""The officer's morning: alert inbox → alert → article with its tags → case → request letter."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey
from tests.browser.steps import DOCX_TYPE, WARD, assign, case_id, download, read_docx

pytestmark = [pytest.mark.slow, pytest.mark.journey]


def test_officer_morning(journey: Journey) -> None:
    page = journey.page("canbo")

    journey.visit(page, "/analysis/inbox/")
    expect(page.locator("main h1")).to_have_text("Hộp cảnh báo")
    alerts = page.locator("#alert-table tbody tr")
    expect(alerts.first).to_be_visible()
    journey.shot(page, "inbox")

    # the first alert that points at an article
    page.locator("#alert-table tbody a[href^='/analysis/alerts/']").first.click()
    article_link = page.locator("main dd a[href^='/monitoring/articles/']")
    expect(article_link).to_be_visible()
    journey.shot(page, "alert")

    title = article_link.inner_text()
    article_link.click()
    page.wait_for_url("**/monitoring/articles/*/")
    expect(page.locator("main h1")).to_have_text(title)
    tags = page.locator("#article-tags")
    expect(tags).to_be_visible()  # the htmx fragment replaced "Loading tags…"
    expect(tags.locator("dl.facts")).to_be_visible()  # the article has been analysed
    expect(page.locator("main .reader p").first).not_to_be_empty()
    journey.shot(page, "article")

    page.click("main a[href^='/cases/new/?article=']")
    expect(page.locator("#id_title")).to_have_value(title)  # the form starts from the article
    page.fill("#id_summary", "Bài viết phản ánh sự việc cần xác minh. Đề nghị đơn vị kiểm tra.")
    journey.shot(page, "new-case")
    page.click("main form button[type=submit].primary")
    page.wait_for_url("**/cases/*/")
    case = case_id(page)
    expect(page.locator("main h1")).to_contain_text(title)
    expect(page.locator("main")).to_contain_text(title)  # the article is linked to the case
    journey.shot(page, "case")

    assign(journey, page, case, WARD)
    page.click(f"main a[href='/cases/{case}/letters/new/request/']")
    expect(page.locator("#id_recipients_to")).to_contain_text("Bắc Gia Nghĩa")
    journey.shot(page, "letter-form")
    subject = page.locator("#id_subject").input_value()
    assert subject
    page.click("main form button[type=submit].primary")
    page.wait_for_url(f"**/cases/{case}/")
    letter = page.locator(f"main a[href^='/cases/{case}/letters/']:not([href*='/new/'])")
    expect(letter).to_have_count(1)
    journey.shot(page, "case-with-letter")

    content_type, body = download(page, str(letter.get_attribute("href")))
    assert content_type.startswith(DOCX_TYPE)
    text = read_docx(body)  # python-docx opens it
    assert subject in text
    assert "Bắc Gia Nghĩa" in text
    journey.finish()


def test_officer_finding_to_case(journey: Journey) -> None:
    """A finding the detectors proposed on the demo stream → confirmed → a case opened from it."""
    page = journey.page("canbo")
    journey.visit(page, "/findings/")
    findings = page.locator("#finding-table tbody a[href^='/findings/']")
    expect(findings.first).to_be_visible()  # the demo outlets break rules on purpose
    journey.shot(page, "findings")

    journey.visit(page, str(findings.first.get_attribute("href")))
    title = page.locator("main h1").inner_text()
    journey.shot(page, "finding")
    page.select_option("#review select[name=decision]", "confirmed")
    page.click("#review button[type=submit]")
    expect(page.locator("#review")).to_contain_text("Đã xác nhận")
    journey.shot(page, "finding-confirmed")

    page.click("#review a[href^='/cases/new/']")
    page.wait_for_url("**/cases/new/**")
    expect(page.locator("#id_intake_kind")).to_have_value("finding")  # the form knows its source
    if not page.locator("#id_title").input_value():
        page.fill("#id_title", title)
    case_title = page.locator("#id_title").input_value()
    journey.shot(page, "new-case-from-finding")
    page.click("main form button[type=submit].primary")
    page.wait_for_url("**/cases/*/")
    facts = page.locator("main dl.facts")
    expect(facts).to_contain_text("Phát hiện vi phạm")
    expect(page.locator("main h1")).to_contain_text(case_title)
    journey.shot(page, "case-from-finding")
    journey.finish()
