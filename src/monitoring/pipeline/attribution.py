"""Source lines of Vietnamese articles ("Theo TTXVN", "Nguồn: Báo X", "Minh Anh (Báo Y)") parsed.

Pure: no framework imports. :func:`parse_attribution` reads one line; the extract stage decides
which lines to show it (the last lines of an article, and its first line for a dateline such as
"(Dân trí) - Sáng 26/11, …"). Matching runs on a diacritics-folded copy of the line, so lines
typed without accents ("Nguon: Bao Dak Nong") parse like the accented ones; the values returned
are cut from the original line, so they keep their accents.

Recognised shapes (each also inside parentheses, with curly quotes or trailing punctuation):

- ``Theo <outlet>[, <date>]`` — "Theo TTXVN", "Theo Báo Nhân Dân", "Theo VOV.VN";
- ``Nguồn[ tin]: <outlet or URL>[, <date>]`` — "Nguồn: Báo Đắk Nông, 08:15 26/11/2026";
- ``<author> (<outlet> | Theo <outlet> | tổng hợp)`` — "Nguyễn Văn A (Báo Lâm Đồng)";
- an agency line — "TTXVN/Vietnam+", "VOV.VN", "Báo Lâm Đồng";
- a reporter mark — "PV", "CTV", "Nhóm PV";
- author names — "Minh Anh", "Minh Anh - Thu Hà", "Bài, ảnh: Minh Anh";
- a dateline at the start of a paragraph — "(Dân trí) - …", "Hà Nội (TTXVN) - …".

Dates are ``dd/mm/yyyy`` with an optional ``hh:mm`` (or ``8h15``) before or after, read as
Asia/Ho_Chi_Minh time.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from core.text import fold_diacritics, normalize_text
from monitoring.pipeline.types import Attribution

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
#: Longer lines are prose, not source lines (datelines are checked before this limit applies).
MAX_LINE_CHARS = 160
_MAX_OUTLET_WORDS = 9
_MAX_NAME_WORDS = 5
_MAX_NAMES = 5

# --- dates ----------------------------------------------------------------------------------------
_TIME = r"(?P<{h}>[01]?\d|2[0-3])\s*(?::|h|g|giờ|gio)\s*(?P<{m}>[0-5]\d)?(?:\s*(?:phút|phut|'))?"
_DATE = r"(?P<day>[0-3]?\d)\s*[/.-]\s*(?P<month>[01]?\d)\s*[/.-]\s*(?P<year>(?:19|20)\d\d)"
_DATETIME = re.compile(
    r"(?<!\d)(?:"
    + _TIME.format(h="h1", m="m1")
    + r"\s*(?:,|-|–|ngày|ngay)?\s*)?"
    + _DATE
    + r"(?:\s*(?:,|-|–|lúc|luc|\|)?\s*"
    + _TIME.format(h="h2", m="m2")
    + r")?(?!\d)",
    re.IGNORECASE,
)
_DATE_LEAD_WORDS = re.compile(
    r"(?:[\s,\-–|]|\b(?:ngay|luc|dang|dang ngay|cap nhat|xuat ban))+$", re.IGNORECASE
)


def find_datetime(text: str) -> tuple[datetime.datetime, re.Match[str]] | None:
    """The first valid ``dd/mm/yyyy [hh:mm]`` in ``text`` (Asia/Ho_Chi_Minh) and its match."""
    for match in _DATETIME.finditer(text):
        hour, minute = match["h2"] or match["h1"], match["m2"] or match["m1"]
        try:
            value = datetime.datetime(
                int(match["year"]),
                int(match["month"]),
                int(match["day"]),
                int(hour or 0),
                int(minute or 0),
                tzinfo=VIETNAM_TZ,
            )
        except ValueError:
            continue
        return value, match
    return None


# --- the line, folded with positions kept -------------------------------------------------------
@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = fold_diacritics(char)
    return folded if len(folded) == 1 else char.lower()


def _fold(text: str) -> str:
    """``fold_diacritics`` one character at a time, so positions in the result match ``text``."""
    return "".join(_fold_char(c) for c in text)


class _Line:
    """A cleaned line and its folded twin of the same length (so matches slice the original)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = _fold(text)


_EDGE = " \t\"'*_-–—•·.,;:!?"
_UNWRAP = re.compile(r"[\[(](?P<inner>[^()\[\]]+)[\])]")


def _clean(text: str) -> str:
    line = " ".join(normalize_text(text, straight_quotes=True).split())
    line = line.strip(_EDGE)
    while (match := _UNWRAP.fullmatch(line)) is not None:
        line = match["inner"].strip(_EDGE)
    return line


