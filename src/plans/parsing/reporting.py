"""Reporting duties, read from the organisation part of a plan ("III. TỔ CHỨC THỰC HIỆN").

- A responsibility item "<units>: <duties>" ("1.2. Các cơ quan báo chí, Hội Nhà báo tỉnh: …")
  gives ``who``; a clause of its duties is a reporting duty when it speaks of reporting ("báo cáo")
  together with a time word ("định kỳ", "hằng năm", "trước ngày 25/11", …), or sets a dated
  deadline ("hoàn thành trước ngày 20/01/2023").
- Under a reporting heading ("Chế độ báo cáo", "Chế độ thông tin, báo cáo") every clause that
  speaks of reporting or time is a duty; ``who`` is the units it starts with, "" when it names
  nobody (then every unit given a task reports).
- ``due_rule`` is the clause's time phrase as written ("Định kỳ hàng năm (trước ngày 25/11)");
  ``what`` is what is reported ("kết quả thực hiện") or, for a deadline, the work due; ``raw`` is
  the whole clause.
"""

from __future__ import annotations

import re

from plans.parsing.keys import clauses, fold, split_top_level, tidy
from plans.parsing.schedule import time_cues, time_phrase
from plans.parsing.structure import Section, SectionKind, parse_heading
from plans.parsing.types import ReportingDuty
from plans.parsing.units import drop_notes, is_unit_start

_BULLET = re.compile(r"^[-+•–*]\s*")
_DEADLINE = re.compile(r"(?:truoc|cham nhat|han chot)(?:\s+ngay)?\s+\d{1,2}\s*/\s*\d{1,2}")
_WHAT = re.compile(
    r"bao cao\s+(?:[^\s,;()]+\s+){0,6}?(ket qua\b.*?)"
    r"(?=\s+(?:ve|cho|gui|de|len|tai|theo|truoc|dinh ky|hang|bang)\b|\s*[,;()]|$)"
)
_SUBJECT_END = re.compile(r"\s(?:bao cao|gui|tong hop)\b")


def _unit_item(text: str) -> tuple[str, str]:
    """("<units>", "<duties>") of "<units>: <duties>", else ("", text)."""
    before, colon, after = text.partition(":")
    if colon and len(before.split()) <= 25 and is_unit_start(before):
        return tidy(before), after
    return "", text


def _is_duty(clause: str, *, reporting: bool) -> bool:
    key = fold(clause)
    speaks = "bao cao" in key
    if reporting:
        return speaks or bool(time_cues(clause))
    return bool(_DEADLINE.search(key)) or (speaks and bool(time_cues(clause)))


def _subject(clause: str) -> str:
    if not is_unit_start(clause):
        return ""
    match = _SUBJECT_END.search(fold(clause))
    if match is None:
        return ""
    subject = tidy(clause[: match.start()])
    return subject if len(subject.split()) <= 15 else ""


def _without(text: str, phrase: str) -> str:
    if not phrase:
        return tidy(text)
    for part in re.findall(r"\([^()]*\)", text):
        if phrase in part:
            text = text.replace(part, " ")
    return tidy(text.replace(phrase, " ").replace("()", " "))


def _what(clause: str, due_rule: str) -> str:
    key = fold(clause)
    if match := _WHAT.search(key):
        return tidy(clause[match.start(1) : match.end(1)])
    if "bao cao" in key:
        part = next((p for p in split_top_level(clause, ",") if "bao cao" in fold(p)), clause)
        return _without(part, due_rule)
    return _without(clause, due_rule)


def _duties(text: str, who: str, *, reporting: bool) -> list[ReportingDuty]:
    duties: list[ReportingDuty] = []
    for clause in clauses(text):
        if not _is_duty(clause, reporting=reporting):
            continue
        due_rule = time_phrase(clause) or ""
        duties.append(
            ReportingDuty(
                what=_what(clause, due_rule),
                who=who or drop_notes(_subject(clause)),
                due_rule=due_rule,
                raw=clause,
            )
        )
    return duties


def _section_duties(section: Section) -> list[ReportingDuty]:
    duties: list[ReportingDuty] = []
    section_reporting = section.kind is SectionKind.REPORTING
    reporting = section_reporting
    for line in section.lines:
        heading = parse_heading(line)
        text = heading.text if heading else _BULLET.sub("", line)
        who, content = _unit_item(text)
        if heading and not who:
            title, colon, after = text.partition(":")
            if colon or len(text.split()) <= 12:
                if len(heading.parts) == 1:
                    reporting = section_reporting or "bao cao" in fold(title)
                content = after
        elif heading and len(heading.parts) == 1:
            reporting = section_reporting
        duties.extend(_duties(content, who, reporting=reporting))
    return duties


def reporting_duties(sections: list[Section]) -> tuple[ReportingDuty, ...]:
    """The reporting duties of the organisation and reporting sections, in order."""
    wanted = (SectionKind.ORGANISATION, SectionKind.REPORTING)
    return tuple(
        duty for section in sections if section.kind in wanted for duty in _section_duties(section)
    )
