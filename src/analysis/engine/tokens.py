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
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar, overload

from core.text import TONE_MARKS

_TOKEN = re.compile(r"\w+(?:['\u2019\u02bc]\w+)*", re.UNICODE)
_APOSTROPHES = re.compile(r"['\u2019\u02bc]")

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


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0xC0, 0x1EFA):
        char = chr(code)
        if not char.isalpha() or char.lower() != char:
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        if base != char and len(base) == 1:
            table[code] = base
    table[ord("đ")] = "d"
    return table


_FOLD = _fold_table()
_APOSTROPHE_CHARS = ("'", "\u2019", "\u02bc")  # deleted by str.replace: faster than translate
_TKEY_CACHE: dict[str, str] = {}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class Tokens(Sequence[Token]):
    """The tokens of one text; keys are computed for the whole text at once, tokens on demand.

    Scanning a text for phrases needs only the folded keys (one C-level pass over the text);
    tone keys come from the lower-cased syllables through a cache, and offsets and surfaces are
    built only for the tokens that are part of a hit.
    """

    __slots__ = (
        "_built",
        "_lowered",
        "_lowers",
        "_spans",
        "accented",
        "fkeys",
        "has_case",
        "marked",
        "text"
    )  # fmt: skip

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        self.has_case = lowered != text
        for apostrophe in _APOSTROPHE_CHARS:
            lowered = lowered.replace(apostrophe, "")
        self._lowered = lowered
        self.fkeys: list[str] = _TOKEN.findall(self._lowered.translate(_FOLD))
        # about the share of syllables typed with a diacritic (each carries one or two)
        self.marked = len(_NON_ASCII.findall(text))
        self.accented = not self.fkeys or self.marked * 20 >= len(self.fkeys)
        self._lowers: list[str] | None = None
        self._spans: list[tuple[int, int]] | None = None
        self._built: dict[int, Token] = {}

    def __len__(self) -> int:
        return len(self.fkeys)

    def tkey(self, index: int) -> str:
        """The tone key of token ``index`` (lower case, tone mark last)."""
        if self._lowers is None:
            self._lowers = _TOKEN.findall(self._lowered)
            if len(self._lowers) != len(self.fkeys):  # lower-casing changed a boundary
                self._lowers = [self._token(i).tkey for i in range(len(self.fkeys))]
        word = self._lowers[index]
        key = _TKEY_CACHE.get(word)
        if key is None:
            key = _tkey(word)
            if len(_TKEY_CACHE) < 200_000:
                _TKEY_CACHE[word] = key
        return key

    def is_accented(self, index: int) -> bool:
        if self._lowers is None:
            self.tkey(index)
        assert self._lowers is not None
        return self._lowers[index] != self.fkeys[index]

    def _token(self, index: int) -> Token:
        token = self._built.get(index)
        if token is None:
            if self._spans is None:
                self._spans = [m.span() for m in _TOKEN.finditer(self.text)]
                if len(self._spans) != len(self.fkeys):  # folding changed a boundary
                    self.fkeys = [_keys(self.text[a:b])[1] for a, b in self._spans]
            start, end = self._spans[index]
            surface = self.text[start:end]
            tkey, fkey, accented = _keys(surface)
            token = Token(start, end, surface, tkey, fkey, accented, surface[0].isupper())
            self._built[index] = token
        return token

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...
    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if isinstance(index, slice):
            return [self._token(i) for i in range(*index.indices(len(self.fkeys)))]
        if index < 0:
            index += len(self.fkeys)
        if not 0 <= index < len(self.fkeys):
            raise IndexError(index)
        return self._token(index)


def tokenize(text: str) -> Tokens:
    """The syllable tokens of ``text`` (NFC expected) with their character offsets.

    The last few results are remembered: tagging, sectors and tone read the same fields.
    """
    return _tokenize_cached(text) if len(text) > 64 else Tokens(text)


_tokenize_cached = lru_cache(maxsize=16)(Tokens)


def phrase_keys(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (tone-key, folded-key) syllable tuples of a lexicon phrase."""
    tokens = tokenize(unicodedata.normalize("NFC", phrase))
    return tuple(t.tkey for t in tokens), tuple(t.fkey for t in tokens)


def is_accented_text(parts: Sequence[Tokens]) -> bool:
    """True when the texts are written with diacritics (about 5 % of the syllables or more)."""
    total = sum(len(p) for p in parts)
    if not total:
        return True
    marked = sum(p.marked for p in parts)
    return marked * 20 >= total


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
        self._tone_by_fold: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        self._first: dict[str, list[int]] = {}
        self.longest = 1
        for phrase, value in entries:
            tkeys, fkeys = phrase_keys(phrase)
            if not tkeys:
                continue
            self._tone.setdefault(tkeys, value)
            self._folded.setdefault(fkeys, value)
            self._tone_by_fold.setdefault(fkeys, []).append(tkeys)
            lengths = self._first.setdefault(fkeys[0], [])
            if len(fkeys) not in lengths:
                lengths.append(len(fkeys))
                lengths.sort(reverse=True)
            self.longest = max(self.longest, len(tkeys))

    def find(self, tokens: Tokens, *, accent_sensitive: bool) -> list[PhraseHit[T]]:
        """Non-overlapping longest hits, left to right.

        Accent-sensitive: a phrase matches on tone keys only (``chay`` is not ``cháy``).
        Otherwise on folded keys (for text typed without diacritics).
        """
        hits: list[PhraseHit[T]] = []
        fkeys = tokens.fkeys
        n = len(fkeys)
        first = self._first
        folded = self._folded
        free = 0
        for i in [i for i, key in enumerate(fkeys) if key in first]:
            if i < free:
                continue
            lengths = first[fkeys[i]]
            found = None
            for length in lengths:
                if i + length > n:
                    continue
                key = tuple(fkeys[i : i + length])
                value = folded.get(key)
                if value is None:
                    continue
                if accent_sensitive:
                    tkeys = tuple(tokens.tkey(j) for j in range(i, i + length))
                    value = self._tone.get(tkeys)
                    if value is None:
                        continue
                if value is not None:
                    found = PhraseHit(i, i + length, value, accent_sensitive)
                    break
            if found is not None:
                hits.append(found)
                free = found.last
        return hits
