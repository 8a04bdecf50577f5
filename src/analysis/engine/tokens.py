"""Syllable tokens with offsets and two matching keys, and a phrase matcher over them.

Vietnamese is written one syllable per space-separated token, so every lexicon here (places,
sector terms, tone terms) is a list of syllable sequences. Each token carries:

- ``tkey``: lower-case NFC with the tone mark moved to the end of the syllable (``hoà`` = ``hòa``),
  apostrophes removed (``R'lấp`` = ``R’lấp`` = ``Rlấp``);
- ``fkey``: the same without any diacritic and with ``đ`` → ``d`` (``Đắk`` → ``dak``).

A :class:`PhraseMatcher` finds the longest phrase starting at each token by looking syllable
tuples up in a dictionary (one lookup per candidate length), so matching costs O(tokens × longest
phrase) whatever the lexicon size.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from core.text import TONE_MARKS

_TOKEN = re.compile(r"\w+(?:['\u2019\u02bc]\w+)*", re.UNICODE)
_APOSTROPHES = re.compile(r"['\u2019\u02bc]")
_SENTENCE_END = re.compile(r"[.!?;…\n]+")

T = TypeVar("T")


class Token(NamedTuple):
    start: int
    end: int
    surface: str
    tkey: str
    fkey: str
    accented: bool
    capitalized: bool


def _tkey(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", _APOSTROPHES.sub("", word).lower())
    tones = "".join(c for c in decomposed if c in TONE_MARKS)
    base = "".join(c for c in decomposed if c not in TONE_MARKS)
    return unicodedata.normalize("NFC", base) + tones


def _fkey(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", _APOSTROPHES.sub("", word).lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_KEY_CACHE: dict[str, tuple[str, str, bool]] = {}


def _keys(word: str) -> tuple[str, str, bool]:
    cached = _KEY_CACHE.get(word)
    if cached is None:
        tkey = _tkey(word)
        fkey = _fkey(word)
        cached = (tkey, fkey, tkey != fkey)
        if len(_KEY_CACHE) < 200_000:
            _KEY_CACHE[word] = cached
    return cached


def tokenize(text: str) -> list[Token]:
    """The syllable tokens of ``text`` (NFC expected) with their character offsets."""
    tokens = []
    append = tokens.append
    cache = _KEY_CACHE
    for match in _TOKEN.finditer(text):
        surface = match.group(0)
        keys = cache.get(surface) or _keys(surface)
        append(
            Token(match.start(), match.end(), surface, *keys, surface[0].isupper())
        )
    return tokens


def phrase_keys(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (tone-key, folded-key) syllable tuples of a lexicon phrase."""
    tokens = tokenize(unicodedata.normalize("NFC", phrase))
    return tuple(t.tkey for t in tokens), tuple(t.fkey for t in tokens)


def is_accented_text(tokens: Sequence[Token]) -> bool:
    """True when the text is written with diacritics (at least 5 % of its syllables carry one)."""
    if not tokens:
        return True
    accented = sum(1 for t in tokens if t.accented)
    return accented * 20 >= len(tokens)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (split on . ! ? ; … and line breaks)."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True, slots=True)
class PhraseHit(Generic[T]):
    first: int  # index of the first token
    last: int  # index after the last token
    value: T
    exact: bool  # matched on tone keys (diacritics agree), not only folded


class PhraseMatcher(Generic[T]):
    """Longest-match lookup of syllable phrases; ``accent_sensitive`` chooses the key per text."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._tone: dict[tuple[str, ...], T] = {}
        self._folded: dict[tuple[str, ...], T] = {}
        self._first: set[str] = set()
        self.longest = 1
        for phrase, value in entries:
            tkeys, fkeys = phrase_keys(phrase)
            if not tkeys:
                continue
            self._tone.setdefault(tkeys, value)
            self._folded.setdefault(fkeys, value)
            self._first.add(fkeys[0])
            self.longest = max(self.longest, len(tkeys))

    def find(self, tokens: Sequence[Token], *, accent_sensitive: bool) -> list[PhraseHit[T]]:
        """Non-overlapping longest hits, left to right.

        Accent-sensitive: a phrase matches on tone keys only (``chay`` is not ``cháy``).
        Otherwise on folded keys (for text typed without diacritics).
        """
        hits: list[PhraseHit[T]] = []
        table = self._tone if accent_sensitive else self._folded
        n = len(tokens)
        i = 0
        while i < n:
            if tokens[i].fkey not in self._first:
                i += 1
                continue
            found = None
            for length in range(min(self.longest, n - i), 0, -1):
                window = tokens[i : i + length]
                key = tuple(t.tkey if accent_sensitive else t.fkey for t in window)
                value = table.get(key)
                if value is not None:
                    found = PhraseHit(i, i + length, value, accent_sensitive)
                    break
            if found is None:
                i += 1
            else:
                hits.append(found)
                i = found.last
        return hits