# --- what an outlet and a person's name look like ---------------------------------------------
#: First words of prose after "Theo" ("Theo ông …", "Theo kế hoạch …"), folded.
_PROSE_FIRST_WORDS = frozenset({
    "ong", "ba", "anh", "chi", "em", "co", "chu", "bac", "ke", "quy", "nghi", "thong", "quyet",
    "luat", "du", "so", "tinh", "theo", "nhu", "do", "vi", "khi", "neu", "tai", "trong", "ngoai",
    "sau", "truoc", "day", "nay", "cac", "nhung", "mot", "hai", "bon", "nam", "toi", "chung",
    "ho", "noi", "ve", "giam", "pho", "truong", "can", "dong", "lanh", "ket", "ngay", "thang"
})  # fmt: skip
_PRESS_WORDS = re.compile(
    r"(?:bao|tap chi|dai|truyen hinh|thong tan xa|cong thong tin|cong ttdt|trang thong tin|"
    r"trang ttdt|kenh)\b"
)
_ACRONYM = re.compile(r"[A-ZĐ][A-ZĐ0-9&-]{1,9}(?:\.[A-Z]{2,4})?\+?")
_DOMAIN = re.compile(
    r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info)(?:/\S*)?"
)
_KNOWN_OUTLETS = frozenset({
    "vietnam+", "vietnamplus", "vnexpress", "dan tri", "tuoi tre", "thanh nien", "vietnamnet",
    "znews", "zing news", "tien phong", "lao dong", "nhan dan", "vtc news", "vov", "vtv", "ttxvn",
    "vna"
})  # fmt: skip
_REPORTER_MARKS = frozenset({
    "pv", "ctv", "btv", "pv-ctv", "pv - ctv", "pv/ctv", "nhom pv", "nhom phong vien",
    "phong vien", "cong tac vien"
})  # fmt: skip
_SENTENCE_PUNCT = re.compile(r"[.!?;](?:\s|$)|,")


def _is_outlet(text: str) -> bool:
    text = text.strip()
    folded = _fold(text)
    words = folded.split()
    if not words or len(words) > _MAX_OUTLET_WORDS or _SENTENCE_PUNCT.search(text):
        return False
    if _DOMAIN.fullmatch(folded) or folded in _KNOWN_OUTLETS or _PRESS_WORDS.match(folded):
        return True
    return (text[0].isupper() or text[0].isdigit()) and words[0] not in _PROSE_FIRST_WORDS


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= _MAX_NAME_WORDS:
        return False
    return all(w.isalpha() and (w.istitle() or w.isupper()) for w in words)


_NAME_SPLIT = re.compile(r"\s*(?:[-–—,&/]|\bva\b)\s*")
_BYLINE_LEAD = re.compile(
    r"(?:(?:bai|tin)(?:\s*(?:,|va|-|&)\s*(?:bai|tin|anh|video))*|thuc hien|"
    r"nhom thuc hien|ghi chep|but ky|phong su|tac gia)\s*:\s*"
)
_COMPILED_WORDS = re.compile(r"tong hop|t/h|th|luoc dich|dich|bien dich")
_COMPILED = re.compile(r"\s*\((?:tong hop|t/h|th|luoc dich|dich|bien dich)\)$")


def _names(text: str) -> str:
    """The author names in ``text`` joined by " - ", or "" when they are not names."""
    folded, start, end = _fold(text), 0, len(text)
    if (lead := _BYLINE_LEAD.match(folded)) is not None:
        start = lead.end()
    if (tail := _COMPILED.search(folded, start)) is not None:
        end = tail.start()
    names, position = [], start
    for separator in _NAME_SPLIT.finditer(folded, start, end):
        names.append(text[position : separator.start()].strip())
        position = separator.end()
    names.append(text[position:end].strip())
    people = [n for n in names if _fold(n) not in _REPORTER_MARKS]
    if len(names) > _MAX_NAMES or not all(_is_name(n) for n in people):
        return ""
    return " - ".join(names)


