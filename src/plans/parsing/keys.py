"""Text keys and small text helpers of the parser.

:func:`fold` gives a matching key of the same length as the text, so a match on the key slices
the display text.

The parser matches its keywords (labels, time words, document types) on a lower-case copy without
diacritics, so "Uỷ ban" = "Ủy ban", "Hằng năm" = "Hàng năm" and NFD input all match, then cuts
the display text (NFC, as written) at the same offsets. :func:`core.text.fold_diacritics` does the
folding; it is applied one character at a time here because folding a whole string may change its
length ("İ", Hangul syllables).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.text import fold_diacritics


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    folded = fold_diacritics(char)
    if folded:
        return folded[0]
    return char.lower()[:1] or char


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics, one character for each character of ``text``."""
    return "".join(_fold_char(char) for char in text)


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern`` (written in folded form) searched on the folded key of ``text``."""
    return pattern.search(fold(text))


def starts_upper(word: str) -> bool:
    """True when the word's first letter is a capital ("Sở", "UBND"), False for "các", "123"."""
    for char in word:
        if char.isalpha():
            return char.isupper()
    return False


def is_acronym(word: str) -> bool:
    """An all-capital word of two or more letters ("UBND", "VNPT", "MTTQ")."""
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def tidy(text: str) -> str:
    """Collapse white space and trim spaces and separators at both ends."""
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" ,;:-–—").strip()


_OPEN, _CLOSE = "([{", ")]}"


def split_top_level(text: str, separators: str) -> list[str]:
    """Split on any of ``separators`` outside parentheses and brackets."""
    parts: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        elif char in separators and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _sentence_ends(text: str) -> list[int]:
    ends: list[int] = []
    depth = 0
    for index, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        elif char in ".!?" and depth == 0 and text[index + 1 : index + 2] == " ":
            following = text[index + 2 : index + 3]
            if following.isupper() or following.isdigit():
                ends.append(index + 1)
    return ends


def clauses(text: str) -> list[str]:
    """The sentences of ``text``, each cut again at its top-level semicolons (trimmed, no "")."""
    pieces: list[str] = []
    start = 0
    for end in [*_sentence_ends(text), len(text)]:
        pieces.extend(split_top_level(text[start:end], ";"))
        start = end
    return [tidy(piece).rstrip(".").strip() for piece in pieces if tidy(piece).rstrip(".").strip()]
