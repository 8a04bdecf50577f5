"""Unlabelled advertorials and negative items softened after publication (engine.advertorial)."""

from __future__ import annotations

import datetime
import unicodedata

import pytest

from findings.engine.advertorial import ItemVersion, assess_advertorial, softened_after_negative

DAY = datetime.date(2026, 3, 1)
AD = (
    "Máy lọc nước AquaViet chính hãng: giá chỉ 4.990.000 đồng, ưu đãi đến 30% trong tháng này.\n"
    "AquaViet cam kết chất lượng tốt nhất, bảo hành 5 năm. Liên hệ ngay hotline 0912 345 678.\n"
    "Hàng nghìn gia đình ở Lâm Đồng đã tin dùng AquaViet."
)
NEWS = (
    "Chiều 2/3, UBND tỉnh Lâm Đồng tổ chức hội nghị tổng kết công tác phòng chống thiên tai. "
    "Năm qua tỉnh đã hỗ trợ 12 tỷ đồng cho các hộ bị thiệt hại. Ông Nguyễn Văn An đề nghị các "
    "xã chủ động. Biển quảng cáo sai phép sẽ bị tháo dỡ."
)


def no_accents(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@pytest.mark.parametrize(
    "text",
    [AD, unicodedata.normalize("NFD", AD), no_accents(AD)],
    ids=["NFC", "NFD", "no diacritics"],
)
def test_unlabelled_advertorial_is_flagged(text: str) -> None:
    result = assess_advertorial(text, on=DAY, subject="article:3")
    assert result.hit is not None and not result.hit.passed
    assert result.score == 1.0 and not result.labelled
    counts = {s.name: s.count for s in result.signals}
    assert counts["prices"] >= 2 and counts["phones"] >= 1 and counts["promotion"] >= 5
    assert result.brand == "AquaViet" and counts["brand"] == 3
    assert result.hit.needs_verification  # confidence K: for human review
    assert any(e.startswith("phones: 0912 345 678") for e in result.hit.evidence)


@pytest.mark.parametrize(
    ("prefix", "label"),
    [
        ("Thông tin quảng cáo\n", "Thông tin quảng cáo"),
        ("[PR] ", "PR"),
        ("QUẢNG CÁO\n", "QUẢNG CÁO"),
        ("Noi dung do AquaViet tai tro.\n", "Noi dung do AquaViet tai tro"),
    ],
)
def test_a_label_clears_the_item(prefix: str, label: str) -> None:
    result = assess_advertorial(prefix + AD, on=DAY)
    assert result.labelled and result.label == label
    assert result.hit is not None and result.hit.passed


def test_ordinary_news_is_not_an_advertorial() -> None:
    result = assess_advertorial(NEWS, on=DAY)
    assert result.score < 0.5 and not result.labelled  # "biển quảng cáo" is no label
    assert result.hit is not None and result.hit.passed


def t(hours: float) -> datetime.datetime:
    start = datetime.datetime(
        2026, 3, 2, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    return start + datetime.timedelta(hours=hours)


PUBLISHED = (
    "Dự án khu dân cư Hòa Bình chậm tiến độ nhiều năm. Người dân bức xúc vì đường xuống cấp. "
    "Thanh tra chỉ ra nhiều sai phạm trong việc giao đất. Chủ đầu tư hứa sẽ hoàn thành trong năm."
)
SOFTENED = (
    "Dự án khu dân cư Hòa Bình chậm tiến độ nhiều năm. Chủ đầu tư hứa sẽ hoàn thành trong năm."
)


def test_softened_soon_after_publication() -> None:
    hit = softened_after_negative(
        [ItemVersion(t(5), SOFTENED, 0.1), ItemVersion(t(0), PUBLISHED, -0.6)], subject="a:9"
    )
    assert hit is not None and not hit.passed
    assert hit.evidence == (
        "Người dân bức xúc vì đường xuống cấp.",
        "Thanh tra chỉ ra nhiều sai phạm trong việc giao đất.",
    )
    assert hit.figures["tone_rise"] == 0.7 and hit.params["removed"] == 2


def test_removed_soon_after_publication() -> None:
    hit = softened_after_negative([ItemVersion(t(0), PUBLISHED, -0.6)], removed_at=t(20))
    assert hit is not None and not hit.passed
    assert hit.explanation == "Negative item removed 20.0 hours after publication"


def test_late_or_harmless_changes_are_not_flagged() -> None:
    late = softened_after_negative(
        [ItemVersion(t(0), PUBLISHED, -0.6), ItemVersion(t(100), SOFTENED, 0.2)], removed_at=t(200)
    )
    assert late is not None and late.passed
    typo = softened_after_negative(
        [ItemVersion(t(0), PUBLISHED, -0.6), ItemVersion(t(2), PUBLISHED + " Ảnh: T.H.", -0.55)]
    )
    assert typo is not None and typo.passed
    positive = softened_after_negative([ItemVersion(t(0), SOFTENED, 0.4)], removed_at=t(1))
    assert positive is None  # not negative when published
