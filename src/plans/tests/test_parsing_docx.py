""".docx plans: real WordprocessingML files built here with the standard library.

``build_docx`` writes the parts Word needs to open the file ([Content_Types].xml, the package
relationships, word/document.xml, optionally word/numbering.xml), so the samples are real .docx
files without python-docx.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from plans.parsing import UnreadableFileError, parse_plan_file, plan_to_dict
from plans.parsing.docx import blocks_from_docx
from plans.parsing.types import Table

SAMPLES = Path(__file__).parent / "samples"
SEED = Path(__file__).resolve().parents[4] / "shared" / "seed" / "000_2da2f8a9fd1c4402.txt"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/numbering" Target="numbering.xml"/></Relationships>'
)


@dataclass(frozen=True)
class Cell:
    text: str
    span: int = 1
    merge: str = ""  # "restart" or "continue" (vertical merge)


def paragraph(text: str, *, num: tuple[int, int] | None = None, bold: bool = False) -> str:
    """One w:p; "\\n" in ``text`` becomes a line break; ``num`` = (numId, ilvl) numbers it."""
    properties = ""
    if num is not None:
        properties = (
            f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/>'
            "</w:numPr></w:pPr>"
        )
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r>{run_properties}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
        for line in text.split("\n")
    )
    return f"<w:p>{properties}{runs}</w:p>"


def table(rows: list[list[str | Cell]]) -> str:
    """One w:tbl; a cell's lines become separate paragraphs."""
    xml_rows = []
    for row in rows:
        cells = []
        for item in row:
            cell = item if isinstance(item, Cell) else Cell(item)
            properties = ""
            if cell.span > 1:
                properties += f'<w:gridSpan w:val="{cell.span}"/>'
            if cell.merge:
                properties += f'<w:vMerge w:val="{cell.merge}"/>'
            content = "".join(paragraph(line) for line in cell.text.split("\n")) or "<w:p/>"
            cells.append(f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>")
        xml_rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return f"<w:tbl>{''.join(xml_rows)}</w:tbl>"


def numbering(levels: list[tuple[str, str]]) -> str:
    """numbering.xml with one list (numId 1): ``levels`` = [(numFmt, lvlText), …] by level."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for index, (fmt, text) in enumerate(levels)
    )
    return (
        f'<w:numbering xmlns:w="{_W}"><w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def build_docx(body: list[str], *, numbering_xml: str | None = None) -> bytes:
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
        if numbering_xml is not None:
            archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
            archive.writestr("word/numbering.xml", numbering_xml)
    return buffer.getvalue()


TABLE_PLAN = [
    table(
        [
            [
                "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            ],
            ["Số: 217/KH-UBND", "Gia Lai, ngày 20 tháng 4 năm 2026"],
        ]
    ),
    paragraph("KẾ HOẠCH", bold=True),
    paragraph("Phòng, chống thông tin xấu độc trên không gian mạng", bold=True),
    paragraph("năm 2026", bold=True),
    paragraph(
        "Căn cứ Nghị định số 147/2024/NĐ-CP ngày 09/11/2024 của Chính phủ về quản lý, cung cấp, "
        "sử dụng dịch vụ Internet và thông tin trên mạng; Ủy ban nhân dân tỉnh ban hành Kế hoạch "
        "như sau:"
    ),
    paragraph("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
    paragraph("Chủ động phát hiện, xử lý kịp thời thông tin xấu độc."),
    paragraph("II. NHIỆM VỤ", bold=True),
    paragraph("Nhiệm vụ cụ thể tại Phụ lục kèm theo."),
    paragraph("III. TỔ CHỨC THỰC HIỆN", bold=True),
    paragraph("Chế độ báo cáo", num=(1, 0)),
    paragraph(
        "Các cơ quan chủ trì báo cáo kết quả thực hiện về Sở Văn hóa, Thể thao và Du lịch "
        "định kỳ hằng quý (trước ngày 20 của tháng cuối quý)."
    ),
    table(
        [
            [
                "Nơi nhận:\n- Như mục III;\n- TT Tỉnh ủy (b/c);\n- Lưu: VT, NC.",
                "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nPhạm Thị Thu Hà",
            ]
        ]
    ),
    paragraph("PHỤ LỤC", bold=True),
    paragraph("(Kèm theo Kế hoạch số 217/KH-UBND ngày 20/4/2026 của Ủy ban nhân dân tỉnh)"),
    table(
        [
            [
                "TT",
                "Nội dung nhiệm vụ",
                "Đơn vị chủ trì",
                "Đơn vị phối hợp",
                "Thời hạn hoàn thành",
                "Sản phẩm",
            ],
            [Cell("A"), Cell("NHIỆM VỤ THƯỜNG XUYÊN", span=5)],
            [
                "1",
                "Theo dõi, phát hiện thông tin xấu độc",
                Cell("Công an tỉnh", merge="restart"),
                "Sở Văn hóa, Thể thao và Du lịch",
                "Thường xuyên",
                "Báo cáo",
            ],
            [
                "2",
                "Xác minh, xử lý tài khoản vi phạm",
                Cell("", merge="continue"),
                "Sở Khoa học và Công nghệ\nViettel Gia Lai",
                "Hằng quý",
                "",
            ],
            [Cell("B"), Cell("NHIỆM VỤ NĂM 2026", span=5)],
            [
                "TT",
                "Nội dung nhiệm vụ",
                "Đơn vị chủ trì",
                "Đơn vị phối hợp",
                "Thời hạn hoàn thành",
                "Sản phẩm",
            ],
            [
                "1",
                "Xây dựng quy chế phối hợp xử lý thông tin xấu độc",
                "Sở Văn hóa, Thể thao và Du lịch",
                "Công an tỉnh; Sở Tư pháp",
                "Tháng 6/2026",
                "Quy chế",
            ],
            [
                "2",
                "Tổ chức diễn tập ứng phó sự cố thông tin",
                "Công an tỉnh",
                "Các sở, ban, ngành",
                "Từ tháng 8/2026 đến tháng 10/2026",
                "",
            ],
        ]
    ),
]


@pytest.fixture
def table_plan(tmp_path: Path) -> Path:
    path = tmp_path / "ke-hoach-gia-lai.docx"
    path.write_bytes(build_docx(TABLE_PLAN, numbering_xml=numbering([("decimal", "%1.")])))
    return path


def test_docx_header_table_gives_issuer_number_and_date(table_plan: Path) -> None:
    plan = parse_plan_file(table_plan)
    assert plan.issuer == "ỦY BAN NHÂN DÂN TỈNH GIA LAI"
    assert plan.number == "217/KH-UBND"
    assert plan.date is not None and plan.date.isoformat() == "2026-04-20"
    assert plan.title == "Phòng, chống thông tin xấu độc trên không gian mạng năm 2026"
    assert plan.legal_bases == ("Nghị định số 147/2024/NĐ-CP ngày 09/11/2024 của Chính phủ",)


def test_docx_task_table_with_merged_cells(table_plan: Path) -> None:
    tasks = {task["code"]: task for task in plan_to_dict(parse_plan_file(table_plan))["tasks"]}
    assert list(tasks) == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    assert tasks["1"]["title"] == "NHIỆM VỤ THƯỜNG XUYÊN"
    assert tasks["1.2"]["lead_units"] == ["Công an tỉnh"]  # from the vertically merged cell
    assert tasks["1.2"]["coordinating_units"] == ["Sở Khoa học và Công nghệ", "Viettel Gia Lai"]
    assert tasks["1.2"]["schedule"]["kind"] == "quarterly"
    assert tasks["2.1"]["coordinating_units"] == ["Công an tỉnh", "Sở Tư pháp"]
    assert tasks["2.1"]["schedule"] | {} == {
        "kind": "range",
        "start": "2026-06-01",
        "end": "2026-06-30",
        "due": None,
        "min_per_year": None,
        "raw": "Tháng 6/2026",
    }
    assert (tasks["2.2"]["schedule"]["start"], tasks["2.2"]["schedule"]["end"]) == (
        "2026-08-01",
        "2026-10-31",
    )


def test_docx_signature_table_and_numbered_reporting(table_plan: Path) -> None:
    plan = parse_plan_file(table_plan)
    assert plan.recipients == ("Như mục III", "TT Tỉnh ủy (b/c)", "Lưu: VT, NC")
    assert plan.signer.title == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert plan.signer.name == "Phạm Thị Thu Hà"
    assert len(plan.reporting) == 1
    duty = plan.reporting[0]
    assert (duty.who, duty.what) == ("Các cơ quan chủ trì", "kết quả thực hiện")
    assert duty.due_rule == "định kỳ hằng quý"


def test_docx_automatic_numbering_and_line_breaks(tmp_path: Path) -> None:
    body = [
        paragraph("KẾ HOẠCH"),
        paragraph("Kiểm tra trang thông tin điện tử tổng hợp"),
        paragraph("I. NHIỆM VỤ"),
        paragraph("Kiểm tra giấy phép", num=(1, 0)),
        paragraph("Kiểm tra trang tin của doanh nghiệp", num=(1, 1)),
        paragraph("Cơ quan thực hiện: Sở Văn hóa, Thể thao và Du lịch.", num=(2, 0)),
        paragraph("Thời gian: Quý IV/2026.", num=(2, 0)),
        paragraph("Kiểm tra trang tin của cơ quan nhà nước", num=(1, 1)),
        paragraph("Cơ quan thực hiện: Sở Khoa học và Công nghệ.\nThời gian: Hằng năm."),
        paragraph("Nơi nhận:\n- Lưu: VT."),
        paragraph("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Văn An"),
    ]
    xml = numbering([("decimal", "%1."), ("decimal", "%1.%2.")]).replace(
        "</w:numbering>",
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="-"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>',
    )
    path = tmp_path / "numbered.docx"
    path.write_bytes(build_docx(body, numbering_xml=xml))
    plan = plan_to_dict(parse_plan_file(path))
    assert [(t["code"], t["lead_units"], t["schedule"]["kind"]) for t in plan["tasks"]] == [
        ("1", [], "once"),
        ("1.1", ["Sở Văn hóa, Thể thao và Du lịch"], "range"),
        ("1.2", ["Sở Khoa học và Công nghệ"], "annual"),
    ]
    assert plan["signer"] == {"title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "name": "Lê Văn An"}


def test_docx_of_the_prose_sample_parses_like_the_text(tmp_path: Path) -> None:
    text_path = SAMPLES / "prose_lamdong.txt"
    lines = [line for line in text_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docx_path = tmp_path / "prose.docx"
    docx_path.write_bytes(build_docx([paragraph(line) for line in lines]))
    assert plan_to_dict(parse_plan_file(docx_path)) == plan_to_dict(parse_plan_file(text_path))


def test_docx_of_the_seed_parses_like_the_text(tmp_path: Path) -> None:
    if not SEED.is_file():
        pytest.skip(f"the seed plan is not on this machine ({SEED})")
    text = SEED.read_text(encoding="utf-8").replace("*", "")  # Word carries no Markdown emphasis
    path = tmp_path / "seed.docx"
    path.write_bytes(build_docx([paragraph(line) for line in text.splitlines() if line.strip()]))
    assert plan_to_dict(parse_plan_file(path)) == plan_to_dict(parse_plan_file(SEED))


def test_blocks_keep_table_rows_and_cells() -> None:
    blocks = blocks_from_docx(build_docx([paragraph("Mở đầu"), table([["a", Cell("b", span=2)]])]))
    assert blocks == ("Mở đầu", Table(rows=(("a", "b", ""),)))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04 not really a zip", "not a .docx file"),
        (b"plain text", "not a .docx file"),
    ],
)
def test_broken_docx_is_unreadable(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFileError, match=reason):
        blocks_from_docx(data)


def test_docx_without_document_part_is_unreadable() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(UnreadableFileError, match=r"no word/document\.xml"):
        blocks_from_docx(buffer.getvalue())


def test_docx_with_a_dtd_is_refused() -> None:
    data = build_docx([paragraph("x")])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml":
                content = content.replace(
                    b"<w:document", b'<!DOCTYPE x [<!ENTITY a "b">]><w:document', 1
                )
            target.writestr(name, content)
    with pytest.raises(UnreadableFileError, match="DTD"):
        blocks_from_docx(buffer.getvalue())
