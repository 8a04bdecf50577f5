"""Figures → official documents (NĐ 30/2020 layout, via ``core.documents``) and XLSX sheets.

The documents are Vietnamese administrative texts whatever the interface language, so their
wording is written here in Vietnamese (not translated msgids). Every number comes from the
figures; nothing is typed in by hand except the briefing's orientation section.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from core.access import Role
from core.documents.issuers import issuer_for, number_symbol
from core.documents.official import (
    Block,
    Heading,
    Image,
    OfficialDocument,
    Paragraph,
    Signer,
    Table,
)
from core.documents.xlsx_writer import Sheet
from reports import charts
from reports.figures.annual import Annual
from reports.figures.articles import OTHER, OUTSIDE, OWN
from reports.figures.briefing import Briefing
from reports.figures.common import Issue
from reports.figures.digest import Digest, DigestItem
from reports.figures.orders import Orders
from reports.figures.reporters import (
    EXPIRED,
    EXPIRING,
    FOREIGN,
    MISSING,
    VALID,
    CardHolderRow,
    Reporters,
)
from reports.models import ReportSettings

KIND = "BÁO CÁO"
TONE_NAMES = {"positive": "Tích cực", "neutral": "Trung lập", "negative": "Tiêu cực"}
GROUP_NAMES = {
    OWN: "Báo chí của tỉnh",
    OUTSIDE: "Báo chí trung ương và địa phương khác",
    OTHER: "Trang thông tin điện tử, mạng xã hội và nguồn khác",
}
PROGRESS_NAMES = {
    "done": "Hoàn thành",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa triển khai",
    "blocked": "Vướng mắc",
    "": "Chưa báo cáo",
}
CARD_NAMES = {
    VALID: "Còn hạn",
    EXPIRING: "Sắp hết hạn",
    EXPIRED: "Hết hạn",
    MISSING: "Chưa ghi nhận thẻ",
    FOREIGN: "Thẻ của cơ quan khác",
}
CHANGE_NAMES = {"added": "Bổ sung", "changed": "Thay đổi", "ended": "Chấm dứt"}
RECORD_NAMES = {"office": "Văn phòng đại diện", "reporter": "Phóng viên thường trú"}
LETTER_NAMES = {"request": "đề nghị kiểm tra, xử lý", "response": "trả lời kết quả xử lý"}
DETECTOR_NAMES = {
    "republication": "Trang tổng hợp đăng lại tin, bài",
    "site_signals": "Dấu hiệu báo hóa",
    "scope": "Tạp chí hoạt động sai tôn chỉ, mục đích",
    "advertorial": "Quảng cáo trá hình",
    "softened": "Gỡ, sửa tin tiêu cực",
    "claims": "Tin giả, tin sai sự thật",
}


@dataclass(frozen=True)
class Output:
    """What one run produces: the document, the workbook sheets and their title."""

    document: OfficialDocument
    sheets: Sequence[Sheet]
    title: str


def _d(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _dt(moment: datetime.datetime | None) -> str:
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _pct(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + "%"


def signer(settings: ReportSettings) -> Signer:
    """The settings' signer; the name falls back to the press-office leader's account."""
    name = settings.signer_name.strip()
    if not name:
        leader = (
            get_user_model().objects.filter(role=Role.LEADER, is_active=True).order_by("pk").first()
        )
        name = (getattr(leader, "full_name", "") or str(leader or "")).strip()
    return Signer(settings.signer_authority.strip(), settings.signer_title.strip(), name or "…")


def _document(
    subject: str, on: datetime.date, body: Sequence[Block], addressees: str = ""
) -> OfficialDocument:
    settings = ReportSettings.current()
    issuer = issuer_for(on)
    return OfficialDocument(
        issuer=issuer,
        number=number_symbol(KIND, issuer, None),
        kind=KIND,
        subject=subject,
        date=on,
        signer=signer(settings),
        body=body,
        recipients=ReportSettings.lines(settings.recipients),
        recipients_to=ReportSettings.lines(addressees),
    )


def _issue_table(issues: Sequence[Issue], first: str, caption: str) -> Table:
    rows = [
        [
            index,
            issue.name,
            issue.articles,
            issue.negative,
            "\n".join(f"{e.title} ({e.outlet})" for e in issue.examples),
        ]
        for index, issue in enumerate(issues, start=1)
    ]
    return Table(
        ["STT", first, "Số tin, bài", "Tiêu cực", "Tin, bài tiêu biểu"],
        rows,
        widths_mm=[12, 38, 20, 18, 77],
        caption=caption,
    )


# --- Monthly briefing ----------------------------------------------------------------------------
def briefing_document(data: Briefing, orientation: str, on: datetime.date) -> Output:
    label = data.period.label()
    own, outside, other = data.group(OWN), data.group(OUTSIDE), data.group(OTHER)
    tones = {share.tone: share for share in data.tones}
    body: list[Block] = [
        Heading("I. TÌNH HÌNH THÔNG TIN TRÊN BÁO CHÍ VỀ TỈNH"),
        Heading("1. Số lượng cơ quan báo chí và tin, bài", level=2),
        Paragraph(
            f"Trong {label}, có {_n(data.outlets)} cơ quan báo chí và nguồn tin đăng "
            f"{_n(data.articles)} tin, bài về tỉnh; trong đó báo chí của tỉnh: "
            f"{_n(own.outlets)} cơ quan, {_n(own.articles)} tin, bài; báo chí trung ương và "
            f"địa phương khác: {_n(outside.outlets)} cơ quan, {_n(outside.articles)} tin, bài; "
            f"trang thông tin điện tử, mạng xã hội và nguồn khác: {_n(other.outlets)} nguồn, "
            f"{_n(other.articles)} tin, bài."
        ),
        Table(
            ["Nhóm", "Số cơ quan, nguồn", "Số tin, bài"],
            [[GROUP_NAMES[g.group], g.outlets, g.articles] for g in data.groups]
            + [["Tổng cộng", data.outlets, data.articles]],
            widths_mm=[95, 35, 35],
            caption="Bảng 1. Cơ quan báo chí, nguồn tin và số tin, bài về tỉnh",
        ),
        Heading("2. Tính chất thông tin", level=2),
        Paragraph(
            f"Tin, bài tích cực: {_n(tones['positive'].count)} "
            f"({_pct(tones['positive'].percent)}); trung lập: {_n(tones['neutral'].count)} "
            f"({_pct(tones['neutral'].percent)}); phản ánh hạn chế, tiêu cực: "
            f"{_n(tones['negative'].count)} ({_pct(tones['negative'].percent)})."
        ),
        Image(
            charts.tone_bars(
                [TONE_NAMES[s.tone] for s in data.tones],
                [s.count for s in data.tones],
                [s.tone for s in data.tones],
            ),
            width_mm=140,
            caption="Biểu đồ 1. Tỷ lệ tin, bài theo tính chất thông tin",
        ),
    ]
    if data.days:
        body.append(
            Image(
                charts.daily_lines(
                    [d.day for d in data.days],
                    [
                        (TONE_NAMES["positive"], "positive", [d.positive for d in data.days]),
                        (TONE_NAMES["neutral"], "neutral", [d.neutral for d in data.days]),
                        (TONE_NAMES["negative"], "negative", [d.negative for d in data.days]),
                    ],
                ),
                width_mm=150,
                caption="Biểu đồ 2. Số tin, bài theo ngày",
            )
        )
    body.append(Heading("3. Vấn đề được quan tâm theo lĩnh vực", level=2))
    if data.sectors:
        body += [
            _issue_table(data.sectors, "Lĩnh vực", "Bảng 2. Vấn đề nổi bật theo lĩnh vực"),
            Image(
                charts.ranked_bars(
                    [s.name for s in data.sectors], [s.articles for s in data.sectors]
                ),
                width_mm=130,
                caption="Biểu đồ 3. Số tin, bài theo lĩnh vực",
            ),
        ]
    else:
        body.append(Paragraph("Không có tin, bài được xác định lĩnh vực trong kỳ."))
    body.append(Heading("4. Vấn đề được quan tâm theo địa bàn", level=2))
    if data.localities:
        body.append(_issue_table(data.localities, "Địa bàn", "Bảng 3. Vấn đề nổi bật theo địa bàn"))
    else:
        body.append(Paragraph("Không có tin, bài nêu địa bàn cụ thể trong kỳ."))
    body += _management(data)
    body.append(Heading("III. ĐỊNH HƯỚNG TUYÊN TRUYỀN THỜI GIAN TỚI"))
    lines = [line.strip() for line in orientation.splitlines() if line.strip()]
    body += [Paragraph(line) for line in lines] or [
        Paragraph("(Nội dung định hướng chưa được nhập.)", italic=True)
    ]
    subject = f"Kết quả công tác quản lý nhà nước về báo chí và tình hình thông tin {label}"
    settings = ReportSettings.current()
    document = _document(subject, on, body, settings.briefing_addressees)
    return Output(document, _briefing_sheets(data), f"Báo cáo giao ban báo chí {label}")


def _management(data: Briefing) -> list[Block]:
    cases, sanctions = data.cases, data.sanctions
    letters = "; ".join(
        f"{_n(n)} văn bản {LETTER_NAMES.get(kind, kind)}" for kind, n in data.letters_by_kind
    )
    blocks: list[Block] = [
        Heading("II. CÔNG TÁC QUẢN LÝ NHÀ NƯỚC VỀ BÁO CHÍ"),
        Heading("1. Văn bản đề nghị kiểm tra, xử lý thông tin", level=2),
        Paragraph(
            f"Sở đã ban hành {_n(data.letters_sent)} văn bản"
            + (f" ({letters})." if letters else ".")
        ),
        Heading("2. Tiếp nhận, xử lý vụ việc", level=2),
        Paragraph(
            f"Tiếp nhận mới {_n(cases.opened)} vụ việc; đã giải quyết xong {_n(cases.resolved)} "
            f"vụ việc; {_n(cases.overdue_cases)} vụ việc có {_n(cases.overdue_assignments)} "
            "yêu cầu quá hạn trả lời"
            + (
                f"; thời gian trả lời trung bình {cases.mean_days_to_respond:.1f} ngày.".replace(
                    ".", ",", 1
                )
                if cases.mean_days_to_respond is not None
                else "."
            )
        ),
    ]
    if cases.overdue_by_unit:
        blocks.append(
            Table(
                ["STT", "Đơn vị", "Yêu cầu quá hạn"],
                [[i, name, n] for i, (name, n) in enumerate(cases.overdue_by_unit, start=1)],
                widths_mm=[15, 115, 35],
                caption="Bảng 4. Yêu cầu quá hạn trả lời theo đơn vị",
            )
        )
    decrees = "; ".join(f"Nghị định {d}: {_n(n)}" for d, n in sanctions.by_decree if d)
    blocks += [
        Heading("3. Xử lý vi phạm hành chính", level=2),
        Paragraph(
            f"Ban hành {_n(sanctions.count)} quyết định xử phạt vi phạm hành chính, tổng số tiền "
            f"phạt {_n(sanctions.fines_total)} đồng" + (f" ({decrees})." if decrees else ".")
        ),
        Heading("4. Kết quả phát hiện vi phạm", level=2),
        Paragraph(
            f"Xác nhận {_n(data.findings_confirmed)} trường hợp có dấu hiệu vi phạm"
            + (
                " ("
                + "; ".join(
                    f"{DETECTOR_NAMES.get(d, d)}: {_n(n)}" for d, n in data.findings_by_detector
                )
                + ")."
                if data.findings_by_detector
                else "."
            )
        ),
        Heading("5. Văn phòng đại diện, phóng viên thường trú", level=2),
    ]
    if data.registry_changes:
        blocks.append(
            Table(
                ["STT", "Loại", "Nội dung", "Tên", "Ngày"],
                [
                    [i, RECORD_NAMES[c.record], CHANGE_NAMES[c.action], c.name, _d(c.day)]
                    for i, c in enumerate(data.registry_changes, start=1)
                ],
                widths_mm=[12, 40, 25, 63, 25],
                caption="Bảng 5. Biến động văn phòng đại diện, phóng viên thường trú",
            )
        )
    else:
        blocks.append(Paragraph("Không có biến động trong kỳ."))
    blocks.append(Paragraph(f"Tiếp nhận {_n(data.notices)} văn bản thông báo của cơ quan báo chí."))
    blocks.append(Heading("6. Thực hiện quy chế người phát ngôn", level=2))
    if data.spokesperson_gaps:
        blocks.append(
            Paragraph(
                f"Còn {_n(len(data.spokesperson_gaps))} cơ quan, đơn vị chưa có người phát ngôn: "
                + "; ".join(data.spokesperson_gaps)
                + "."
            )
        )
    else:
        blocks.append(Paragraph("Các cơ quan, đơn vị đều đã có người phát ngôn."))
    return blocks


def _briefing_sheets(data: Briefing) -> list[Sheet]:
    summary = [
        ["Số cơ quan báo chí, nguồn tin", data.outlets],
        ["Số tin, bài về tỉnh", data.articles],
        *[[f"{GROUP_NAMES[g.group]}: cơ quan, nguồn", g.outlets] for g in data.groups],
        *[[f"{GROUP_NAMES[g.group]}: tin, bài", g.articles] for g in data.groups],
        *[[f"Tin, bài {TONE_NAMES[s.tone].lower()}", s.count] for s in data.tones],
        *[[f"Tỷ lệ {TONE_NAMES[s.tone].lower()} (%)", s.percent] for s in data.tones],
        ["Văn bản đã ban hành", data.letters_sent],
        ["Vụ việc tiếp nhận", data.cases.opened],
        ["Vụ việc giải quyết xong", data.cases.resolved],
        ["Vụ việc có yêu cầu quá hạn", data.cases.overdue_cases],
        ["Quyết định xử phạt", data.sanctions.count],
        ["Tổng tiền phạt (đồng)", data.sanctions.fines_total],
        ["Vi phạm được xác nhận", data.findings_confirmed],
        ["Đơn vị chưa có người phát ngôn", len(data.spokesperson_gaps)],
    ]

    def issues(rows: Sequence[Issue]) -> list[list[object]]:
        return [[i.code, i.name, i.articles, i.negative] for i in rows]

    return [
        Sheet("Tổng hợp", ["Chỉ tiêu", "Số liệu"], summary, widths=[50, 16]),
        Sheet(
            "Theo ngày",
            ["Ngày", "Tích cực", "Trung lập", "Tiêu cực", "Tổng"],
            [[d.day, d.positive, d.neutral, d.negative, d.total] for d in data.days],
        ),
        Sheet("Lĩnh vực", ["Mã", "Lĩnh vực", "Tin, bài", "Tiêu cực"], issues(data.sectors)),
        Sheet("Địa bàn", ["Mã", "Địa bàn", "Tin, bài", "Tiêu cực"], issues(data.localities)),
        Sheet(
            "Quá hạn theo đơn vị",
            ["Đơn vị", "Yêu cầu quá hạn"],
            [[name, n] for name, n in data.cases.overdue_by_unit],
        ),
        Sheet(
            "VPĐD, PVTT",
            ["Loại", "Nội dung", "Tên", "Ngày"],
            [
                [RECORD_NAMES[c.record], CHANGE_NAMES[c.action], c.name, c.day]
                for c in data.registry_changes
            ],
        ),
    ]


# --- Digest --------------------------------------------------------------------------------------
def _item_lines(items: Sequence[DigestItem], *, problems: bool) -> list[Block]:
    blocks: list[Block] = []
    for index, item in enumerate(items, start=1):
        blocks.append(Paragraph(f"{index}. {item.title}", bold=True))
        details = f"Nguồn: {item.outlet}; thời gian: {_dt(item.published)}; địa chỉ: {item.url}"
        if item.localities:
            details += f"; địa bàn: {', '.join(item.localities)}"
        blocks.append(Paragraph(details + "."))
        if problems:
            if item.units:
                blocks.append(Paragraph(f"Đơn vị liên quan: {', '.join(item.units)}."))
            blocks.append(Paragraph(f"Đề xuất: {item.proposal}", italic=True))
    return blocks


def digest_document(data: Digest, on: datetime.date) -> Output:
    label = data.period.label()
    tones = {share.tone: share for share in data.tones}
    body: list[Block] = [
        Heading("I. SỐ LIỆU CHUNG"),
        Paragraph(
            f"Trong {label}, có {_n(data.articles)} tin, bài về tỉnh trên {_n(data.outlets)} "
            f"cơ quan báo chí và nguồn tin; tích cực {_n(tones['positive'].count)} "
            f"({_pct(tones['positive'].percent)}), trung lập {_n(tones['neutral'].count)} "
            f"({_pct(tones['neutral'].percent)}), phản ánh hạn chế, tiêu cực "
            f"{_n(tones['negative'].count)} ({_pct(tones['negative'].percent)})."
        ),
        Heading("II. THÔNG TIN TÍCH CỰC NỔI BẬT"),
        *(_item_lines(data.positive, problems=False) or [Paragraph("Không có.")]),
        Heading("III. THÔNG TIN PHẢN ÁNH HẠN CHẾ, TIÊU CỰC"),
        *(_item_lines(data.problems, problems=True) or [Paragraph("Không có.")]),
        Heading("IV. VẤN ĐỀ NỔI BẬT TRÊN MẠNG XÃ HỘI, THÔNG TIN SAI SỰ THẬT"),
    ]
    if data.hot_topics:
        body.append(
            Table(
                ["STT", "Câu chuyện", "Số tin, bài", "Số nguồn", "Mạng xã hội"],
                [
                    [i, t.title, t.articles, t.outlets, "Có" if t.social else ""]
                    for i, t in enumerate(data.hot_topics, start=1)
                ],
                widths_mm=[12, 88, 22, 20, 23],
                caption="Các câu chuyện được nhiều nguồn đăng lại",
            )
        )
    else:
        body.append(Paragraph("Không ghi nhận câu chuyện được nhiều nguồn đăng lại."))
    if data.false_claims:
        for claim in data.false_claims:
            body.append(
                Paragraph(
                    f"- {claim.label}: “{claim.claim}” — xuất hiện lại {_n(claim.items)} lần "
                    f"({', '.join(claim.subjects)})."
                )
            )
    else:
        body.append(
            Paragraph("Không phát hiện thông tin sai sự thật đã được xác minh tái xuất hiện.")
        )
    body += [
        Heading("V. ĐỀ XUẤT"),
        Paragraph(
            "Đề nghị các cơ quan, đơn vị liên quan kiểm tra, xác minh các thông tin phản ánh tại "
            "mục III, kịp thời cung cấp thông tin cho báo chí và cải chính thông tin sai sự thật "
            "(nếu có)."
        ),
    ]
    subject = f"Điểm tin báo chí {label}"
    document = _document(subject, on, body)
    rows = [
        [
            "Tích cực" if item in data.positive else "Tiêu cực",
            item.title,
            item.outlet,
            item.published.replace(tzinfo=None) if item.published else None,
            item.url,
            ", ".join(item.localities),
            ", ".join(item.units),
            item.proposal,
        ]
        for item in (*data.positive, *data.problems)
    ]
    sheets = [
        Sheet(
            "Điểm tin",
            [
                "Tính chất",
                "Tiêu đề",
                "Nguồn",
                "Thời gian",
                "Địa chỉ",
                "Địa bàn",
                "Đơn vị",
                "Đề xuất",
            ],
            rows,
        ),
        Sheet(
            "Tổng hợp",
            ["Chỉ tiêu", "Số liệu"],
            [["Tin, bài về tỉnh", data.articles], ["Cơ quan, nguồn", data.outlets]]
            + [[f"Tin, bài {TONE_NAMES[s.tone].lower()}", s.count] for s in data.tones],
        ),
    ]
    return Output(document, sheets, subject)


# --- Annual plan report --------------------------------------------------------------------------
def annual_document(data: Annual, on: datetime.date) -> Output:
    plan = data.plan_title
    if data.plan_number:
        plan = f"Kế hoạch số {data.plan_number}" + (
            f" ngày {_d(data.plan_date)}" if data.plan_date else ""
        )
    statuses = dict(data.by_status)
    body: list[Block] = [
        Heading("I. TÌNH HÌNH TRIỂN KHAI"),
        Paragraph(
            f"Thực hiện {plan} ({data.plan_title}), trong năm {data.year} các cơ quan, đơn vị "
            f"có {_n(data.periods_due)} kỳ báo cáo nhiệm vụ đến hạn; đã báo cáo "
            f"{_n(data.reported)} kỳ ({_pct(data.reported_percent)}), trong đó hoàn thành "
            f"{_n(statuses.get('done', 0))}, đang thực hiện {_n(statuses.get('in_progress', 0))}, "
            f"chưa triển khai {_n(statuses.get('not_started', 0))}, vướng mắc "
            f"{_n(statuses.get('blocked', 0))}; {_n(data.overdue)} kỳ quá hạn chưa báo cáo."
        ),
        Paragraph(
            f"Trong năm đã tổ chức {_n(data.training_events)} lớp tập huấn, bồi dưỡng; "
            f"{_n(data.inspections)} cuộc kiểm tra; {_n(data.press_orders)} đơn đặt hàng báo chí."
        ),
        Heading("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"),
        Table(
            ["Mục", "Nhiệm vụ", "Đơn vị", "Kỳ đến hạn", "Đã báo cáo", "Tình trạng", "Kết quả"],
            [
                [
                    row.code,
                    row.title,
                    row.unit,
                    row.periods_due,
                    row.reported,
                    PROGRESS_NAMES.get(row.status, row.status)
                    + (f" (quá hạn {row.overdue})" if row.overdue else ""),
                    row.excerpt,
                ]
                for row in data.rows
            ],
            widths_mm=[12, 42, 28, 15, 15, 20, 33],
            font_size=11,
            caption=f"Bảng 1. Kết quả thực hiện nhiệm vụ năm {data.year}",
        ),
        Heading("III. TỒN TẠI, HẠN CHẾ VÀ ĐỀ XUẤT"),
        Paragraph(
            f"Còn {_n(data.overdue)} kỳ báo cáo quá hạn; đề nghị các cơ quan, đơn vị khẩn "
            "trương báo cáo kết quả thực hiện và tiếp tục triển khai các nhiệm vụ được giao."
            if data.overdue
            else "Các cơ quan, đơn vị đã báo cáo đầy đủ các kỳ đến hạn."
        ),
    ]
    subject = f"Kết quả thực hiện {plan} năm {data.year}"
    settings = ReportSettings.current()
    document = _document(subject, on, body, settings.annual_addressees)
    sheets = [
        Sheet(
            "Nhiệm vụ",
            [
                "Mục",
                "Nhiệm vụ",
                "Đơn vị",
                "Kỳ đến hạn",
                "Đã báo cáo",
                "Quá hạn",
                "Tình trạng",
                "Kết quả",
            ],
            [
                [
                    r.code,
                    r.title,
                    r.unit,
                    r.periods_due,
                    r.reported,
                    r.overdue,
                    PROGRESS_NAMES.get(r.status, r.status),
                    r.excerpt,
                ]
                for r in data.rows
            ],
        )
    ]
    return Output(document, sheets, f"Báo cáo thực hiện kế hoạch năm {data.year}")


# --- Resident reporters --------------------------------------------------------------------------
def _holder_rows(rows: Sequence[CardHolderRow]) -> list[list[object]]:
    return [
        [
            i,
            r.agency,
            r.name,
            r.office,
            r.card_number,
            _d(r.card_valid_until),
            CARD_NAMES[r.card_status],
        ]
        for i, r in enumerate(rows, start=1)
    ]


def reporters_document(data: Reporters, on: datetime.date) -> Output:
    half = "6 tháng đầu năm" if data.period.start.month == 1 else "6 tháng cuối năm"
    label = f"{half} {data.period.start.year}"
    header = [
        "STT",
        "Cơ quan báo chí",
        "Họ và tên",
        "Văn phòng / địa chỉ",
        "Số thẻ",
        "Hạn thẻ",
        "Tình trạng thẻ",
    ]
    widths = [10, 35, 30, 35, 18, 18, 19]
    body: list[Block] = [
        Paragraph(
            f"Đến ngày {_d(data.period.end)}, trên địa bàn tỉnh có {_n(len(data.offices))} văn "
            f"phòng đại diện và {_n(len(data.reporters))} phóng viên thường trú của các cơ quan "
            f"báo chí; {_n(data.count(EXPIRED))} thẻ nhà báo hết hạn, {_n(data.count(EXPIRING))} "
            f"thẻ sắp hết hạn, {_n(data.count(MISSING))} trường hợp chưa ghi nhận thẻ, "
            f"{_n(data.count(FOREIGN))} thẻ của cơ quan báo chí khác."
        ),
        Heading("I. VĂN PHÒNG ĐẠI DIỆN"),
        Table(header, _holder_rows(data.offices), widths_mm=widths, font_size=11)
        if data.offices
        else Paragraph("Không có."),
        Heading("II. PHÓNG VIÊN THƯỜNG TRÚ"),
        Table(header, _holder_rows(data.reporters), widths_mm=widths, font_size=11)
        if data.reporters
        else Paragraph("Không có."),
    ]
    subject = f"Danh sách văn phòng đại diện, phóng viên thường trú {label}"
    document = _document(subject, on, body)
    sheets = [
        Sheet("Văn phòng đại diện", header, _holder_rows(data.offices)),
        Sheet("Phóng viên thường trú", header, _holder_rows(data.reporters)),
    ]
    return Output(document, sheets, subject)


# --- Press orders --------------------------------------------------------------------------------
def orders_document(data: Orders, on: datetime.date) -> Output:
    label = data.period.label()
    percent = (
        round(100 * min(data.confirmed, data.required) / data.required, 1) if data.required else 0.0
    )
    body: list[Block] = [
        Paragraph(
            f"Trong {label}, có {_n(len(data.orders))} đơn đặt hàng với "
            f"{_n(len(data.agencies))} cơ quan báo chí, tổng số {_n(data.required)} tác phẩm; "
            f"đã xác nhận {_n(data.confirmed)} tác phẩm ({_pct(percent)})."
        ),
        Heading("I. THEO ĐƠN ĐẶT HÀNG"),
        Table(
            ["STT", "Cơ quan báo chí", "Chủ đề", "Thời gian", "Đặt hàng", "Đã xác nhận", "Tỷ lệ"],
            [
                [
                    i,
                    o.agency,
                    o.topic,
                    f"{_d(o.start)} – {_d(o.end)}",
                    o.required,
                    o.confirmed,
                    _pct(o.percent),
                ]
                for i, o in enumerate(data.orders, start=1)
            ],
            widths_mm=[10, 35, 40, 30, 16, 18, 16],
            font_size=11,
        )
        if data.orders
        else Paragraph("Không có đơn đặt hàng trong kỳ."),
        Heading("II. THEO CƠ QUAN BÁO CHÍ"),
        Table(
            ["STT", "Cơ quan báo chí", "Số đơn", "Đặt hàng", "Đã xác nhận", "Kinh phí (đồng)"],
            [
                [i, a.agency, a.orders, a.required, a.confirmed, a.budget]
                for i, a in enumerate(data.agencies, start=1)
            ],
            widths_mm=[10, 55, 18, 22, 25, 35],
        )
        if data.agencies
        else Paragraph("Không có."),
    ]
    subject = f"Kết quả thực hiện đặt hàng báo chí {label}"
    document = _document(subject, on, body)
    sheets = [
        Sheet(
            "Đơn đặt hàng",
            [
                "Cơ quan báo chí",
                "Chủ đề",
                "Từ ngày",
                "Đến ngày",
                "Đặt hàng",
                "Đề xuất",
                "Đã xác nhận",
                "Loại bỏ",
                "Kinh phí (đồng)",
                "Trạng thái",
            ],
            [
                [
                    o.agency,
                    o.topic,
                    o.start,
                    o.end,
                    o.required,
                    o.proposed,
                    o.confirmed,
                    o.rejected,
                    o.budget,
                    o.status,
                ]
                for o in data.orders
            ],
        ),
        Sheet(
            "Theo cơ quan",
            ["Cơ quan báo chí", "Số đơn", "Đặt hàng", "Đã xác nhận", "Kinh phí (đồng)"],
            [[a.agency, a.orders, a.required, a.confirmed, a.budget] for a in data.agencies],
        ),
    ]
    return Output(document, sheets, subject)
