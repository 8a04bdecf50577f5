"""Steps that several journeys share, done through the pages as a person would."""

from __future__ import annotations

import io
import re

import docx
from playwright.sync_api import Page, expect

from tests.browser.conftest import Journey

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WARD = "phường Bắc Gia Nghĩa"
HEALTH = "Sở Y tế tỉnh Lâm Đồng"


def case_id(page: Page) -> int:
    found = re.search(r"/cases/(\d+)/", page.url)
    assert found, f"not a case page: {page.url}"
    return int(found.group(1))


def open_case(journey: Journey, page: Page, title: str, summary: str, persons: str = "") -> int:
    """As an officer: a new case by hand (the cases list's "New case" button)."""
    journey.visit(page, "/cases/")
    page.click("main a[href='/cases/new/']")
    page.fill("#id_title", title)
    page.fill("#id_summary", summary)
    page.select_option("#id_intake_kind", "citizen_complaint")
    page.select_option("#id_urgency", index=0)
    page.fill("#id_subject_text", "Trang “Chợ Gia Nghĩa Online”")
    page.fill("#id_persons", persons)
    page.click("main form button[type=submit].primary")
    expect(page.locator(".field.has-error")).to_have_count(0)
    expect(page.locator("main h1")).to_contain_text(title)
    return case_id(page)


def assign(journey: Journey, page: Page, case: int, *units: str) -> None:
    """As an officer: route the case to units (their short names)."""
    journey.visit(page, f"/cases/{case}/")
    page.click(f"main a[href='/cases/{case}/assign/']")
    labels = [
        text
        for text in page.locator("#id_units option").all_inner_texts()
        if any(unit in text for unit in units)
    ]
    assert len(labels) >= len(units), f"units {units} not offered: {labels[:5]}"
    page.select_option("#id_units", label=labels)
    page.fill("#id_instructions", "Đề nghị kiểm tra, xác minh và trả lời bằng văn bản.")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/cases/{case}/")
    for unit in units:
        expect(page.locator("main table").first).to_contain_text(unit)


def answer(journey: Journey, page: Page, case: int, text: str) -> None:
    """As a unit liaison: answer the unit's assignment of ``case``."""
    journey.visit(page, f"/cases/{case}/")
    page.click(f"main a[href='/cases/{case}/respond/']")
    page.select_option("#id_verification_result", index=0)
    page.fill("#id_response_text", text)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/cases/{case}/")
    expect(page.locator("main")).to_contain_text(text[:40])


def read_docx(content: bytes) -> str:
    """The text of a DOCX file, paragraphs and table cells (python-docx must open it)."""
    document = docx.Document(io.BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def download(page: Page, href: str) -> tuple[str, bytes]:
    """GET ``href`` with the page's cookies; the content type and the body."""
    response = page.request.get(href)
    assert response.ok, f"{href}: HTTP {response.status}"
    return response.headers.get("content-type", ""), response.body()
