"""Letters: the request to the units is a DOCX công văn whose issuing body and province follow
the letter's date; the body comes from the template with the case's facts."""

from __future__ import annotations

import datetime
import io
from typing import Any

import docx
import pytest

from cases import letters, services
from cases.choices import LetterKind
from cases.tests.helpers import commune, department, open_case, user
from core.access import Role

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("day", "issuer", "place"),
    [
        (datetime.date(2025, 2, 10), "SỞ THÔNG TIN", "Đắk Nông, ngày 10 tháng 02 năm 2025"),
        (datetime.date(2026, 3, 5), "SỞ VĂN HÓA, THỂ THAO", "Lâm Đồng, ngày 05 tháng 3 năm 2026"),
    ],
)
def test_request_letter_follows_the_date(
    tmp_path: Any, settings: Any, day: datetime.date, issuer: str, place: str
) -> None:
    settings.EVIDENCE_ROOT = tmp_path
    officer = user(Role.OFFICER)
    user(Role.LEADER, full_name="Trần Văn Minh")
    ward, health = commune(), department()
    case = open_case(officer, summary="Tin đồn nước máy nhiễm hóa chất.")
    services.assign(case, officer, [ward, health])
    data = letters.defaults(case, LetterKind.REQUEST, day)
    assert data["recipients_to"] == [ward.name, health.name]
    assert data["signer_name"] == "Trần Văn Minh"
    assert "Điều 39 Luật Báo chí" in data["body"]
    letter = letters.create(case, officer, LetterKind.REQUEST, {**data, "number": "15/SVHTTDL"})
    with letter.file.open("rb") as handle:
        text = _text(handle.read())
    assert issuer in text and place in text
    assert (
        "Số: 15/SVHTTDL" in text
        and f"V/v kiểm tra, xác minh, xử lý và trả lời vụ việc số {case.number}" in text
    )
    assert "Tin đồn nước máy nhiễm hóa chất." in text and "TRẦN VĂN MINH" not in text
    assert "Trần Văn Minh" in text and "KT. GIÁM ĐỐC" in text
    assert set(letter.units.all()) == {ward, health}
    assert case.events.filter(action="letter_request").exists()
