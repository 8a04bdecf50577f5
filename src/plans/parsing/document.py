"""The parts of a plan around its tasks: header, title, legal bases, recipients and signer.

- number: "Số: 123/KH-UBND" in the header (null when absent or left blank, "Số:    /KH-UBND").
- date: "<place>, ngày 05 tháng 3 năm 2026" in the header (null when absent).
- issuer: the capitalised issuing-body lines of the header as written ("ỦY BAN NHÂN DÂN TỈNH LÂM
  ĐỒNG"; the governing body above a department is left out). Without a header, the body named in
  "…, <X> ban hành Kế hoạch" of the preamble ("Ủy ban nhân dân tỉnh"), completed with the
  province the title names ("… tỉnh Đắk Nông" → "Ủy ban nhân dân tỉnh Đắk Nông").
- title: the lines after "KẾ HOẠCH" (or "CHƯƠNG TRÌNH", "PHƯƠNG ÁN", "ĐỀ ÁN") up to the preamble.
- legal bases: every document cited in the preamble (the text between the title and the first
  section: "Căn cứ …", "Thực hiện …"), in order, once each: type, number, date and issuer as
  written ("Kế hoạch số 74-KH/TU ngày 31/10/2022 của Ban Thường vụ Tỉnh ủy"), laws also by name
  and year ("Luật Báo chí năm 2016"). Documents cited inside tasks are the tasks' subject, not
  the plan's basis, and are left out; so is the "Tờ trình" a plan was proposed with.
- recipients: the "- …;" lines after "Nơi nhận:", as written, "Lưu: …" included.
- signer: the capitalised lines from "TM."/"KT."/"Q."/"TL."/"TUQ." (or a bare position such as
  "CHỦ TỊCH") joined by a line break, and the name below them ("(Đã ký)" lines skipped).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from plans.parsing.keys import fold, starts_upper, tidy
from plans.parsing.schedule import make_date
from plans.parsing.structure import is_appendix_start, is_authority_line, parse_heading
from plans.parsing.types import Signer
from plans.parsing.units import is_unit_start

_DOC_TYPE = re.compile(r"^(?:ke hoach|chuong trinh|phuong an|de an)(?:\s+hanh dong)?\b")
_MOTTO = re.compile(r"cong hoa xa hoi chu nghia|doc lap\s*-\s*tu do|dang cong san viet nam")
_NUMBER = re.compile(r"(?:^|\s)so\s*:\s*(\d[\w./-]*[\w])|^so\s+(\d[\w./-]*/[\w./-]*[\w])")
_DATE = re.compile(
    r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})|ngay\s+(\d{1,2})/(\d{1,2})/(\d{4})"
)
_PREAMBLE = re.compile(r"^(?:thuc hien|can cu|theo de nghi|xet de nghi|nham|de\s)")
_ISSUES = re.compile(r"\bban hanh\s+(?:ke hoach|chuong trinh|phuong an|de an)")
_DOC_TYPES = (
    r"(?:bo luat|luat|nghi quyet(?: lien tich)?|nghi dinh|quyet dinh|ke hoach|chi thi"
    r"|thong tu(?: lien tich)?|cong van|van ban|huong dan|thong bao(?: ket luan)?|ket luan"
    r"|chuong trinh(?: hanh dong)?|de an|cong dien|quy dinh|quy che)"
)
_ISSUER_STOP = (
    r"(?=\s+(?:ve|phe duyet|quy dinh|huong dan|ban hanh|trien khai|thuc hien|tai|de|nham|theo"
    r"|va\s+" + _DOC_TYPES + r")\b|\s*[;,.:()]|$)"
)
_CITATION = re.compile(
    rf"\b{_DOC_TYPES}\s+(?:so\s+)?(?P<number>\d[\w.]*(?:[/-][\w.]*\w)+)"
    r"(?:\s*,?\s+ngay\s+(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
    r"|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}))?"
    rf"(?:\s+cua\s+[^;,.:()]+?{_ISSUER_STOP})?"
    r"|(?<!phap )\b(?:bo )?luat(?:\s+[^\s;,.:()]+){1,6}?\s+nam\s+\d{4}"
)
_NOT_NAME = re.compile(r"^\(|^\[|da ky|ky ten|dong dau|^noi nhan")


@dataclass(frozen=True, slots=True)
class Header:
    title: str
    issuer: str
    number: str | None
    date: datetime.date | None
    preamble: tuple[str, ...]


def _doc_type_index(front: list[str]) -> int | None:
    for index, line in enumerate(front):
        match = _DOC_TYPE.match(fold(line))
        if match and line[: match.end()].isupper():
            return index
    return None


def _title(lines: list[str]) -> tuple[str, int]:
    """The title lines at the start of ``lines`` and how many there are."""
    parts: list[str] = []
    for line in lines[:3]:
        key = fold(line)
        if _PREAMBLE.match(key) or parse_heading(line) or line.endswith((":", ";")):
            break
        if key.startswith("(") or _ISSUES.search(key):
            break
        parts.append(line)
    return tidy(" ".join(parts)), len(parts)


def _number(header: list[str]) -> str | None:
    for line in header:
        match = _NUMBER.search(fold(line))
        if match:
            group = 1 if match.group(1) else 2
            return line[match.start(group) : match.end(group)]
    return None


def _date(header: list[str]) -> datetime.date | None:
    for line in header:
        match = _DATE.search(fold(line))
        if match:
            day, month, year = (int(g) for g in match.groups() if g is not None)
            return make_date(year, month, day)
    return None


def _header_issuer(header: list[str]) -> str:
    groups: list[list[str]] = []
    for line in header:
        motto = _MOTTO.search(fold(line))
        text = tidy(line[: motto.start()] if motto else line)
        if (
            not text
            or not text.isupper()
            or _NUMBER.search(fold(text))
            or _DOC_TYPE.match(fold(text))
        ):
            continue
        if not groups or (
            is_unit_start(text) and not fold(text).startswith(("tinh ", "thanh pho "))
        ):
            groups.append([text])
        else:
            groups[-1].append(text)
    return " ".join(groups[-1]) if groups else ""


def _province(text: str) -> str:
    """The name after "tỉnh"/"thành phố" in ``text`` ("tỉnh Đắk Nông" → "Đắk Nông")."""
    match = re.search(r"\b(?:tinh|thanh pho)\s+", fold(text))
    if match is None:
        return ""
    words: list[str] = []
    for word in text[match.end() :].split()[:5]:
        clean = word.strip(",.;:()")
        if clean in ("-", "–") and words:
            words.append(clean)
            continue
        if not starts_upper(clean):
            break
        words.append(clean)
        if clean != word:  # punctuation ends the name
            break
    return " ".join(words).strip(" -–")


def _preamble_issuer(preamble: list[str], title: str) -> str:
    text = " ".join(preamble)
    match = _ISSUES.search(fold(text))
    if match is None:
        return ""
    before = text[: match.start()].rstrip(" ,")
    start = max(before.rfind(sep) for sep in (";", ",", ":", ". ")) + 1
    issuer = tidy(before[start:])
    if not is_unit_start(issuer):
        return ""
    if fold(issuer).endswith((" tinh", " thanh pho")) and (province := _province(title)):
        issuer = f"{issuer} {province}"
    return issuer


def read_header(front: list[str]) -> Header:
    """Header, title and preamble of the lines before the first section."""
    type_index = _doc_type_index(front)
    if type_index is None:
        header: list[str] = []
        title, count, rest = "", 0, front
    else:
        header = front[:type_index]
        type_line = front[type_index]
        match = _DOC_TYPE.match(fold(type_line))
        remainder = tidy(type_line[match.end() :]) if match else ""
        rest = ([remainder] if remainder else []) + front[type_index + 1 :]
        title, count = _title(rest)
    preamble = rest[count:]
    issuer = _header_issuer(header) or _preamble_issuer(preamble, title)
    return Header(title, issuer, _number(header), _date(header), tuple(preamble))


def legal_bases(preamble: list[str]) -> tuple[str, ...]:
    """The documents cited in the preamble, as written, once each (by number or name)."""
    text = " ".join(preamble)
    found: list[str] = []
    seen: set[str] = set()
    for match in _CITATION.finditer(fold(text)):
        cited = tidy(text[match.start() : match.end()])
        if not starts_upper(cited):
            continue
        key = match.group("number") or fold(cited)
        if key not in seen:
            seen.add(key)
            found.append(cited)
    return tuple(found)


def recipients(back: list[str]) -> tuple[str, ...]:
    """The entries under "Nơi nhận:"."""
    start = next((i for i, line in enumerate(back) if fold(line).startswith("noi nhan")), None)
    if start is None:
        return ()
    items: list[str] = []
    inline = back[start].split(":", 1)[1] if ":" in back[start] else ""
    lines = ([inline] if inline.strip() else []) + back[start + 1 :]
    for line in lines:
        stripped = line.strip()
        is_item = stripped[:1] in "-+•–" or stripped.endswith(";")
        if not is_item or is_authority_line(stripped) or is_appendix_start(stripped):
            break
        item = tidy(re.sub(r"^[-+•–]\s*", "", stripped)).rstrip(";.").strip()
        if item:
            items.append(item)
    return tuple(items)


def _is_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 6 and all(w[:1].isalpha() and w[:1].isupper() for w in words)


def signer(back: list[str]) -> Signer:
    """The signature block: its title lines and the signer's name."""
    for index, line in enumerate(back):
        if is_appendix_start(line):
            break
        if is_authority_line(line) or (line.isupper() and fold(line) in _POSITIONS):
            return _signature_from(back, index)
    return Signer()


_POSITIONS = frozenset(
    {"chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong ban", "pho truong ban",
     "chanh van phong", "bi thu", "pho bi thu", "thu truong", "bo truong"}
)  # fmt: skip


def _signature_from(back: list[str], index: int) -> Signer:
    titles: list[str] = []
    name = ""
    for line in back[index:]:
        if is_appendix_start(line) or fold(line).startswith("noi nhan"):
            break
        if line.isupper() and not name and not _NOT_NAME.search(fold(line)) and len(titles) < 4:
            titles.append(line)
        elif _NOT_NAME.search(fold(line)) or line.startswith("-"):
            continue
        elif _is_name(line):
            name = line
            break
        elif titles:
            break
    return Signer(title="\n".join(titles), name=name)
