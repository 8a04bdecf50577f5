"""The leader: approves the sanction an officer proposed, publishes the result; the monthly
briefing downloads as DOCX."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey
from tests.browser.steps import DOCX_TYPE, WARD, answer, assign, download, open_case, read_docx

pytestmark = [pytest.mark.slow, pytest.mark.journey]

CASE_TITLE = "Trang mạng đăng tin sai về dịch sốt xuất huyết ở phường Bắc Gia Nghĩa"
DECISION = "27/QĐ-XPHC"


def test_leader_approves_and_publishes(journey: Journey) -> None:
    # the preconditions, through the pages: opened and routed, answered, sanction proposed
    officer = journey.page("canbo")
    case = open_case(
        journey,
        officer,
        CASE_TITLE,
        "Chủ trang Nguyễn Văn Bình đăng tin sai về số ca sốt xuất huyết (điện thoại 0912345678).",
        persons="Nguyễn Văn Bình",
    )
    assign(journey, officer, case, WARD)
    ward = journey.page("lienlac.bacgianghia")
    answer(journey, ward, case, "Phường xác minh: số liệu trên trang là sai, đã yêu cầu gỡ bài.")
    journey.visit(officer, f"/cases/{case}/")
    expect(officer.locator("main .head .badge")).to_have_text("Đã trả lời")
    officer.click(f"main a[href='/cases/{case}/sanction/']")
    # NĐ 15/2020 Art 101(1), false information on social networks: its wording after NĐ 14/2022
    # is not confirmed, so the officer must tick the override and give a reason
    rule = [t for t in officer.locator("#id_rule option").all_inner_texts() if "101" in t]
    assert len(rule) == 1, rule
    officer.select_option("#id_rule", label=rule[0])
    officer.select_option("#id_violator_type", "individual")
    officer.fill("#id_amount", "7500000")
    officer.check("#id_override_confirmed")
    officer.fill(
        "#id_override_reason", "Mức phạt đã được xác nhận; chỉ câu chữ sau NĐ 14/2022 chưa."
    )
    journey.shot(officer, "propose-sanction")
    officer.click("main form button[type=submit]")
    officer.wait_for_url(f"**/cases/{case}/")

    leader = journey.page("lanhdao")
    journey.visit(leader, f"/cases/{case}/")
    journey.shot(leader, "case-sanction-proposed")
    leader.click(f"main a[href='/cases/{case}/sanction/decide/']")
    expect(leader.locator("main dl.facts")).to_contain_text("7500000")
    expect(leader.locator("main dl.facts")).to_contain_text("CHƯA XÁC NHẬN")
    journey.shot(leader, "decide")
    leader.check("main input[name=decision][value=approve]")
    leader.fill("#id_decision_number", DECISION)
    leader.fill("#id_decision_date", datetime.date.today().isoformat())
    leader.fill("#id_comment", "Đồng ý đề xuất.")
    leader.click("main form button[type=submit]")
    leader.wait_for_url(f"**/cases/{case}/")
    expect(leader.locator("main")).to_contain_text(DECISION)
    journey.shot(leader, "case-sanction-decided")

    leader.click(f"main a[href='/cases/{case}/publish/']")
    journey.shot(leader, "publish-form")
    leader.click("main form button[type=submit]")
    leader.wait_for_url("**/cases/public/*/")
    expect(leader.locator("main")).to_contain_text("sốt xuất huyết")
    expect(leader.locator("main")).not_to_contain_text("0912345678")  # masked on publication
    expect(leader.locator("main")).not_to_contain_text("Nguyễn Văn Bình")
    journey.shot(leader, "published")
    journey.system.shared["published_url"] = leader.url.removeprefix(journey.system.base)
    journey.finish()


def test_leader_downloads_monthly_briefing(journey: Journey) -> None:
    leader = journey.page("lanhdao")
    reports = leader.goto("/reports/")
    if reports is None or reports.status == 404:
        pytest.skip("the reports app has no pages yet (/reports/ is 404)")
    assert reports.status == 200
    journey.shot(leader, "reports")
    journey.visit(leader, "/reports/new/")
    leader.select_option("#id_kind", "briefing")
    leader.select_option("#id_preset", "this_month")  # the demo's data are from today
    journey.shot(leader, "new-briefing")
    leader.click("main form button[type=submit].primary")
    leader.wait_for_url("**/reports/*/")
    docx_link = leader.locator("main a[href$='/download/docx/']").first
    expect(docx_link).to_be_visible(timeout=90_000)  # generated in the background
    journey.shot(leader, "briefing")
    content_type, body = download(leader, str(docx_link.get_attribute("href")))
    assert content_type.startswith(DOCX_TYPE)
    text = read_docx(body)
    today = datetime.date.today()
    assert f"{today.month:02d}/{today.year}" in text or f"{today.month}/{today.year}" in text
    journey.finish()
