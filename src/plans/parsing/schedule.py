"""Vietnamese time expressions of plans → :class:`Schedule`.

Rules (all matched on the folded key, so "Hằng năm" = "Hàng năm" = "hang nam"):

- cadence: "Thường xuyên"/"liên tục"/"hằng ngày"/"hằng tuần" → continuous; "hằng tháng" → monthly;
  "hằng quý" → quarterly; "6 tháng/lần", "định kỳ 6 tháng", "02 lần/năm" → semiannual;
  "hằng năm", "01 lần/năm" → annual; "Ít nhất N đợt/năm" → annual with ``min_per_year`` N.
  When several cadence words appear, the first one wins.
- span: "Từ năm 2022 đến năm 2025", "giai đoạn 2026-2030", "từ ngày … đến ngày …" → range;
  "Từ năm 2023", "từ tháng 3/2026" → from; "Năm 2024", "Quý III/2026", "Tháng 6/2026",
  "6 tháng đầu năm 2026" → range over that period. A cadence keeps the span as start/end.
- deadline: "trước ngày 30/9/2026", "chậm nhất ngày …", "đến hết năm 2025", a bare full date →
  ``due``; with nothing else the kind is once. A day without a year ("trước ngày 25/11") gives no
  ``due``: it stays in ``raw``.
- nothing recognised → once, every date null, ``raw`` as written.
"""

from __future__ import annotations

import calendar
import datetime
import re

from core.text import normalize_text
from plans.parsing.keys import fold, tidy
from plans.parsing.types import Schedule, ScheduleKind

_D = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_DATE = re.compile(rf"{_D}|(\d{{1,2}})\s+thang\s+(\d{{1,2}})\s+nam\s+(\d{{4}})")
_Q = r"(?:quy|qui)\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam|-)\s*(\d{4})"
_M = r"thang\s+(\d{1,2})\s*(?:/|nam|-)\s*(\d{4})"
_Y = r"(?:nam\s+)?(\d{4})\b"
_MAX_KEY = 400  # a time expression is short; longer text is read from its start only
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_DEADLINE = re.compile(
    r"(?:truoc|cham nhat|han chot|han cuoi|khong qua|xong truoc)(?:\s+(?:la|vao))?"
    r"(?:\s+ngay)?\s+(#D\d+#)"
)
_UNTIL_YEAR_END = re.compile(r"den\s+het\s+nam\s+(\d{4})|truoc\s+nam\s+(\d{4})")
_BARE_DATE = re.compile(r"#D(\d+)#")

_CADENCE: list[tuple[re.Pattern[str], ScheduleKind]] = [
    (
        re.compile(r"thuong xuyen|lien tuc|hang ngay|hang tuan|moi ngay|moi tuan"),
        ScheduleKind.CONTINUOUS,
    ),
    (
        re.compile(r"(?:hang|moi|dinh ky)\s+thang|\b0?1\s+thang\s*(?:/|mot)\s*lan"),
        ScheduleKind.MONTHLY,
    ),
    (
        re.compile(r"(?:hang|moi|dinh ky|theo)\s+quy|\b0?3\s+thang\s*(?:/|mot)\s*lan"),
        ScheduleKind.QUARTERLY,
    ),
    (
        re.compile(
            r"\b0?6\s+thang\s*(?:/|mot)\s*lan|(?:dinh ky|moi|hang)\s+(?:0?6|sau)\s+thang"
            r"|nua nam\s*(?:/|mot)\s*lan|6 thang va (?:ca |hang )?nam"
        ),
        ScheduleKind.SEMIANNUAL,
    ),
    (re.compile(r"(?:hang|moi|dinh ky)\s+nam|\bnam\s*/\s*lan"), ScheduleKind.ANNUAL),
]
_PER_YEAR = re.compile(
    r"(?:(it nhat|toi thieu)\s+)?(\d{1,2}|mot|hai|ba|bon)\s+(?:dot|lan)\s*/\s*nam"
)
_WORD_NUMBERS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4}
_PER_YEAR_KIND = {1: ScheduleKind.ANNUAL, 2: ScheduleKind.SEMIANNUAL, 4: ScheduleKind.QUARTERLY}


