"""Registry import as the officer: a CSV written here, its dry-run report, then applying it."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey

pytestmark = [pytest.mark.slow, pytest.mark.journey]

#: Two new watched accounts and one row that cannot be valid (an unknown platform); the URLs
#: (the natural key) are new on every run.
CSV = (
    "platform,name,url,owner_name,watched\n"
    "facebook,Góc nhìn Gia Nghĩa (thử nhập),https://facebook.example.vn/gocnhin-{run},"
    "Trần Văn An,true\n"
    "tiktok,Gia Nghia 24h (thu nhap),https://tiktok.example.vn/@gianghia24h-{run},,có\n"
    "myspace,Trang không hợp lệ,https://myspace.example.vn/khonghople-{run},,true\n"
)


def test_registry_import(journey: Journey, tmp_path: Path) -> None:
    upload = tmp_path / "tai-khoan-mxh.csv"
    upload.write_text(CSV.format(run=uuid.uuid4().hex[:8]), encoding="utf-8")
    page = journey.page("canbo")
    journey.visit(page, "/registry/")
    journey.shot(page, "registry")
    journey.visit(page, "/registry/social-accounts/import/")
    journey.shot(page, "import-form")

    page.set_input_files("#id_file", upload)
    page.click("main form[enctype='multipart/form-data'] button[type=submit]")
    report = page.locator("#import-report")
    expect(report).to_be_visible()
    facts = report.locator("dl.facts dd")
    expect(facts.nth(0)).to_have_text("3")  # rows
    expect(facts.nth(1)).to_have_text("2")  # to create
    expect(facts.nth(4)).to_have_text("1")  # invalid
    problems = report.locator("table tbody tr")
    expect(problems).to_have_count(1)
    expect(problems.first.locator("td").first).to_have_text("4")  # the line of the file
    expect(problems.first).to_contain_text("platform")
    journey.shot(page, "dry-run-report")

    page.check("#import-report input[name=skip_invalid]")
    page.click("#import-report button[type=submit]")
    expect(report.locator("h2")).to_have_text("Đã nhập xong")
    expect(report.locator("dl.facts dd").nth(1)).to_have_text("2")  # created
    journey.shot(page, "imported")

    journey.visit(page, "/registry/social-accounts/?q=gia nghia 24h")  # without accents
    rows = page.locator("main table tbody tr")
    expect(rows.filter(has_text="Gia Nghia 24h (thu nhap)").first).to_be_visible()
    journey.visit(page, "/registry/social-accounts/?q=goc nhin gia nghia")
    expect(rows.filter(has_text="Góc nhìn Gia Nghĩa (thử nhập)").first).to_be_visible()
    journey.shot(page, "list-after-import")
    journey.finish()
