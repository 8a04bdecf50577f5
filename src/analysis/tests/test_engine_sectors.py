"""Sector routing: DECISIONS §3 ids, primary first, each with its evidence."""

from __future__ import annotations

import pytest

from analysis.engine.sectors import SECTOR_IDS, SectorLexicon, classify, parse_term


def test_sector_ids_are_the_fixed_list() -> None:
    assert SECTOR_IDS == (
        "noi_vu", "tai_chinh", "cong_thuong", "nong_nghiep_moi_truong", "xay_dung", "giao_duc",
        "y_te", "van_hoa", "khoa_hoc_cong_nghe", "tu_phap", "cong_an", "quan_su",
        "dan_toc_ton_giao", "thanh_tra", "khac",
    )  # fmt: skip


def test_default_lexicon_covers_every_sector_but_khac() -> None:
    assert set(SectorLexicon.default().terms) == set(SECTOR_IDS) - {"khac"}


@pytest.mark.parametrize(
    ("title", "body", "primary"),
    [
        ("Khởi tố đối tượng lừa đảo chiếm đoạt tài sản", "Công an huyện đã bắt giữ.", "cong_an"),
        ("Học sinh nghỉ học vì lạm thu", "Nhà trường thu học phí sai quy định.", "giao_duc"),
        ("Cháy rừng ở Tuy Đức", "Kiểm lâm và người dân dập lửa.", "nong_nghiep_moi_truong"),
        ("Bệnh viện tỉnh quá tải", "Bệnh nhân nằm ghép, bác sĩ thiếu.", "y_te"),
        ("Công dân khiếu nại kéo dài", "Thanh tra tỉnh tiếp công dân.", "thanh_tra"),
        ("Quốc lộ 14 xuống cấp", "Mặt đường hư hỏng, nhà thầu chậm tiến độ.", "xay_dung"),
        ("Giải ngân vốn đầu tư công chậm", "Ngân sách tỉnh còn nhiều.", "tai_chinh"),
        ("Lễ hội văn hóa cồng chiêng", "Du khách đến xem.", "van_hoa"),
    ],
)
def test_primary_sector(title: str, body: str, primary: str) -> None:
    hits = classify(title, "", body)
    assert hits[0].sector == primary
    assert hits[0].evidence
    assert all(h.score >= hits[-1].score for h in hits)


def test_text_without_diacritics() -> None:
    assert classify("Khoi to doi tuong lua dao", "", "Cong an da bat giu")[0].sector == "cong_an"


def test_khac_when_nothing_fits_or_abroad() -> None:
    assert [h.sector for h in classify("Một ngày đẹp trời", "", "")] == ["khac"]
    abroad = classify(
        "Campuchia: biểu tình phản đối chính phủ", "", "Cảnh sát bắt giữ nhiều người."
    )
    assert abroad[0].sector == "khac"
    assert abroad[0].evidence == ("abroad: Campuchia",)
    domestic = classify("Việt Nam xuất khẩu cà phê sang Mỹ", "", "")
    assert domestic[0].sector != "khac"


def test_secondary_sectors_and_evidence() -> None:
    hits = classify("Khởi tố vụ phá rừng", "", "Công an điều tra vụ phá rừng; kiểm lâm phối hợp.")
    sectors = [h.sector for h in hits]
    assert set(sectors[:2]) == {"cong_an", "nong_nghiep_moi_truong"}
    assert "phá rừng" in next(h for h in hits if h.sector == "nong_nghiep_moi_truong").evidence


def test_ignored_phrases_hide_their_terms() -> None:
    assert classify("Yêu cầu báo cáo nhu cầu", "", "")[0].sector != "xay_dung"


def test_custom_lexicon_and_weights() -> None:
    lexicon = SectorLexicon.from_mapping(
        {"y_te": ["khẩu trang"], "cong_thuong": ["khẩu trang giả=3"], "ignore": ["khẩu trang vải"]}
    )
    assert classify("Thu giữ khẩu trang giả", lexicon=lexicon)[0].sector == "cong_thuong"
    assert classify("Phát khẩu trang miễn phí", lexicon=lexicon)[0].sector == "y_te"
    assert classify("Khẩu trang vải", lexicon=lexicon)[0].sector == "khac"
    with pytest.raises(ValueError, match="unknown sector"):
        SectorLexicon.from_mapping({"giao_thong": ["cầu"]})


def test_parse_term() -> None:
    assert parse_term("sạt lở=2") == ("sạt lở", 2.0)
    assert parse_term("sạt lở") == ("sạt lở", 1.0)
    assert parse_term("a=b") == ("a=b", 1.0)
