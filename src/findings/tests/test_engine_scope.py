"""A magazine off its licensed scope (findings.engine.scope)."""

from __future__ import annotations

import datetime

from findings.engine.scope import MagazineScope, ScopeItem, assess_scope, classify_item

DAY = datetime.date(2026, 3, 1)
HEALTH = MagazineScope(
    scope_sectors=("y_te",),
    scope_keywords=("sức khỏe", "bệnh viện", "dinh dưỡng", "y tế"),
)
IN_SCOPE = [
    ScopeItem("1", "Bệnh viện tỉnh khám miễn phí cho người cao tuổi.", ("y_te",)),
    ScopeItem("2", "Chế độ dinh dưỡng cho trẻ. Dinh dưỡng hợp lý giúp trẻ lớn nhanh.", ("khac",)),
    ScopeItem("3", "Mùa mưa, cần giữ gìn sức khỏe.", ("khac",), title="Sức khoẻ mùa mưa"),
    ScopeItem("4", "Tiêm chủng mở rộng tại các xã.", ("y_te", "giao_duc")),
    ScopeItem("5", "benh vien da khoa mo khoa moi; benh vien tuyen xa duoc nang cap", ("khac",)),
    ScopeItem("6", "Bảo hiểm y tế cho học sinh, y tế học đường được chú trọng.", ("giao_duc",)),
]
OFF_SCOPE = [
    ScopeItem("7", "Gói thầu xây trường học bị chậm tiến độ.", ("xay_dung",)),
    ScopeItem("8", "Tranh chấp đất đai kéo dài ở xã Quảng Sơn.", ("nong_nghiep_moi_truong",)),
    ScopeItem("9", "Giá cà phê tăng mạnh trong tuần.", ("cong_thuong",)),
    ScopeItem("10", "Một bệnh viện được nhắc đến trong vụ tranh chấp đất.", ("tu_phap",)),
]


def test_each_item_says_why() -> None:
    by_sector = classify_item(IN_SCOPE[0], HEALTH)
    assert by_sector.in_scope and by_sector.explanation == "in scope: sector y_te"
    by_title = classify_item(IN_SCOPE[2], HEALTH)  # "Sức khoẻ": other tone placement
    assert by_title.matched_keywords == ("sức khỏe",)
    no_accents = classify_item(IN_SCOPE[4], HEALTH)
    assert no_accents.matched_keywords == ("bệnh viện",)
    once = classify_item(OFF_SCOPE[3], HEALTH)  # one mention in the body is not enough
    assert not once.in_scope
    assert once.explanation == "outside the registered sectors and keywords"


def test_off_scope_share_over_the_threshold_is_a_finding() -> None:
    report = assess_scope(IN_SCOPE + OFF_SCOPE, HEALTH, on=DAY, subject="agency:4")
    assert report.off_scope_share == 0.4
    assert [i.id for i in report.off_scope] == ["7", "8", "9", "10"]
    (hit,) = report.hits
    assert (hit.rule_code, hit.passed, hit.subject) == (
        "magazine-off-scope-2016",
        False,
        "agency:4",
    )
    assert hit.explanation == ("4 of 10 items (0.4) are outside the licensed scope (threshold 0.3)")
    assert hit.evidence[0] == "item 7: outside the registered sectors and keywords"
    assert hit.sanction_refs == ("nd119-8-4-e",) and hit.needs_verification


def test_under_the_threshold_passes_and_small_windows_are_not_judged() -> None:
    mostly_in = IN_SCOPE + IN_SCOPE[:2] + OFF_SCOPE[:2]
    report = assess_scope(mostly_in, HEALTH, on=DAY)
    assert report.off_scope_share == 0.2 and report.hits[0].passed
    assert assess_scope(OFF_SCOPE, HEALTH, on=DAY).hits == ()  # 4 items < 10


def test_press_law_2025_rule_from_1_july_2026() -> None:
    report = assess_scope(IN_SCOPE + OFF_SCOPE, HEALTH, on=datetime.date(2026, 7, 1))
    assert [h.rule_code for h in report.hits] == ["magazine-off-scope-2025"]


def test_no_registered_scope_gives_no_finding() -> None:
    report = assess_scope(IN_SCOPE + OFF_SCOPE, MagazineScope(), on=DAY)
    assert report.hits == () and report.off_scope_share == 1.0


def test_science_journal_incident_share() -> None:
    science = MagazineScope(("khoa_hoc_cong_nghe",), ("nghiên cứu", "khoa học"), True)
    research = [
        ScopeItem(str(i), "Kết quả nghiên cứu giống cà phê mới.", ("khoa_hoc_cong_nghe",))
        for i in range(4)
    ]
    incidents = [
        ScopeItem("a", "Tai nạn giao thông, hai người bị thương.", ("xay_dung",)),
        ScopeItem("b", "Vụ cháy nha xuong, mot nguoi tu vong.", ("khac",)),
        ScopeItem("c", "Cơ quan điều tra khởi tố đối tượng lừa đảo.", ("cong_an",)),
        ScopeItem("d", "Bắt giữ nghi phạm trộm cắp.", ("cong_an",)),
        ScopeItem("e", "Đuối nước ở hồ thủy lợi, một em nhỏ tử vong.", ("khac",)),
        ScopeItem("f", "Công an xã nhắc nhở người dân.", ("cong_an",)),
    ]
    report = assess_scope(research + incidents, science, on=DAY)
    assert report.incident_share == 0.6
    incident = next(h for h in report.hits if h.rule_code == "science-journal-incident-news")
    assert not incident.passed
    assert "item b: vụ cháy, cháy nhà, tử vong" in incident.evidence  # unaccented words match
    plain = assess_scope(research + incidents, HEALTH, on=DAY)
    assert plain.incident_share is None  # not a science journal
