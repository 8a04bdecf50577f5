"""Pure query parsing and matching keys shared by indexing, both backends and the snippets.

Text is indexed and queried as lists of *keys*, one per word, built here and nowhere else, so
the database only ever sees clean space-separated tokens (letters and digits):

- the **exact key** (:func:`exact_key`) keeps every diacritic but is placement-insensitive:
  :func:`core.text.tone_key` moves the tone mark to the end of the syllable and the five tone
  marks become the digits 1–5 (sắc, huyền, hỏi, ngã, nặng), so ``hòa`` and ``hoà`` are both
  ``hoa2`` and ``Đắk`` is ``đăk1``;
- the **folded key** (:func:`folded_key`) drops every diacritic (:func:`core.text.fold_diacritics`):
  ``Đắk``, ``Đăk`` and ``Dak`` are all ``dak``.

A query without any diacritic searches the folded keys (accent-insensitive); a query with
diacritics searches the exact keys. Words in double quotes form a phrase; a word that splits into
several keys (``covid-19``, ``R'lấp``) is a phrase too. No character of the user's text reaches
the database's query syntax: every term is a tuple of keys, and keys contain only letters and
digits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from core.text import TONE_MARKS, fold_diacritics, normalize_text

#: A word: letters and digits (no underscore, which tokenizers treat differently).
TOKEN = re.compile(r"[^\W_]+")
#: Keys longer than this are dropped (PostgreSQL ignores words over 2047 bytes; no real word
#: comes near this).
MAX_KEY_LENGTH = 60
MAX_TERMS = 16
MAX_PHRASE_WORDS = 12
_TONE_DIGITS = str.maketrans(
    {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
)
_QUOTED = re.compile(r'"([^"]*)"?')


# exact_key and folded_key expect one TOKEN of normalised text (core.text.normalize_text)
@lru_cache(maxsize=131072)
def exact_key(word: str) -> str:
    """The placement-insensitive key of one word (``Hòa`` → ``hoa2``, ``thuỷ`` → ``thuy3``)."""
    if word.isascii() and word.isalnum():  # no mark to move: the lower case is the key
        key = word.lower()
        return key if len(key) <= MAX_KEY_LENGTH else ""
    # tone_key() for one token: the tone marks moved to the end, then made digits
    decomposed = unicodedata.normalize("NFD", word.lower())
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    tones = "".join(c for c in decomposed if c in TONE_MARKS).translate(_TONE_DIGITS)
    key = "".join(c for c in base if not unicodedata.combining(c)) + tones
    return key if len(key) <= MAX_KEY_LENGTH else ""


@lru_cache(maxsize=131072)
def folded_key(word: str) -> str:
    """The accent-insensitive key of one word (``Đắk`` → ``dak``)."""
    if word.isascii() and word.isalnum():
        key = word.lower()
        return key if len(key) <= MAX_KEY_LENGTH else ""
    key = "".join(TOKEN.findall(fold_diacritics(word)))
    return key if len(key) <= MAX_KEY_LENGTH else ""


def key_function(*, folded: bool) -> Callable[[str], str]:
    return folded_key if folded else exact_key


def index_keys(text: str, *, folded: bool) -> str:
    """``text`` as space-separated keys: what goes into the index columns."""
    key = key_function(folded=folded)
    keys = (key(word) for word in TOKEN.findall(normalize_text(text)))
    return " ".join(k for k in keys if k)


def index_key_pair(text: str) -> tuple[str, str]:
    """(exact keys, folded keys) of already normalised ``text``, tokenised once (indexing)."""
    words = TOKEN.findall(text)
    exact = " ".join(filter(None, map(exact_key, words)))
    folded = " ".join(filter(None, map(folded_key, words)))
    return exact, folded


def has_diacritics(text: str) -> bool:
    """True when ``text`` carries any diacritic (tone mark, ă â ê ô ơ ư, or đ)."""
    plain = normalize_text(text).lower()
    return fold_diacritics(plain) != plain


@dataclass(frozen=True, slots=True)
class Term:
    """One search term: a single key, or several keys that must be adjacent (a phrase)."""

    keys: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.keys) > 1


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    terms: tuple[Term, ...]
    folded: bool

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def key(self, word: str) -> str:
        """The key of a word of the document, in this query's mode."""
        return folded_key(word) if self.folded else exact_key(word)


def _chunks(text: str) -> Iterator[str]:
    """Quoted phrases whole (an unclosed quote runs to the end), the rest split on spaces."""
    position = 0
    for match in _QUOTED.finditer(text):
        yield from text[position : match.start()].split()
        yield match.group(1)
        position = match.end()
    yield from text[position:].split()


def parse_query(text: str) -> ParsedQuery:
    """Split the user's text into terms and phrases and decide the accent mode."""
    text = normalize_text(text, straight_quotes=True)
    folded = not has_diacritics(text)
    key = key_function(folded=folded)
    terms: list[Term] = []
    for chunk in _chunks(text):
        keys = tuple(k for k in (key(w) for w in TOKEN.findall(chunk)) if k)
        if not keys:
            continue
        term = Term(keys[:MAX_PHRASE_WORDS])
        if term not in terms:
            terms.append(term)
    return ParsedQuery(terms=tuple(terms[:MAX_TERMS]), folded=folded)