# --- the shapes ---------------------------------------------------------------------------------
def _outlet_and_date(text: str) -> Attribution | None:
    """``text`` names an outlet (or a URL), optionally followed by a date."""
    folded, end, published_at = _fold(text), len(text), None
    found = find_datetime(folded)
    if found is not None:
        published_at, match = found
        if folded[match.end() :].strip(" ,.-–)"):
            return None  # words after the date: prose
        lead = _DATE_LEAD_WORDS.search(folded, 0, match.start())
        end = lead.start() if lead else match.start()
    outlet = text[:end].strip(" ,;:-–—|")
    if _DOMAIN.fullmatch(_fold(outlet)) and ("/" in outlet or outlet.lower().startswith("www.")):
        host = urlsplit(outlet if "//" in outlet else "//" + outlet).hostname or ""
        return Attribution(outlet=host.removeprefix("www."), published_at=published_at)
    if not _is_outlet(outlet):
        return None
    return Attribution(outlet=outlet, published_at=published_at)


_THEO = re.compile(r"theo\s+")
_NGUON = re.compile(r"nguon(?:\s+tin|\s+bai)?\s*(?::|-|–)\s*|nguon\s+(?=\S)")
_NGUON_NOT_ARTICLE = re.compile(r"nguon\s*(?:anh|video|hinh|clip|tu|goc)\b")


def _theo_or_nguon(line: _Line) -> Attribution | None:
    match = _THEO.match(line.folded)
    if match is None and not _NGUON_NOT_ARTICLE.match(line.folded):
        match = _NGUON.match(line.folded)
    return None if match is None else _outlet_and_date(line.text[match.end() :])


_AUTHOR_PAREN = re.compile(r"(?P<name>[^()]+?)\s*\((?P<paren>[^()]+)\)")


def _author_with_outlet(line: _Line) -> Attribution | None:
    match = _AUTHOR_PAREN.fullmatch(line.text)
    if match is None or not (author := _names(match["name"])):
        return None
    paren = match["paren"].strip()
    folded = _fold(paren)
    if _COMPILED_WORDS.fullmatch(folded):
        return Attribution(author=author)
    if (theo := _THEO.match(folded)) is not None:
        paren = paren[theo.end() :]
    outlet = _agency_line(_Line(paren)) or _outlet_and_date(paren)
    return replace(outlet, author=author) if outlet and outlet.outlet else None


def _agency_line(line: _Line) -> Attribution | None:
    if line.folded in _REPORTER_MARKS:
        return Attribution(author=line.text)
    parts = re.split(r"\s*/\s*", line.text)
    if all(_ACRONYM.fullmatch(p) or _fold(p) in _KNOWN_OUTLETS for p in parts):
        return Attribution(outlet=line.text)
    if _DOMAIN.fullmatch(line.folded) or (
        _PRESS_WORDS.match(line.folded) and _is_outlet(line.text)
    ):
        return _outlet_and_date(line.text)
    return None


#: Title-cased furniture that trafilatura may keep at the end of a text; not names.
_NOT_NAMES = frozenset({
    "tin lien quan", "bai lien quan", "xem them", "doc them", "tin khac", "tin cung chuyen muc",
    "cung chuyen muc", "ket thuc", "chia se", "binh luan", "y kien ban doc", "tu khoa"
})  # fmt: skip


def _author_line(line: _Line) -> Attribution | None:
    if line.folded in _NOT_NAMES:
        return None
    author = _names(line.text)
    return Attribution(author=author) if author else None


_DATELINE = re.compile(
    r"(?:(?P<place>[^()\-–—,:]{2,30}?)\s*)?\((?P<outlet>[^()]{2,40})\)\s*(?:-|–|—)\s*\S"
)


def _dateline(text: str) -> Attribution | None:
    """A dateline opening a paragraph: "(Dân trí) - Sáng 26/11, …", "Hà Nội (TTXVN) - …"."""
    match = _DATELINE.match(text)
    if match is None:
        return None
    place, outlet = match["place"], match["outlet"].strip()
    if place and not all(w[:1].isupper() for w in place.split()):
        return None
    if _agency_line(_Line(outlet)) is None and not _is_outlet(outlet):
        return None
    return Attribution(outlet=outlet, raw=text[: match.end("outlet") + 1])


_SHAPES: tuple[Callable[[_Line], Attribution | None], ...] = (
    _theo_or_nguon,
    _author_with_outlet,
    _agency_line,
    _author_line,
)


def parse_attribution(text: str) -> Attribution | None:
    """The source named by one line, or None when the line does not look like a source line."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    if (dateline := _dateline(" ".join(normalize_text(text).split()))) is not None:
        return dateline
    if len(cleaned) > MAX_LINE_CHARS:
        return None
    line = _Line(cleaned)
    for shape in _SHAPES:
        found = shape(line)
        if found is not None and (found.outlet or found.author):
            return replace(found, raw=cleaned)
    return None
