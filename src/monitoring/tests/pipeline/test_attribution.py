"""Source lines of Vietnamese articles: what is an attribution, and what is only prose."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.pipeline.attribution import VIETNAM_TZ, find_datetime, parse_attribution

MORNING = datetime.datetime(2026, 11, 26, 8, 15, tzinfo=VIETNAM_TZ)
MIDNIGHT = datetime.datetime(2026, 11, 26, tzinfo=VIETNAM_TZ)

# Each case: a line, then the outlet, author and date it names.
ATTRIBUTIONS = [
    ("Theo TTXVN", "TTXVN", "", None),
    ("Theo Báo Nhân Dân", "Báo Nhân Dân", "", None),
    ("Nguồn: VnExpress", "VnExpress", "", None),
    ("(Theo Tuổi Trẻ)", "Tuổi Trẻ", "", None),
    ("Nguồn: Báo Đắk Nông, 08:15 26/11/2026", "Báo Đắk Nông", "", MORNING),
    ("Nguyễn Văn A (Báo Lâm Đồng)", "Báo Lâm Đồng", "Nguyễn Văn A", None),
    ("TTXVN/Vietnam+", "TTXVN/Vietnam+", "", None),
    ("Theo VOV.VN", "VOV.VN", "", None),
    ("PV", "", "PV", None),
    ("Minh Anh", "", "Minh Anh", None),
    ("Minh Anh - Thu Hà", "", "Minh Anh - Thu Hà", None),
    # without diacritics, in other cases, with quotes and trailing punctuation
    ("Nguon: Bao Dak Nong, 08:15 26/11/2026", "Bao Dak Nong", "", MORNING),
    ("theo TTXVN.", "TTXVN", "", None),
    ("“Theo Báo Nhân Dân”.", "Báo Nhân Dân", "", None),
    ("(Theo Tuổi Trẻ);", "Tuổi Trẻ", "", None),
    ("NGUỒN: VnExpress", "VnExpress", "", None),
    ("MINH ANH", "", "MINH ANH", None),
    ("Minh Anh – Thu Hà.", "", "Minh Anh - Thu Hà", None),
    # more shapes seen on provincial and national sites
    ("Minh Anh (Theo TTXVN)", "TTXVN", "Minh Anh", None),
    ("Thu Hà (tổng hợp)", "", "Thu Hà", None),
    ("Bài, ảnh: Minh Anh", "", "Minh Anh", None),
    ("Bài và ảnh: Minh Anh - Thu Hà", "", "Minh Anh - Thu Hà", None),
    ("Nhóm PV", "", "Nhóm PV", None),
    ("Nguồn tin: Báo Lâm Đồng", "Báo Lâm Đồng", "", None),
    ("Theo TTXVN ngày 26/11/2026", "TTXVN", "", MIDNIGHT),
    ("Nguồn: Báo Đắk Nông - 26/11/2026 8h15", "Báo Đắk Nông", "", MORNING),
    ("Nguồn: https://www.vnexpress.net/thoi-su/bai-viet-123.html", "vnexpress.net", "", None),
    ("Báo Lâm Đồng", "Báo Lâm Đồng", "", None),
    ("(Dân trí) - Sáng 26/11, UBND tỉnh tổ chức hội nghị sơ kết.", "Dân trí", "", None),
    ("Hà Nội (TTXVN) - Chiều nay, Bộ Y tế cho biết đã cấp phép.", "TTXVN", "", None),
    ("TP. Hồ Chí Minh (PLO) - Sáng nay, hội nghị đã khai mạc.", "PLO", "", None),
]

NOT_ATTRIBUTIONS = [
    "",
    "   ",
    "Theo kế hoạch, UBND tỉnh sẽ triển khai chương trình trong tháng tới.",
    "Ông Nguyễn Văn B cho biết, theo quy định mới thì doanh nghiệp phải nộp hồ sơ trực tuyến.",
    "Người dân theo dõi sát diễn biến thời tiết để chủ động thu hoạch.",
    "Theo ông Nguyễn Văn B",
    "Theo Chủ tịch UBND tỉnh",
    "Theo đó, các xã phải hoàn thành trước ngày 31/12/2026.",
    "Ảnh minh họa",
    "Nguồn ảnh: Internet",
    "Hết",
    "Tin liên quan",
    "Tin Liên Quan",
    "(Ảnh minh họa) - Người dân làm thủ tục tại bộ phận một cửa.",
    "Ảnh: Thu Hà",  # a photo credit names the photographer, not the article's source
    "Chiều 26/11, đoàn công tác đã làm việc với huyện.",
    "Tổng kinh phí làm đường gần 2,4 tỷ đồng, trong đó nhân dân đóng góp hơn 900 triệu đồng.",
]


@pytest.mark.parametrize(("line", "outlet", "author", "published_at"), ATTRIBUTIONS)
def test_parses_source_line(
    line: str, outlet: str, author: str, published_at: datetime.datetime | None
) -> None:
    found = parse_attribution(line)
    assert found is not None, f"{line!r} should be an attribution"
    assert (found.outlet, found.author) == (outlet, author), f"{line!r} → {found}"
    assert found.published_at == published_at, f"{line!r} → {found.published_at}"
    assert found.raw, f"{line!r} keeps no raw text"


@pytest.mark.parametrize("line", NOT_ATTRIBUTIONS)
def test_prose_is_not_an_attribution(line: str) -> None:
    assert parse_attribution(line) is None, f"{line!r} is prose, not a source line"


def test_raw_is_the_cleaned_line() -> None:
    found = parse_attribution("  “Nguồn: Báo Đắk Nông, 08:15 26/11/2026”. ")
    assert found is not None
    assert found.raw == "Nguồn: Báo Đắk Nông, 08:15 26/11/2026"


def test_dateline_raw_is_the_prefix_only() -> None:
    found = parse_attribution("(Dân trí) - Sáng 26/11, UBND tỉnh tổ chức hội nghị sơ kết.")
    assert found is not None
    assert found.raw == "(Dân trí)"


def test_decomposed_input_gives_nfc_values() -> None:
    found = parse_attribution(unicodedata.normalize("NFD", "Nguyễn Văn A (Báo Lâm Đồng)"))
    assert found is not None
    assert found.outlet == "Báo Lâm Đồng"
    assert unicodedata.is_normalized("NFC", found.outlet + found.author + found.raw)


def test_published_at_is_vietnam_time() -> None:
    found = parse_attribution("Nguồn: Báo Đắk Nông, 08:15 26/11/2026")
    assert found is not None and found.published_at is not None
    assert found.published_at.isoformat() == "2026-11-26T08:15:00+07:00"


def test_impossible_date_is_not_a_date() -> None:
    assert find_datetime("31/02/2026") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26/11/2026 08:15", MORNING),
        ("08:15 26/11/2026", MORNING),
        ("Thứ Năm, 26/11/2026 - 08:15 (GMT+7)", MORNING),
        ("8h15 ngày 26/11/2026", MORNING),
        ("26.11.2026", MIDNIGHT),
    ],
)
def test_finds_vietnamese_dates(text: str, expected: datetime.datetime) -> None:
    found = find_datetime(text)
    assert found is not None and found[0] == expected, text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_returns_none(text: str) -> None:
    found = parse_attribution(text)
    if found is not None:
        assert found.outlet or found.author
        assert unicodedata.is_normalized("NFC", found.outlet + found.author + found.raw)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([line for line, *_ in ATTRIBUTIONS[:20]]), st.sampled_from(["", ".", " ;"]))
def test_trailing_punctuation_does_not_change_the_source(line: str, tail: str) -> None:
    assert parse_attribution(line + tail) == parse_attribution(line)
