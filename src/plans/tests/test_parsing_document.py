"""Header, title, legal bases, recipients and signer."""

from __future__ import annotations

import datetime

import pytest

from plans.parsing.document import legal_bases, read_header, recipients, signer
from plans.parsing.types import Signer


def test_header_with_governing_body_keeps_the_issuing_department() -> None:
    header = read_header(
        [
            "UBND TỈNH LÂM ĐỒNG",
            "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 12/KH-SVHTTDL",
            "Lâm Đồng, ngày 09 tháng 02 năm 2026",
            "KẾ HOẠCH",
            "Kiểm tra hoạt động báo chí năm 2026",
            "Thực hiện Kế hoạch số 123/KH-UBND ngày 05/3/2026 của UBND tỉnh;",
        ]
    )
    assert header.issuer == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert header.number == "12/KH-SVHTTDL"
    assert header.date == datetime.date(2026, 2, 9)
    assert header.title == "Kiểm tra hoạt động báo chí năm 2026"
    assert header.preamble == ("Thực hiện Kế hoạch số 123/KH-UBND ngày 05/3/2026 của UBND tỉnh;",)


def test_header_columns_on_one_line_and_a_blank_number() -> None:
    header = read_header(
        [
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH GIA LAI Độc lập - Tự do - Hạnh phúc",
            "Số: /KH-UBND Gia Lai, ngày tháng năm 2026",
            "KẾ HOẠCH HÀNH ĐỘNG",
            "Chuyển đổi số báo chí",
        ]
    )
    assert header.issuer == "ỦY BAN NHÂN DÂN TỈNH GIA LAI"
    assert header.number is None
    assert header.date is None
    assert header.title == "Chuyển đổi số báo chí"


def test_issuer_from_the_preamble_is_completed_with_the_province_of_the_title() -> None:
    header = read_header(
        [
            "KẾ HOẠCH",
            "Tuyên truyền trên địa bàn tỉnh Bà Rịa - Vũng Tàu năm 2026",
            "Thực hiện Chỉ thị số 07/CT-TTg; Uỷ ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        ]
    )
    assert header.issuer == "Uỷ ban nhân dân tỉnh Bà Rịa - Vũng Tàu"
    assert header.number is None


@pytest.mark.parametrize(
    ("preamble", "bases"),
    [
        (
            "Thực hiện Kế hoạch số 74-KH/TU ngày 31/10/2022 của Ban Thường vụ Tỉnh ủy "
            "về tăng cường;",
            ["Kế hoạch số 74-KH/TU ngày 31/10/2022 của Ban Thường vụ Tỉnh ủy"],
        ),
        (
            "Căn cứ Luật Báo chí năm 2016; Luật An ninh mạng năm 2018; căn cứ pháp luật năm 2020;",
            ["Luật Báo chí năm 2016", "Luật An ninh mạng năm 2018"],
        ),
        (
            "Căn cứ Nghị định số 09/2017/NĐ-CP ngày 09 tháng 02 năm 2017 của Chính phủ "
            "quy định chi tiết",
            ["Nghị định số 09/2017/NĐ-CP ngày 09 tháng 02 năm 2017 của Chính phủ"],
        ),
        (
            "Thực hiện Quyết định 1418/QĐ-BTTTT của Bộ Thông tin và Truyền thông và Kế hoạch số "
            "12-KH/TU của Tỉnh ủy; Quyết định 1418/QĐ-BTTTT; "
            "theo đề nghị tại Tờ trình số 45/TTr-SVHTTDL",
            [
                "Quyết định 1418/QĐ-BTTTT của Bộ Thông tin và Truyền thông",
                "Kế hoạch số 12-KH/TU của Tỉnh ủy",
            ],
        ),
    ],
)
def test_legal_bases(preamble: str, bases: list[str]) -> None:
    assert list(legal_bases([preamble])) == bases


def test_recipients_stop_at_the_signature() -> None:
    back = [
        "Nơi nhận: - Như trên;",
        "- Lưu: VT, KGVX.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Văn An",
    ]
    assert recipients(back) == ("Như trên", "Lưu: VT, KGVX")
    assert recipients(["KT. CHỦ TỊCH"]) == ()


@pytest.mark.parametrize(
    ("back", "expected"),
    [
        (
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Đã ký)", "Hồ Văn Mười"],
            Signer("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Hồ Văn Mười"),
        ),
        (["GIÁM ĐỐC", "[đã ký]", "Nguyễn Văn Lộc"], Signer("GIÁM ĐỐC", "Nguyễn Văn Lộc")),
        (["Nơi nhận:", "- Lưu: VT."], Signer()),
        (
            ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "PHỤ LỤC", "DANH MỤC"],
            Signer("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", ""),
        ),
    ],
)
def test_signer(back: list[str], expected: Signer) -> None:
    assert signer(back) == expected
