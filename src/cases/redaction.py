"""Mask personal data in text to be published: given personal names, phone numbers, e-mails.

Pure (no framework). Names match with or without diacritics, in any letter case, with either
apostrophe, in NFC or NFD input; the output is NFC with each match replaced by :data:`MASK`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MASK = "***"
_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
#: Vietnamese phone numbers: 0 or +84/84, then 8–10 more digits, spaces, dots or dashes between.
PHONE = re.compile(r"(?<![\w+])(?:\+84|84|0)(?:[ .\-]?\d){8,10}(?!\d)")


def _fold_char(char: str) -> str:
    """One NFC character → one folded character (lower case, no diacritics, đ → d)."""
    char = _APOSTROPHES.get(char, char).lower()
    if char == "đ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base[:1] if base else char


def fold_aligned(text: str) -> str:
    """``text`` folded character by character, so positions line up with ``text``."""
    return "".join(_fold_char(c) for c in text)


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    keys = set()
    for name in names:
        folded = fold_aligned(unicodedata.normalize("NFC", name)).strip()
        if len(folded) >= 2:
            keys.add(r"\s+".join(re.escape(part) for part in folded.split()))
    if not keys:
        return None
    alternatives = "|".join(sorted(keys, key=len, reverse=True))  # longest names first
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def redact(text: str, names: Iterable[str] = ()) -> str:
    """``text`` with the given personal names, e-mail addresses and phone numbers masked."""
    text = unicodedata.normalize("NFC", text)
    text = EMAIL.sub(MASK, text)
    text = PHONE.sub(MASK, text)
    pattern = _name_pattern(names)
    if pattern is None:
        return text
    folded = fold_aligned(text)
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(folded):
        pieces += [text[last : match.start()], MASK]
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)
