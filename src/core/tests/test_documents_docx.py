"""Official documents rendered to DOCX and read back: the NĐ 30/2020 layout rules."""

from __future__ import annotations

import datetime
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from core.documents.docx_writer import MOTTO_TEXT, NATIONAL_TITLE_TEXT, render_docx, text_width_mm
from core.documents.issuers import issuer_for, number_symbol
from core.documents.official import (
    Heading,
    Image,
    OfficialDocument,
    Paragraph,
    Run,
    Signer,
    Table,
)
from core.documents.reader import DocumentLayout, ParagraphInfo, TableInfo, read_docx

ON = datetime.date(2026, 3, 5)
SIGNER = Signer("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Minh")
BODY_TEXT = (
    "Trong tháng, Sở đã theo dõi thông tin trên các cơ quan báo chí, trang thông tin điện tử "
    "tổng hợp và mạng xã hội; phát hiện, xử lý kịp thời các thông tin sai sự thật liên quan "
    "đến địa phương và hướng dẫn các đơn vị cung cấp thông tin cho báo chí đúng quy định."
)


def png(width: int = 40, height: int = 20) -> bytes:
    """A small valid PNG (grey), standing in for a chart."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def report(**changes: object) -> OfficialDocument:
    issuer = issuer_for(ON)
    values: dict[str, object] = {
        "issuer": issuer,
        "number": number_symbol("BÁO CÁO", issuer, 7),
        "kind": "BÁO CÁO",
        "subject": "Kết quả công tác quản lý báo chí tháng 02/2026",
        "date": ON,
        "signer": SIGNER,
        "body": [
            Heading("I. TÌNH HÌNH THÔNG TIN TRÊN BÁO CHÍ"),
            *[Paragraph(BODY_TEXT) for _ in range(12)],
            Heading("1. Số lượng tin, bài", level=2),
            Table(
                ["STT", "Cơ quan báo chí", "Số tin, bài"],
                [[1, "Báo và PTTH Lâm Đồng", 124], [2, "Báo Nhân Dân", 18]],
                widths_mm=[15, 110, 40],
                caption="Bảng 1. Tin, bài về địa phương",
            ),
            Image(png(), width_mm=120, caption="Biểu đồ 1. Tỷ lệ tin tích cực"),
            Paragraph(runs=(Run("Đề xuất: ", bold=True), Run("tiếp tục theo dõi."))),
        ],
        "recipients": ["Bộ Văn hóa, Thể thao và Du lịch", "- UBND tỉnh;", "Lưu: VT, QLBC"],
    }
    values.update(changes)
    return OfficialDocument(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def layout() -> DocumentLayout:
    return read_docx(render_docx(report()))


def header(layout: DocumentLayout) -> TableInfo:
    first = layout.blocks[0]
    assert isinstance(first, TableInfo), "the document starts with the header table"
    return first


def texts(paragraphs: tuple[ParagraphInfo, ...]) -> list[str]:
    return [p.text for p in paragraphs if p.text]


def test_page_is_a4_portrait_with_nd30_margins(layout: DocumentLayout) -> None:
    page = layout.page
    assert page.width_mm == pytest.approx(210, abs=0.1)
    assert page.height_mm == pytest.approx(297, abs=0.1)
    assert page.portrait
    assert 20 <= page.top_mm <= 25 and 20 <= page.bottom_mm <= 25
    assert 30 <= page.left_mm <= 35
    assert 15 - 0.05 <= page.right_mm <= 20


def test_every_run_is_times_new_roman(layout: DocumentLayout) -> None:
    assert layout.default_font == "Times New Roman"
    fonts = {run.font for p in layout.paragraphs() for run in p.runs if run.text.strip()}
    assert fonts == {"Times New Roman"}


def test_page_numbers_centred_in_the_header_from_page_two(layout: DocumentLayout) -> None:
    assert layout.different_first_page
    assert layout.first_page_header_text.strip() == ""
    assert layout.header_page_field
    assert layout.header_alignment == "center"
    assert layout.header_size is not None and 13 <= layout.header_size <= 14


def test_header_left_column_governing_body_and_issuer(layout: DocumentLayout) -> None:
    table = header(layout)
    assert not table.borders
    left = table.cell(0, 0)
    assert texts(left) == ["UBND TỈNH LÂM ĐỒNG", "SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"]
    parent, *issuer_lines = [p for p in left if p.text]
    assert not parent.bold and not parent.italic and parent.size in (12, 13)
    assert all(p.bold and p.size in (12, 13) and p.alignment == "center" for p in issuer_lines)
    rules = [p for p in left if p.is_rule]
    assert len(rules) == 1 and left[-1].is_rule, "a short rule right under the issuer"
    box = (table.widths_mm[0] or 0) - 2 * 1.9
    rule = box - (rules[0].left_indent_mm or 0) - (rules[0].right_indent_mm or 0)
    widest = text_width_mm("SỞ VĂN HÓA, THỂ THAO", 12)
    assert widest / 3 <= rule <= widest / 2
    assert rules[0].left_indent_mm == pytest.approx(rules[0].right_indent_mm)


def test_header_right_column_national_title_and_motto(layout: DocumentLayout) -> None:
    right = header(layout).cell(0, 1)
    title, motto = (p for p in right if p.text)
    assert title.text == NATIONAL_TITLE_TEXT and title.bold and title.size in (12, 13)
    assert motto.text == MOTTO_TEXT == "Độc lập - Tự do - Hạnh phúc"
    assert motto.bold and not motto.italic
    assert motto.size == (title.size or 0) + 1, "Quốc hiệu 12 pt → tiêu ngữ 13 pt"
    assert title.alignment == motto.alignment == "center"
    rule = right[-1]
    assert rule.is_rule
    box = (header(layout).widths_mm[1] or 0) - 2 * 1.9
    length = box - (rule.left_indent_mm or 0) - (rule.right_indent_mm or 0)
    assert length == pytest.approx(text_width_mm(MOTTO_TEXT, motto.size or 13), rel=0.01)
    assert 45 < length < 75  # about as long as the printed motto


def test_number_and_place_date_lines(layout: DocumentLayout) -> None:
    table = header(layout)
    (number,) = (p for p in table.cell(1, 0) if p.text)
    assert number.text == "Số: 07/BC-SVHTTDL" and number.size == 13 and not number.bold
    (dated,) = (p for p in table.cell(1, 1) if p.text)
    assert dated.text == "Lâm Đồng, ngày 05 tháng 3 năm 2026"
    assert dated.italic and not dated.bold and dated.size in (13, 14)


def test_kind_title_and_subject(layout: DocumentLayout) -> None:
    kind = layout.find("BÁO CÁO")
    subject = layout.find("Kết quả công tác quản lý báo chí")
    assert kind.where == subject.where == "body"
    assert kind.bold and kind.alignment == "center" and kind.size in (13, 14)
    assert subject.bold and subject.alignment == "center" and subject.size in (13, 14)
    paragraphs = list(layout.paragraphs())
    after = paragraphs[paragraphs.index(subject) + 1]
    assert after.is_rule, "a short line under the subject"


def test_body_paragraphs_justified_with_first_line_indent(layout: DocumentLayout) -> None:
    body = layout.find_all("Trong tháng, Sở đã theo dõi")
    assert len(body) == 12
    for paragraph in body:
        assert paragraph.alignment == "justify" and paragraph.size in (13, 14)
        assert paragraph.first_line_indent_mm is not None
        assert 10 <= paragraph.first_line_indent_mm <= 12.7
        assert paragraph.space_after_pt is not None and paragraph.space_after_pt >= 6
        assert paragraph.line_spacing is not None and 1 <= paragraph.line_spacing <= 1.5
    mixed = layout.find("Đề xuất:")
    assert [run.bold for run in mixed.runs] == [True, False]


def test_headings_bold(layout: DocumentLayout) -> None:
    assert layout.find("I. TÌNH HÌNH").bold
    assert layout.find("1. Số lượng tin, bài").bold


def test_tables_have_borders_and_repeat_their_header(layout: DocumentLayout) -> None:
    data = layout.tables[1]
    assert data.borders and data.repeat_header
    assert [data.cell_text(0, c) for c in range(3)] == ["STT", "Cơ quan báo chí", "Số tin, bài"]
    assert all(p.bold for c in range(3) for p in data.cell(0, c))
    assert data.cell_text(1, 1) == "Báo và PTTH Lâm Đồng" and data.cell_text(1, 2) == "124"
    assert data.cell(1, 2)[0].alignment == "right"
    assert data.widths_mm == pytest.approx((15, 110, 40), abs=0.1)
    assert layout.find("Bảng 1.").bold


def test_image_inline_with_caption(layout: DocumentLayout) -> None:
    assert layout.pictures == 1
    assert any(p.has_picture and p.alignment == "center" for p in layout.paragraphs())
    assert layout.find("Biểu đồ 1.").italic


def test_recipients_block(layout: DocumentLayout) -> None:
    closing = layout.tables[-1]
    assert not closing.borders
    label, *entries = (p for p in closing.cell(0, 0) if p.text)
    assert label.text == "Nơi nhận:" and label.bold and label.italic and label.size == 12
    assert [p.text for p in entries] == [
        "- Bộ Văn hóa, Thể thao và Du lịch;",
        "- UBND tỉnh;",
        "- Lưu: VT, QLBC.",
    ]
    assert all(p.size == 11 and not p.bold and not p.italic for p in entries)


def test_signature_block(layout: DocumentLayout) -> None:
    right = layout.tables[-1].cell(0, 1)
    authority, title, name = (p for p in right if p.text)
    assert authority.text == "KT. GIÁM ĐỐC" and title.text == "PHÓ GIÁM ĐỐC"
    assert authority.bold and title.bold and authority.size in (13, 14)
    assert name.text == "Nguyễn Văn Minh" and name.bold and name.size in (13, 14)
    assert all(p.alignment == "center" for p in right)
    assert len(right) - 3 >= 3, "room for the signature and seal"


def test_letter_has_vv_subject_under_the_number_and_no_kind_title() -> None:
    issuer = issuer_for(datetime.date(2024, 8, 9))
    letter = OfficialDocument(
        issuer=issuer,
        number=number_symbol("CÔNG VĂN", issuer, 925, division="TTBCXB"),
        kind="CÔNG VĂN",
        subject="nhận diện tình trạng báo hóa trang thông tin điện tử tổng hợp",
        date=datetime.date(2024, 8, 9),
        signer=Signer("", "GIÁM ĐỐC", "Trần Văn B"),
        recipients_to=["Các cơ quan báo chí", "Các trang thông tin điện tử tổng hợp"],
        body=[Paragraph(BODY_TEXT)],
        recipients=["Như trên"],
    )
    layout = read_docx(render_docx(letter))
    table = header(layout)
    assert texts(table.cell(0, 0))[:2] == ["UBND TỈNH ĐẮK NÔNG", "SỞ THÔNG TIN"]
    number, subject = (p for p in table.cell(1, 0) if p.text)
    assert number.text == "Số: 925/STTTT-TTBCXB"
    assert subject.text.startswith("V/v nhận diện tình trạng báo hóa")
    assert subject.size in (12, 13) and not subject.bold
    assert texts(table.cell(1, 1)) == ["Đắk Nông, ngày 09 tháng 8 năm 2024"]
    assert not layout.find_all("CÔNG VĂN")
    assert layout.find("Kính gửi:").where == "body"
    assert layout.find("- Các cơ quan báo chí;") and layout.find("- Các trang thông tin")
    assert layout.find("- Các trang thông tin").text.endswith(".")
    signature = texts(layout.tables[-1].cell(0, 1))
    assert signature == ["GIÁM ĐỐC", "Trần Văn B"]
    entries = texts(layout.tables[-1].cell(0, 0))
    assert entries == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]


def test_single_addressee_and_draft_number() -> None:
    doc = report(number=None, recipients_to=["Ủy ban nhân dân tỉnh Lâm Đồng"])
    layout = read_docx(render_docx(doc))
    assert texts(header(layout).cell(1, 0)) == ["Số: …/…"]
    assert layout.find("Kính gửi: Ủy ban nhân dân tỉnh Lâm Đồng.").alignment == "center"


def test_table_rows_must_match_the_header() -> None:
    with pytest.raises(ValueError, match="cells"):
        Table(["A", "B"], [[1]])


def test_converts_with_libreoffice(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed on this machine")
    source = tmp_path / "report.docx"
    source.write_bytes(render_docx(report()))
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
