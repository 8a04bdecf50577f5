"""Who and when of one task: labelled lines and prose sentences.

Labelled fields (a line, or a segment after ";" or "." in a line):

- lead: "Đơn vị/Cơ quan chủ trì:", "Đơn vị/Cơ quan thực hiện:", "Chủ trì:", "Đơn vị chịu trách
  nhiệm:", "Cơ quan đầu mối:";
- coordinating: "Đơn vị/Cơ quan phối hợp:", "Phối hợp:";
- time: "Thời gian thực hiện:", "Thời gian:", "Thời hạn (hoàn thành):", "Tiến độ (thực hiện):";
- ignored: "Sản phẩm:", "Kết quả:", "Kinh phí:".

Prose ("Sở X chủ trì, phối hợp với Y, Z rà soát …; thời gian: Quý III/2026"):

- the units before "chủ trì" lead (after "Giao", "Đề nghị", "Yêu cầu" or a comma);
- the units after "phối hợp với/cùng" coordinate, up to the first lower-case verb ("thực hiện",
  "rà soát", "tổ chức", …) or the end of the clause;
- "Y, Z phối hợp" at the end of a clause: Y and Z coordinate;
- a clause that starts with units followed by "thực hiện", "triển khai" or "chịu trách nhiệm":
  those units lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from plans.parsing.keys import clauses, fold, tidy
from plans.parsing.units import is_unit_start, split_units


class FieldKind(StrEnum):
    LEAD = "lead"
    COORDINATING = "coordinating"
    TIME = "time"
    OTHER = "other"


_UNIT_NOUN = r"(?:(?:don vi|co quan|bo phan|to chuc)\s+)?"
_LABELS: list[tuple[FieldKind, str]] = [
    (
        FieldKind.TIME,
        r"(?:thoi gian|thoi han|tien do|thoi diem)"
        r"(?:\s+(?:thuc hien|hoan thanh|trien khai|bao cao))?(?:\s+(?:va\s+)?hoan thanh)?",
    ),
    (FieldKind.COORDINATING, _UNIT_NOUN + r"phoi hop(?:\s+thuc hien)?"),
    (
        FieldKind.LEAD,
        _UNIT_NOUN + r"(?:chu tri|thuc hien|chiu trach nhiem|dau moi|tham muu)"
        r"(?:\s+(?:thuc hien|chinh|trien khai))?",
    ),
    (FieldKind.OTHER, r"(?:san pham|ket qua(?: dau ra)?|kinh phi|hinh thuc)(?:\s+[a-z]+)?"),
]
_LABEL = "|".join(f"(?P<{kind.value}>{pattern})" for kind, pattern in _LABELS)
_LINE_LABEL = re.compile(rf"^[-+•–*]?\s*(?:{_LABEL})\s*:\s*")
_INNER_LABEL = re.compile(rf"(?:^|[;.]\s*|\s)(?:{_LABEL})\s*:\s*")
_BULLET = re.compile(r"^[-+•–*]\s*")

_LEAD_WORD = re.compile(r"\bchu tri\b")
_WITH = re.compile(r"\bphoi hop\s+(?:voi|cung)\s+")
_COORD_END = re.compile(r"\bphoi hop(?:\s+thuc hien)?\s*$")
_LEAD_VERB = re.compile(
    r"\s(?:chiu trach nhiem|thuc hien|trien khai|la (?:co quan|don vi) dau moi)\b"
)
_OPENERS = re.compile(r"^(?:giao cho|giao|de nghi|yeu cau|phan cong)\s+")
_STOP_VERBS = re.compile(
    r"\s(?:thuc hien|trien khai|to chuc|tham muu|ra soat|xay dung|theo doi|kiem tra|huong dan"
    r"|danh gia|tuyen truyen|tap huan|cap nhat|bao cao|xu ly|cong khai|de xuat|nghien cuu"
    r"|ban hanh|boi duong|giam sat|cung cap|duy tri|thong ke|tong hop|van hanh|don doc|so ket"
    r"|tong ket|xac minh|thu thap|lap|phat hien|chan chinh|de|nham|trong|theo|tai|hoan thanh"
    r"|truoc|dinh ky|hang|thuong xuyen)\b"
)


@dataclass(slots=True)
class TaskFields:
    """What was found for one task; ``time`` is the raw time text ("" if none)."""

    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    time: str = ""

    def add(self, kind: FieldKind, value: str) -> None:
        if kind is FieldKind.LEAD:
            self.lead.extend(unit for unit in split_units(value) if unit not in self.lead)
        elif kind is FieldKind.COORDINATING:
            self.coordinating.extend(
                unit for unit in split_units(value) if unit not in self.coordinating
            )
        elif kind is FieldKind.TIME and not self.time:
            self.time = tidy(value).rstrip(".").strip()

    @property
    def has_units(self) -> bool:
        return bool(self.lead or self.coordinating)


def _kind_of(match: re.Match[str]) -> FieldKind:
    return next(FieldKind(name) for name, value in match.groupdict().items() if value is not None)


def labelled_segments(text: str, *, at_start: bool) -> list[tuple[FieldKind, str]]:
    """The labelled fields of ``text``; with ``at_start`` the text must begin with a label."""
    key = fold(text)
    first = _LINE_LABEL.match(key)
    if at_start and first is None:
        return []
    matches = list(_INNER_LABEL.finditer(key))
    segments: list[tuple[FieldKind, str]] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        segments.append((_kind_of(match), text[match.end() : end]))
    return segments


def first_label_start(text: str) -> int | None:
    """Where the first inline label of ``text`` starts (to cut a heading's title before it)."""
    key = fold(text)
    match = _INNER_LABEL.search(key)
    if match is None or _LINE_LABEL.match(key):
        return None
    return match.start()


# --- prose ----------------------------------------------------------------------------------------
def _units_before(clause: str, end: int) -> str:
    """The unit list that ends at ``end``: from the clause start, after an opener or a comma."""
    prefix = clause[:end].rstrip(" ,")
    starts = [0] + [m.end() for m in re.finditer(r"[,:]\s+", prefix)]
    for start in starts:
        candidate = prefix[start:]
        opener = _OPENERS.match(fold(candidate))
        if opener:
            candidate = candidate[opener.end() :]
        if is_unit_start(candidate):
            return candidate
    return ""


def _units_after(clause: str, start: int) -> str:
    """The unit list from ``start`` to the first lower-case verb or the end of the clause."""
    key = fold(clause)
    for match in _STOP_VERBS.finditer(key, start):
        word_start = match.start() + 1
        if clause[word_start].islower() and not key[:word_start].endswith(("cac ", "nhung ")):
            return clause[start : match.start()]
    return clause[start:]


def _prose_clause(clause: str, fields: TaskFields) -> None:
    key = fold(clause)
    if lead := _LEAD_WORD.search(key):
        fields.add(FieldKind.LEAD, _units_before(clause, lead.start()))
        if coord := _WITH.search(key, lead.end()):
            fields.add(FieldKind.COORDINATING, _units_after(clause, coord.end()))
    elif coord_end := _COORD_END.search(key):
        fields.add(FieldKind.COORDINATING, _units_before(clause, coord_end.start()))
    elif is_unit_start(clause) and (verb := _LEAD_VERB.search(key)):
        fields.add(FieldKind.LEAD, _units_before(clause, verb.start()))
        if coord := _WITH.search(key, verb.end()):
            fields.add(FieldKind.COORDINATING, _units_after(clause, coord.end()))


def read_prose(texts: list[str], fields: TaskFields) -> None:
    """Add the units and time named in prose sentences of ``texts`` to ``fields``."""
    for text in texts:
        for clause in clauses(_BULLET.sub("", text)):
            segments = labelled_segments(clause, at_start=False)
            if segments:
                for kind, value in segments:
                    fields.add(kind, value)
                cut = first_label_start(clause)
                clause = clause[:cut] if cut is not None else ""
            if clause:
                _prose_clause(clause, fields)
