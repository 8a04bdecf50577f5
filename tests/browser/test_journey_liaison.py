"""The liaison's answer: a ward's liaison answers the demo case routed to the ward; the health
department answers too, and the case shows it is answered. Another unit's case is a 404."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey
from tests.browser.steps import answer, case_id

pytestmark = [pytest.mark.slow, pytest.mark.journey]

#: Demo cases of cases/bootstrap.py: routed to the ward and the health department / to Sở NN&MT.
OWN_CASE = "nước sinh hoạt"
OTHER_CASE = "đất rẫy"


def test_liaison_answers(journey: Journey) -> None:
    page = journey.page("lienlac.bacgianghia")
    journey.visit(page, "/cases/")
    rows = page.locator("main table tbody tr")
    expect(rows.filter(has_text=OWN_CASE)).to_have_count(1)
    expect(rows.filter(has_text=OTHER_CASE)).to_have_count(0)  # only the ward's own cases
    journey.shot(page, "cases")

    rows.filter(has_text=OWN_CASE).locator("a[href^='/cases/']").first.click()
    page.wait_for_url("**/cases/*/")
    case = case_id(page)
    assignments = page.locator("main table").first
    expect(assignments.locator("tbody tr")).to_have_count(1)  # its own assignment only
    expect(assignments).to_contain_text("Bắc Gia Nghĩa")
    journey.shot(page, "case")

    page.click(f"main form[action='/cases/{case}/verifying/'] button")  # "we are verifying"
    page.wait_for_url(f"**/cases/{case}/")
    page.click(f"main a[href='/cases/{case}/respond/']")
    journey.shot(page, "answer-form")
    text = (
        "UBND phường đã phối hợp Trung tâm Y tế lấy mẫu nước tại 5 điểm; kết quả đạt quy chuẩn. "
        "Thông tin nước máy nhiễm hóa chất là sai sự thật; phường đã đăng tin cải chính."
    )
    answer(journey, page, case, text)
    answered = assignments.locator("tbody tr")
    expect(answered.locator(f"a[href='/cases/{case}/respond/']")).to_have_count(0)
    journey.shot(page, "case-answered")

    health = journey.page("lienlac.yte")
    answer(journey, health, case, "Sở Y tế xác nhận nguồn nước đạt QCVN 01-1:2018/BYT.")
    state = health.locator("main .head .badge")
    expect(state).to_have_text("Đã trả lời")  # every unit answered: the case is "responded"
    journey.shot(health, "case-responded")

    officer = journey.page("canbo")
    journey.visit(officer, f"/cases/?q={OTHER_CASE}")
    link = officer.locator("main table tbody a[href^='/cases/']").first
    other = str(link.get_attribute("href"))
    journey.visit(page, other, status=404)  # another unit's case does not exist for the ward
    journey.shot(page, "other-unit-case-404")
    journey.finish()
