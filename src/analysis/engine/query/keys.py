"""Matching keys of words, the same ones the archive's full-text index stores.

A document and a query are compared word by word (Vietnamese: syllable by syllable) on a *key*:

- the **exact key** (:func:`exact_key`): lower-case NFC with the tone mark moved to the end of the
  syllable (:func:`core.text.tone_key`), so ``hòa`` = ``hoà`` and NFC = NFD;
- the **folded key** (:func:`folded_key`): no diacritic at all, ``đ`` → ``d``
  (:func:`core.text.fold_diacritics`), used when a topic is accent-insensitive.

Words are runs of letters and digits of the normalised text (:data:`WORD`), exactly as
``monitoring.search.query`` splits text for the archive's index, and :func:`index_key` turns an
exact key into the form stored there (tone marks as the digits 1–5: ``hoa2``), so the pre-filter
tokens of a query can be looked up in the archive's index directly. The package cannot import
``monitoring.search`` (it pulls in Django); a test checks the two stay identical.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from core.text import TONE_MARKS, fold_diacritics, normalize_text, tone_key

#: A word: letters and digits (no underscore), as the archive's index splits text.
WORD = re.compile(r"[^\W_]+")
#: Keys longer than this are not indexed by the archive (and never match here).
MAX_KEY_LENGTH = 60
_TONE_DIGITS = str.maketrans(
    {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
)


@lru_cache(maxsize=262144)
def exact_key(word: str) -> str:
    """The tone-placement-insensitive key of a word (``Hoà`` → ``hoa`` + grave); "" if too long."""
    key = tone_key(word)
    return key if len(_index_form(key)) <= MAX_KEY_LENGTH else ""


@lru_cache(maxsize=262144)
def folded_key(word: str) -> str:
    """The accent-insensitive key of one word (``Đắk`` → ``dak``); "" if too long."""
    key = "".join(WORD.findall(fold_diacritics(word)))
    return key if len(key) <= MAX_KEY_LENGTH else ""


def _index_form(key: str) -> str:
    key = key.translate(_TONE_DIGITS)
    return "".join(c for c in key if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def index_key(key: str, *, folded: bool) -> str:
    """How the archive's index spells a key (as ``monitoring.search.query.exact_key`` does)."""
    return key if folded else _index_form(key)


def split_tone(key: str) -> tuple[str, str]:
    """An exact key as (letters, tone mark or "") — prefixes compare the letters only."""
    if key and key[-1] in TONE_MARKS:
        return key[:-1], key[-1]
    return key, ""


def words(text: str) -> list[str]:
    """The words of ``text`` after :func:`core.text.normalize_text`."""
    return WORD.findall(normalize_text(text))


def key_of(word: str, *, folded: bool) -> str:
    return folded_key(word) if folded else exact_key(word)


@lru_cache(maxsize=262144)
def fold_key(key: str) -> str:
    """The folded key of an exact key (for looking up frequencies)."""
    return folded_key(key)
