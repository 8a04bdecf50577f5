"""Split a list of responsible units into unit names.

"Ban Tuyên giáo Tỉnh ủy; các Sở, Ban, ngành, địa phương" → ["Ban Tuyên giáo Tỉnh ủy",
"các Sở, Ban, ngành, địa phương"]; "Sở Văn hóa, Thể thao và Du lịch, Công an tỉnh" →
["Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh"].

Rules:

- ";" and line breaks always separate units; "," separates them only when the next piece starts
  like a unit name (a capitalised head word such as Sở, Ban, Báo, Đài, Hội, Công an, Ủy ban, an
  acronym such as UBND, or a collective "các …"/"những …"); otherwise the piece belongs to the
  name before it ("Thể thao và Du lịch", "in ấn, xuất bản").
- A capitalised piece whose every word is capitalised is a name ("Viettel Lâm Đồng").
- A piece made only of generic words ("Ban", "ngành", "địa phương", "thành phố") continues a
  collective ("các Sở, Ban, ngành, địa phương" stays one item).
- " và " separates units only when a unit name follows ("Sở Tài chính và Sở Nội vụ"), never
  inside a name ("Sở Thông tin và Truyền thông").
- Notes in parentheses are dropped ("Báo Đắk Nông (phát triển báo in, …)" → "Báo Đắk Nông").
- Names are kept as written (case, spelling); duplicates (same folded key) are dropped.
"""

from __future__ import annotations

import re

from core.text import normalize_text
from plans.parsing.keys import fold, is_acronym, split_top_level, starts_upper, tidy

#: Folded first words of unit names (checked on a capitalised piece).
HEAD_WORDS = (
    "so", "ban", "bo", "bao", "dai", "hoi", "cuc", "vien", "truong", "phong", "doan",
    "cong an", "cong thong tin", "cong ty", "cong doan", "van phong", "thanh tra", "trung tam",
    "chi cuc", "chi nhanh", "kho bac", "ngan hang", "toa an", "lien doan", "lien hiep",
    "lien minh", "mat tran", "uy ban", "hoi dong", "tinh uy", "tinh doan", "thanh uy",
    "huyen uy", "dang uy", "hiep hoi", "nha xuat ban", "tong cong ty", "buu dien", "canh sat",
    "doanh nghiep", "don vi", "co quan", "tap chi", "thuong truc", "lanh dao", "hoc vien",
    "dai hoc", "benh vien", "quan doi", "bo chi huy", "vien kiem sat", "to cong tac",
    "ban chi dao", "thu truong", "giam doc", "chu tich", "chanh van phong",
)  # fmt: skip
_COLLECTIVE_WORDS = ("cac", "nhung", "toan the", "moi")
#: Words that alone never name a unit but extend a collective ("các Sở, Ban, ngành, địa phương").
GENERIC_WORDS = frozenset(
    [
        "so",
        "ban",
        "nganh",
        "doan",
        "the",
        "dia",
        "phuong",
        "don",
        "vi",
        "co",
        "quan",
        "huyen",
        "thi",
        "xa",
        "thanh",
        "pho",
        "tran",
        "to",
        "chuc",
        "hoi",
        "doanh",
        "nghiep",
        "lien",
        "truong",
        "hoc",
        "khu",
        "cum",
        "phong",
        "cap",
        "va",
        "cac",
        "lien",
        "quan",
        "tinh",
    ]
)


def is_unit_start(text: str) -> bool:
    """Does ``text`` begin like the name of a unit ("Sở …", "UBND …", "các …")?"""
    words = text.split()
    if not words:
        return False
    key = fold(text)
    if any(key == word or key.startswith(word + " ") for word in _COLLECTIVE_WORDS):
        return True
    if is_acronym(words[0]):
        return True
    if not starts_upper(words[0]):
        return False
    if all(starts_upper(word) or not word[:1].isalpha() for word in words):
        return True  # a proper name: "Viettel Lâm Đồng"
    return any(key == head or key.startswith(head + " ") for head in HEAD_WORDS)


def is_generic(text: str) -> bool:
    """Only generic words ("Ban", "ngành, địa phương"): no name of its own."""
    words = fold(text).split()
    if not words or words[0] in ("cac", "nhung"):
        return False
    return all(word in GENERIC_WORDS for word in words)


def _split_and(piece: str) -> list[str]:
    """Split "A và B" where B starts like a unit name."""
    parts: list[str] = []
    rest = piece
    for match in reversed(list(re.finditer(r"\s+và\s+", piece))):
        after = piece[match.end() :]
        if is_unit_start(after) and not is_generic(after.split(",")[0]):
            parts.insert(0, rest[match.end() :])
            rest = rest[: match.start()]
    return [rest, *parts]


def drop_notes(text: str) -> str:
    """The text without its parenthesised notes."""
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\s*\([^()]*\)", "", text)
    return tidy(text.replace("(", " ").replace(")", " "))


def _clean(name: str) -> str:
    name = drop_notes(name)
    name = re.sub(r"^(?:và|cùng|với)\s+", "", name)
    return tidy(name.rstrip("."))


def _merge(pieces: list[str]) -> list[str]:
    units: list[str] = []
    for raw in pieces:
        piece = tidy(raw)
        if not piece:
            continue
        if units and (is_generic(drop_notes(piece)) or not is_unit_start(drop_notes(piece))):
            units[-1] = f"{units[-1]}, {piece}"
        else:
            units.append(piece)
    return units


def split_units(text: str) -> tuple[str, ...]:
    """The unit names listed in ``text`` (see the module docstring for the rules)."""
    names: list[str] = []
    seen: set[str] = set()
    for group in split_top_level(normalize_text(text).rstrip("."), ";\n"):
        pieces = [part for piece in split_top_level(group, ",") for part in _split_and(piece)]
        for unit in _merge(pieces):
            name = _clean(unit)
            key = fold(name)
            if name and key not in seen:
                seen.add(key)
                names.append(name)
    return tuple(names)
