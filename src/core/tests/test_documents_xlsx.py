"""Tables to XLSX under the office's header block."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from core.documents.issuers import issuer_for
from core.documents.xlsx_writer import Sheet, render_xlsx, sheet_title

ON = datetime.date(2026, 2, 3)


def book() -> bytes:
    return render_xlsx(
        "Danh mục trang thông tin điện tử tổng hợp",
        [
            Sheet(
                "Trang TTĐT",
                ["STT", "Tên trang", "Giấy phép", "Ngày cấp", "Tiền phạt"],
                [
                    [1, "tinlamdong.example", "12/GP-STTTT", datetime.date(2023, 5, 4), None],
                    [2, "Một trang có tên rất dài " * 4, "", None, Decimal("15000000")],
                ],
            ),
            Sheet("Tóm tắt: tháng 1/2026", ["Chỉ tiêu", "Số lượng"], [["Tin, bài", 142]]),
        ],
        issuer=issuer_for(ON),
        on=ON,
    )


def sheet(data: bytes, index: int) -> Worksheet:
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook.worksheets[index]
    assert isinstance(ws, Worksheet)
    return ws


def test_header_block_then_bordered_table() -> None:
    ws = sheet(book(), 0)
    assert ws.title == "Trang TTĐT"
    assert ws["A1"].value == "UBND TỈNH LÂM ĐỒNG" and not ws["A1"].font.b
    assert ws["A2"].value == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" and ws["A2"].font.b
    assert ws["A4"].value == "Danh mục trang thông tin điện tử tổng hợp" and ws["A4"].font.b
    assert "A4:E4" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A5"].value == "(Lâm Đồng, ngày 03 tháng 02 năm 2026)" and ws["A5"].font.i
    header = [ws.cell(row=7, column=c).value for c in range(1, 6)]
    assert header == ["STT", "Tên trang", "Giấy phép", "Ngày cấp", "Tiền phạt"]
    assert all(ws.cell(row=7, column=c).font.b for c in range(1, 6))
    assert ws["A8"].value == 1 and ws["B8"].value == "tinlamdong.example"
    assert (
        ws["D8"].value == datetime.datetime(2023, 5, 4) and ws["D8"].number_format == "dd/mm/yyyy"
    )
    assert ws["E9"].value == 15000000
    for row in (7, 8, 9):
        for column in range(1, 6):
            border = ws.cell(row=row, column=column).border
            assert border.left.style == border.top.style == "thin"
    assert ws.freeze_panes == "A8"
    assert ws.auto_filter.ref == "A7:E9"
    assert ws["A8"].font.name == "Times New Roman"
    assert ws.column_dimensions["B"].width == 60  # long text capped
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4


def test_sheet_names_are_made_safe_and_unique() -> None:
    assert sheet(book(), 1).title == "Tóm tắt- tháng 1-2026"
    taken: set[str] = set()
    assert sheet_title("x" * 40, taken) == "x" * 31
    assert sheet_title("x" * 40, taken) == "x" * 27 + " (2)"
    assert sheet_title("[a]", taken) == "-a-"


def test_without_issuer_the_title_comes_first() -> None:
    data = render_xlsx("Báo cáo", [Sheet("S", ["A"], [["x"]])])
    ws = sheet(data, 0)
    assert ws["A1"].value == "Báo cáo" and ws["A3"].value == "A" and ws["A4"].value == "x"


def test_rows_must_match_the_header_and_a_sheet_is_needed() -> None:
    with pytest.raises(ValueError, match="does not match"):
        Sheet("S", ["A", "B"], [["only one"]])
    with pytest.raises(ValueError, match="at least one sheet"):
        render_xlsx("T", [])
