"""Accent-folded syllable shingles of Vietnamese text, hashed to 64-bit integers.

Vietnamese words are written as syllables separated by spaces, so a shingle is ``k`` consecutive
syllables of the text after :func:`core.text.fold_diacritics` (no diacritics, ``đ`` → ``d``,
lower case). Folding makes a copy that lost its accents, uses the other tone-mark placement
(``hòa``/``hoà``), NFD instead of NFC or curly apostrophes produce the same shingles as the
original. Paragraph breaks and punctuation are ignored, so re-paragraphing changes nothing.

Each syllable is hashed once (BLAKE2b, 64 bits, cached) and the ``k`` syllable hashes of a window
are mixed with numpy in one vectorised pass, so no Python code runs per shingle.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from core.text import fold_diacritics, words

#: Syllables per shingle. 4 measured best on the syndication benchmark (docs/near-duplicates.md):
#: 3 merges more unrelated texts through stock phrases, 5 loses lightly edited copies.
DEFAULT_SHINGLE_SIZE = 4
#: Texts with fewer syllables than this get no near-duplicate decision (only exact copies match).
MIN_SYLLABLES = 40

ShingleSet = npt.NDArray[np.uint64]

_MIX = np.uint64(0x9E3779B97F4A7C15)
_FMIX1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_EMPTY: ShingleSet = np.empty(0, dtype=np.uint64)


def syllables(text: str) -> list[str]:
    """The accent-folded, lower-case syllables (word tokens) of ``text``."""
    return words(fold_diacritics(text))


@lru_cache(maxsize=1 << 17)
def _syllable_hash(syllable: str) -> int:
    return int.from_bytes(hashlib.blake2b(syllable.encode(), digest_size=8).digest(), "little")


def _finalise(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    values = values ^ (values >> np.uint64(33))
    values = values * _FMIX1
    values = values ^ (values >> np.uint64(33))
    values = values * _FMIX2
    return values ^ (values >> np.uint64(33))


def hash_syllables(tokens: list[str], k: int = DEFAULT_SHINGLE_SIZE) -> ShingleSet:
    """The sorted, distinct 64-bit hashes of the ``k``-syllable windows of ``tokens``.

    A text shorter than ``k`` syllables gives one shingle (all of it); an empty one gives none.
    """
    if k < 1:
        raise ValueError("shingle size must be at least 1")
    if not tokens:
        return _EMPTY
    base = np.fromiter((_syllable_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))
    windows = max(1, len(tokens) - k + 1)
    width = min(k, len(tokens))
    mixed = np.zeros(windows, dtype=np.uint64)
    for offset in range(width):
        mixed = (mixed ^ base[offset : offset + windows]) * _MIX
    return np.unique(_finalise(mixed))


def shingle_set(text: str, k: int = DEFAULT_SHINGLE_SIZE) -> ShingleSet:
    """The shingle hashes of ``text`` (see :func:`hash_syllables`)."""
    return hash_syllables(syllables(text), k)


def overlap(a: ShingleSet, b: ShingleSet) -> tuple[float, float]:
    """Exact ``(jaccard, containment of the smaller set)`` of two sorted distinct hash arrays."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    common = int(np.intersect1d(a, b, assume_unique=True).size)
    union = a.size + b.size - common
    return common / union, common / min(a.size, b.size)