def make_date(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None when it does not exist or lies outside 1900–2100."""
    if not 1900 <= year <= 2100:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> datetime.date | None:
    if not 1 <= month <= 12:
        return None
    return make_date(year, month, calendar.monthrange(year, month)[1])


def _mask_dates(key: str) -> tuple[str, list[datetime.date | None]]:
    """Replace every full date by ``#Dn#`` so "ngày 05 tháng 3 năm 2026" is not read as a month."""
    dates: list[datetime.date | None] = []

    def replace(match: re.Match[str]) -> str:
        groups = [g for g in match.groups() if g is not None]
        dates.append(make_date(int(groups[2]), int(groups[1]), int(groups[0])))
        return f"#D{len(dates) - 1}#"

    return _DATE.sub(replace, key), dates


# --- periods --------------------------------------------------------------------------------------
Span = tuple[datetime.date | None, datetime.date | None]


def _quarter(numeral: str, year: str) -> Span:
    quarter = _ROMAN[numeral]
    first = 3 * quarter - 2
    return make_date(int(year), first, 1), _month_end(int(year), first + 2)


def _month(month: str, year: str) -> Span:
    return make_date(int(year), int(month), 1), _month_end(int(year), int(month))


def _year(year: str) -> Span:
    return make_date(int(year), 1, 1), make_date(int(year), 12, 31)


def _half(which: str, year: str) -> Span:
    if which == "dau":
        return make_date(int(year), 1, 1), make_date(int(year), 6, 30)
    return make_date(int(year), 7, 1), make_date(int(year), 12, 31)


def _period(text: str, dates: list[datetime.date | None]) -> Span | None:
    """One period at the start of ``text``: a masked date, quarter, month, half-year or year."""
    text = text.strip()
    if match := re.match(r"(?:ngay\s+)?#D(\d+)#", text):
        day = dates[int(match.group(1))]
        return day, day
    if match := re.match(_Q, text):
        return _quarter(match.group(1), match.group(2))
    if match := re.match(_M, text):
        return _month(match.group(1), match.group(2))
    if match := re.match(r"0?6\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})", text):
        return _half(match.group(1), match.group(2))
    if match := re.match(_Y, text):
        return _year(match.group(1))
    return None


_PERIOD_START = r"(?:ngay\s+)?#D\d+#|(?:quy|qui)\s|thang\s|0?6\s+thang\s|(?:nam\s+)?\d{4}\b"
_RANGE = re.compile(rf"\btu\s+(?=(?:{_PERIOD_START}))(.+?)\s*(?:den|toi|-|–)\s+(?:het\s+)?(.+)")
_FROM = re.compile(rf"\b(?:ke\s+)?tu\s+(?=(?:{_PERIOD_START}))(.+)")
_YEARS = re.compile(r"(?:giai doan|nam|thoi ky)?\s*\b(\d{4})\s*(?:-|–|den)\s*(?:nam\s+)?(\d{4})\b")
_PERIOD = re.compile(rf"(?:^|\s|\()(?=(?:{_PERIOD_START}))")


def _span(key: str, dates: list[datetime.date | None]) -> tuple[ScheduleKind, Span] | None:
    if (match := _RANGE.search(key)) and (first := _period(match.group(1), dates)):
        last = _period(match.group(2), dates)
        return ScheduleKind.RANGE, (first[0], last[1] if last else None)
    if match := _YEARS.search(key):
        return ScheduleKind.RANGE, (_year(match.group(1))[0], _year(match.group(2))[1])
    if (match := _FROM.search(key)) and (first := _period(match.group(1), dates)):
        return ScheduleKind.FROM, (first[0], None)
    for match in _PERIOD.finditer(key):
        if re.match(r"(?:ngay\s+)?#D", key[match.end() :]):
            continue  # a single date is a deadline, not a period
        if found := _period(key[match.end() :], dates):
            return ScheduleKind.RANGE, found
    return None


# --- cadence and deadline -------------------------------------------------------------------------
def _cadence(key: str) -> tuple[ScheduleKind, int | None] | None:
    found: list[tuple[int, ScheduleKind, int | None]] = []
    for pattern, kind in _CADENCE:
        if match := pattern.search(key):
            found.append((match.start(), kind, None))
    if match := _PER_YEAR.search(key):
        count_text = match.group(2)
        count = _WORD_NUMBERS.get(count_text) or int(count_text)
        if match.group(1) or count not in _PER_YEAR_KIND:
            found.append((match.start(), ScheduleKind.ANNUAL, count if count > 0 else None))
        else:
            found.append((match.start(), _PER_YEAR_KIND[count], 1 if count == 1 else None))
    if not found:
        return None
    _, kind, minimum = min(found, key=lambda item: item[0])
    return kind, minimum


def _due(key: str, dates: list[datetime.date | None]) -> datetime.date | None:
    if match := _DEADLINE.search(key):
        return dates[int(match.group(1)[2:-1])]
    if match := _UNTIL_YEAR_END.search(key):
        return make_date(int(match.group(1) or match.group(2)), 12, 31)
    return None


def parse_schedule(raw: str) -> Schedule:
    """The schedule of a time expression ("Thường xuyên", "Quý III/2026", …); ``raw`` is kept."""
    raw = tidy(normalize_text(raw)).rstrip(".").strip()
    masked, dates = _mask_dates(fold(raw[:_MAX_KEY]))
    due = _due(masked, dates)
    cadence = _cadence(masked)
    span = _span(_UNTIL_YEAR_END.sub(" ", masked), dates)
    start, end = span[1] if span else (None, None)
    if cadence is not None:
        return Schedule(cadence[0], raw, start, end, due, cadence[1])
    if span is not None and not (due is not None and start == end == due):
        return Schedule(span[0], raw, start, end, due)
    if due is None and (bare := _BARE_DATE.search(masked)) and masked.count("#D") == 1:
        due = dates[int(bare.group(1))]
    return Schedule(ScheduleKind.ONCE, raw, due=due)


NO_SCHEDULE = Schedule(ScheduleKind.ONCE, "")


# --- time phrases inside sentences ----------------------------------------------------------------
_CUE = re.compile(
    r"(?:hoan thanh|xong|thuc hien xong|nop|gui)?\s*(?:truoc|cham nhat(?:\s+(?:la|vao))?)"
    r"(?:\s+ngay)?\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
    r"|(?:dinh ky\s+)?(?:\(?\s*)?(?:0?[136]\s+thang\s*(?:/|mot)\s*lan)\)?"
    r"|(?:dinh ky\s+)?(?:hang|moi)\s+(?:nam|quy|thang|tuan|ngay)"
    r"|dinh ky(?:\s+0?6\s+thang)?|thuong xuyen|dot xuat|theo yeu cau"
    r"|(?:it nhat|toi thieu)\s+\d{1,2}\s+(?:dot|lan)\s*/\s*nam"
    r"|(?:trong\s+)?(?:quy|qui)\s+(?:iv|iii|ii|i|[1-4])\s*/\s*\d{4}"
)


def time_cues(text: str) -> list[tuple[int, int]]:
    """Spans of the time words in a sentence ("định kỳ", "hằng năm", "trước ngày 25/11", …)."""
    return [(m.start(), m.end()) for m in _CUE.finditer(fold(text)) if m.group(0).strip()]


def time_phrase(text: str) -> str | None:
    """The time phrase of a sentence, from its first time word to its last, or None."""
    spans = time_cues(text)
    if not spans:
        return None
    start, end = spans[0][0], spans[-1][1]
    if end - start > 80:  # words far apart: keep the first phrase only
        end = spans[0][1]
    phrase = text[start:end]
    close = text.find(")", end)
    if (
        phrase.count("(") > phrase.count(")")
        and 0 <= close - end <= 40
        and "(" not in text[end:close]
    ):
        end = close + 1  # "(trước ngày 15/6 và 15/12)": the bracket closes a little later
    elif phrase.count(")") > phrase.count("("):
        phrase = phrase.rsplit(")", 1)[0]
        end = start + len(phrase)
    return tidy(text[start:end]) or None
