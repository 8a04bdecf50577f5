"""The whole parser on the province's plan (the seed) and the team's samples, against golden files.

The seed's golden file (``samples/seed_daknong.expected.json``) was written from a reading of the
seed and is never regenerated; the expectations below restate it task by task. The samples'
golden files are refreshed with ``PRESSWATCH_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from plans.parsing import NoTasksError, parse_plan_file, parse_plan_text, plan_to_dict

SAMPLES = Path(__file__).parent / "samples"
REPO = Path(__file__).resolve().parents[3]
SEED = REPO.parent / "shared" / "seed" / "000_2da2f8a9fd1c4402.txt"

BTG, HNB, STTTT, CA = (
    "Ban Tuyên giáo Tỉnh ủy",
    "Hội Nhà báo tỉnh",
    "Sở Thông tin và Truyền thông",
    "Công an tỉnh",
)
LOCAL_PRESS = "các cơ quan báo chí địa phương"
# code: (parent, lead units, coordinating units, schedule kind)
SEED_TASKS: dict[str, tuple[str | None, list[str], list[str], str]] = {
    "1": (None, [], [], "once"),
    "1.1": (
        "1",
        [STTTT],
        [BTG, HNB, "Báo Đắk Nông", "Đài Phát thanh và Truyền hình Đắk Nông", "Tạp chí Năm Nung"],
        "continuous",
    ),
    "1.2": (
        "1",
        ["Báo Đắk Nông", "Đài Phát thanh và Truyền hình Đắk Nông", "Tạp chí Năm Nung"],
        [BTG, STTTT, "Sở Tài chính", HNB],
        "range",
    ),
    "1.3": ("1", [STTTT], [BTG, HNB, LOCAL_PRESS], "range"),
    "2": (None, [], [], "once"),
    "2.1": ("2", [STTTT], [BTG, HNB, CA], "continuous"),
    "2.2": ("2", [STTTT], [BTG, "các Sở, Ban, ngành, địa phương"], "continuous"),
    "2.3": ("2", [STTTT], [BTG, "các Sở, ban, ngành, địa phương"], "from"),
    "3": (
        None,
        [STTTT],
        [
            BTG,
            HNB,
            LOCAL_PRESS,
            "các đơn vị hoạt động trang Thông tin điện tử, in ấn, xuất bản, phát hành",
        ],
        "continuous",
    ),
    "4": (None, [STTTT], [BTG, HNB, CA], "continuous"),
    "5": (None, [], [], "once"),
    "5.1": ("5", [STTTT], [BTG, HNB, CA], "continuous"),
    "5.2": ("5", ["Các Sở, ban, ngành, địa phương"], [BTG, STTTT], "continuous"),
    "6": (None, [STTTT], [BTG, "Hội Nhà báo", CA], "continuous"),
    "7": (None, [STTTT], [BTG, HNB, CA], "continuous"),
    "8": (None, [], [], "once"),
    "8.1": ("8", [HNB, LOCAL_PRESS], [BTG, STTTT], "annual"),
    "8.2": (
        "8",
        [STTTT, "các đơn vị chủ quản trang thông tin điện tử"],
        ["Các cơ quan báo chí"],
        "annual",
    ),
    "8.3": ("8", [STTTT], ["Hội nhà báo tỉnh", "Các Sở, ban, ngành, địa phương"], "annual"),
    "9": (None, [STTTT, LOCAL_PRESS], [BTG, "Sở Tài chính", "Sở Nội vụ"], "annual"),
    "10": (
        None,
        [STTTT, HNB, "các cơ quan báo chí"],
        [BTG, HNB, "các Sở, ban, ngành, địa phương"],
        "continuous",
    ),
}


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    if not SEED.is_file():
        pytest.skip(f"the seed plan is not on this machine ({SEED})")
    return plan_to_dict(parse_plan_file(SEED))


def _golden(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def test_seed_matches_its_golden_file(seed: dict[str, Any]) -> None:
    assert seed == _golden("seed_daknong.expected.json")


def test_seed_header_and_legal_bases(seed: dict[str, Any]) -> None:
    assert seed["title"].startswith("Triển khai các nhiệm vụ về tăng cường công tác chỉ đạo")
    assert seed["title"].endswith("trên địa bàn tỉnh Đắk Nông")
    assert seed["issuer"] == "Ủy ban nhân dân tỉnh Đắk Nông"
    assert seed["number"] is None
    assert seed["date"] is None
    assert seed["legal_bases"] == [
        "Kế hoạch số 74-KH/TU ngày 31/10/2022 của Ban Thường vụ Tỉnh ủy",
        "Kế hoạch số 4000/KH-BTTTT ngày 31/7/2022 của Bộ Thông tin và Truyền thông",
        "Kế hoạch số 156-KH/BTGTW ngày 14/6/2022 của Ban Tuyên giáo Trung ương",
    ]


def test_seed_every_task_with_units_and_schedule_kind(seed: dict[str, Any]) -> None:
    tasks = {task["code"]: task for task in seed["tasks"]}
    assert list(tasks) == list(SEED_TASKS)
    for code, (parent, lead, coordinating, kind) in SEED_TASKS.items():
        task = tasks[code]
        assert task["parent"] == parent, code
        assert task["lead_units"] == lead, code
        assert task["coordinating_units"] == coordinating, code
        assert task["schedule"]["kind"] == kind, code


def test_seed_schedules_keep_raw_text_and_dates(seed: dict[str, Any]) -> None:
    tasks = {task["code"]: task["schedule"] for task in seed["tasks"]}
    assert tasks["1.1"]["raw"] == "Thường xuyên"
    assert tasks["1.2"] | {} == {
        "kind": "range",
        "start": "2022-01-01",
        "end": "2025-12-31",
        "due": None,
        "min_per_year": None,
        "raw": "Từ năm 2022 đến năm 2025",
    }
    assert (tasks["1.3"]["start"], tasks["1.3"]["end"]) == ("2024-01-01", "2024-12-31")
    assert (tasks["2.3"]["start"], tasks["2.3"]["end"]) == ("2023-01-01", None)
    assert (tasks["8.1"]["min_per_year"], tasks["8.1"]["raw"]) == (1, "Ít nhất 01 đợt/năm")
    assert tasks["8.2"]["raw"] == "Hàng năm"
    assert tasks["1"]["raw"] == ""  # a parent task states no time of its own


def test_seed_title_joined_across_the_page_break(seed: dict[str, Any]) -> None:
    title = next(task["title"] for task in seed["tasks"] if task["code"] == "1.1")
    assert "Kế hoạch số 563/KH-UBND ngày 08/11/2019 của Ủy ban nhân dân tỉnh về triển khai" in title
    assert title.endswith("trên địa bàn tỉnh Đắk Nông")


def test_seed_reporting_duties(seed: dict[str, Any]) -> None:
    duties = seed["reporting"]
    assert [duty["who"] for duty in duties] == [
        "Sở Thông tin và Truyền thông",
        "Các cơ quan báo chí, Hội Nhà báo tỉnh",
        "Các cơ quan báo chí, Hội Nhà báo tỉnh",
        "",
    ]
    assert duties[1]["due_rule"] == "hoàn thành trước ngày 20/01/2023"
    assert duties[1]["what"].startswith("Xây dựng Kế hoạch cụ thể để triển khai thực hiện")
    assert duties[3] == {
        "what": "kết quả thực hiện",
        "who": "",
        "due_rule": "Định kỳ hàng năm (trước ngày 25/11)",
        "raw": "Định kỳ hàng năm (trước ngày 25/11) báo cáo kết quả thực hiện về Ủy ban nhân dân "
        "tỉnh (thông qua Sở Thông tin và Truyền thông) để báo cáo Ban Thường vụ Tỉnh ủy "
        "theo quy định",
    }


def test_seed_recipients_and_signer(seed: dict[str, Any]) -> None:
    assert len(seed["recipients"]) == 10
    assert seed["recipients"][0] == "Thường trực Tỉnh ủy"
    assert seed["recipients"][7] == "Báo Đắk Nông, Đài PTTH Đắk Nông, Tạp chí Năm Nung"
    assert seed["recipients"][-1] == "Lưu: VT, KGVX (Q)"
    assert seed["signer"] == {"title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "name": "Lê Trọng Yên"}


def test_seed_output_is_nfc(seed: dict[str, Any]) -> None:
    text = json.dumps(seed, ensure_ascii=False)
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("name", ["prose_lamdong.txt", "appendix_quangngai.md"])
def test_sample_matches_its_golden_file(name: str) -> None:
    path = SAMPLES / name
    golden = path.with_suffix(".expected.json")
    found = plan_to_dict(parse_plan_file(path))
    if os.environ.get("PRESSWATCH_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert found == json.loads(golden.read_text(encoding="utf-8"))


def test_prose_sample_reads_header_and_prose_tasks() -> None:
    plan = plan_to_dict(parse_plan_file(SAMPLES / "prose_lamdong.txt"))
    assert (plan["issuer"], plan["number"], plan["date"]) == (
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "123/KH-UBND",
        "2026-03-05",
    )
    assert plan["legal_bases"] == [
        "Luật Báo chí năm 2016",
        "Nghị định số 147/2024/NĐ-CP ngày 09/11/2024 của Chính phủ",
        "Quyết định số 1418/QĐ-BTTTT ngày 22/7/2022 của Bộ Thông tin và Truyền thông",
    ]
    tasks = {task["code"]: task for task in plan["tasks"]}
    assert list(tasks) == ["1", "2", "3", "3.a", "3.b", "4", "5"]
    assert tasks["1"]["lead_units"] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert tasks["1"]["coordinating_units"] == ["Công an tỉnh", "Sở Khoa học và Công nghệ"]
    assert tasks["1"]["schedule"]["start"] == "2026-04-01"
    assert tasks["2"]["coordinating_units"] == ["Công an tỉnh", "Hội Nhà báo tỉnh"]
    assert tasks["2"]["schedule"]["kind"] == "semiannual"
    assert tasks["3.a"]["coordinating_units"] == ["Ủy ban nhân dân các xã, phường"]
    assert (tasks["3.a"]["schedule"]["start"], tasks["3.a"]["schedule"]["end"]) == (
        "2026-07-01",
        "2026-09-30",
    )
    assert tasks["3.b"]["schedule"]["due"] == "2026-09-30"
    assert tasks["4"]["lead_units"] == [
        "Báo và Phát thanh, Truyền hình Lâm Đồng",
        "Cổng Thông tin điện tử tỉnh",
    ]
    assert tasks["5"]["title"] == "Cập nhật cơ sở dữ liệu trang thông tin điện tử tổng hợp"
    assert tasks["5"]["schedule"]["kind"] == "monthly"


def test_table_sample_groups_rows_under_parents() -> None:
    plan = plan_to_dict(parse_plan_file(SAMPLES / "appendix_quangngai.md"))
    tasks = {task["code"]: task for task in plan["tasks"]}
    assert list(tasks) == ["1", "1.1", "1.2", "2", "2.3", "2.4", "2.5"]
    assert tasks["1"]["title"] == "Quản lý hoạt động báo chí"
    assert tasks["2.3"]["parent"] == "2"
    assert tasks["1.1"]["coordinating_units"] == ["Công an tỉnh", "Hội Nhà báo tỉnh"]
    assert tasks["2.4"]["schedule"]["due"] == "2026-09-30"
    assert tasks["2.5"]["schedule"]["min_per_year"] == 2
    assert plan["signer"]["name"] == "Trần Văn Hải"


def test_decomposed_text_with_old_style_tone_marks_parses_the_same() -> None:
    text = (SAMPLES / "prose_lamdong.txt").read_text(encoding="utf-8")
    old_style = (
        text.replace("Ủy", "Uỷ").replace("ỦY", "UỶ").replace("hóa", "hoá").replace("Hòa", "Hoà")
    )
    decomposed = unicodedata.normalize("NFD", old_style)
    plain, variant = plan_to_dict(parse_plan_text(text)), plan_to_dict(parse_plan_text(decomposed))
    shape = [(t["code"], len(t["lead_units"]), t["schedule"]) for t in plain["tasks"]]
    assert [(t["code"], len(t["lead_units"]), t["schedule"]) for t in variant["tasks"]] == shape
    assert variant["tasks"][0]["lead_units"] == ["Sở Văn hoá, Thể thao và Du lịch"]
    assert variant["issuer"] == "UỶ BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    assert variant["date"] == plain["date"]
    assert unicodedata.is_normalized("NFC", json.dumps(variant, ensure_ascii=False))


def test_several_task_sections_get_their_numeral_as_prefix() -> None:
    text = (
        "KẾ HOẠCH\nThí điểm\n"
        "I. NHIỆM VỤ CHUNG\n1. Rà soát\n- Đơn vị chủ trì: Sở Tài chính.\n"
        "II. NHIỆM VỤ CỤ THỂ\n1. Kiểm tra\n1.1. Kiểm tra trang tin\n"
        "- Đơn vị chủ trì: Công an tỉnh.\n"
    )
    tasks = parse_plan_text(text).tasks
    assert [(task.code, task.parent) for task in tasks] == [
        ("I.1", None),
        ("II.1", None),
        ("II.1.1", "II.1"),
    ]


def test_plan_without_sections_reads_numbered_tasks() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền bầu cử\nCăn cứ Luật Bầu cử năm 2015;\n"
        "1. Tuyên truyền trên báo in\nBáo Gia Lai chủ trì thực hiện; thời gian: Tháng 5/2026.\n"
        "2. Tuyên truyền trên mạng xã hội\nSở Văn hóa, Thể thao và Du lịch thực hiện hằng tuần.\n"
        "Nơi nhận:\n- Lưu: VT.\n"
    )
    plan = parse_plan_text(text)
    assert plan.legal_bases == ("Luật Bầu cử năm 2015",)
    assert [task.lead_units for task in plan.tasks] == [
        ("Báo Gia Lai",),
        ("Sở Văn hóa, Thể thao và Du lịch",),
    ]
    assert plan.recipients == ("Lưu: VT",)


def test_document_without_tasks_raises() -> None:
    with pytest.raises(NoTasksError):
        parse_plan_text("KẾ HOẠCH\nKhông có nhiệm vụ nào.\nI. MỤC ĐÍCH\nNâng cao chất lượng.")
