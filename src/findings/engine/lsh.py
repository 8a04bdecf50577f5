"""Banded locality-sensitive hashing of MinHash signatures, stored in sorted numpy runs.

A signature of ``bands × rows`` values is cut into ``bands`` bands; each band is hashed (with its
band number) to one 64-bit key, and two documents are candidates when any key is equal. The chance
that two documents of Jaccard ``s`` become candidates is ``1 − (1 − s^rows)^bands``;
:func:`optimal_bands` picks ``(bands, rows)`` for a threshold the way datasketch does (least
weighted false-positive and false-negative area).

Storage is log-structured rather than a dict per band: new keys go to a small dict (the tail);
when the tail holds ``flush_at`` documents it becomes an immutable run — two parallel arrays,
sorted band keys (uint64) and document numbers (uint32) — and runs of similar size are merged, so
there are O(log n) runs. A query does one ``searchsorted`` per run for all its band keys at once.
That costs 12 bytes per band per document instead of a Python bucket set per band key.
Removal marks the document dead; dead entries are dropped when their run is next merged
(:meth:`BandIndex.compact` drops them all at once).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]

_FMIX = np.uint64(0xFF51AFD7ED558CCD)
DEFAULT_FLUSH_AT = 4096


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """The chance that two documents of Jaccard ``similarity`` share at least one band."""
    return float(1.0 - (1.0 - similarity**rows) ** bands)


@lru_cache(maxsize=64)
def optimal_bands(
    threshold: float,
    num_perm: int,
    false_positive_weight: float = 0.5,
    false_negative_weight: float = 0.5,
) -> tuple[int, int]:
    """``(bands, rows)`` with ``bands·rows ≤ num_perm`` minimising the weighted error areas.

    The false-positive area is the candidate probability integrated below ``threshold``; the
    false-negative area is the miss probability integrated above it.
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError("threshold must be between 0 and 1")
    low = np.linspace(0.0, threshold, 201)
    high = np.linspace(threshold, 1.0, 201)
    best: tuple[float, int, int] | None = None
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            fp = float(np.trapezoid(1.0 - (1.0 - low**rows) ** bands, low))
            fn = float(np.trapezoid((1.0 - high**rows) ** bands, high))
            error = false_positive_weight * fp + false_negative_weight * fn
            if best is None or error < best[0]:
                best = (error, bands, rows)
    assert best is not None
    return best[1], best[2]


@lru_cache(maxsize=16)
def _multipliers(bands: int, rows: int) -> U64:
    """Fixed random odd 64-bit multipliers, one per signature position, plus one salt per band."""
    rng = np.random.default_rng(bands * 1000 + rows)
    weights = rng.integers(0, 2**64, size=(bands, rows + 1), dtype=np.uint64, endpoint=False)
    weights |= np.uint64(1)
    weights.setflags(write=False)
    return weights


def band_keys(signatures: npt.NDArray[np.uint32], bands: int, rows: int) -> U64:
    """The ``(n, bands)`` 64-bit band keys of ``(n, ≥ bands·rows)`` signatures.

    Each key is a random linear combination of its band's values modulo 2^64 (a few whole-array
    numpy operations whatever the band width), plus a salt per band, then a finalising mix.
    """
    n = signatures.shape[0]
    weights = _multipliers(bands, rows)
    values = signatures[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    keys: U64 = (values * weights[:, :rows]).sum(axis=2, dtype=np.uint64) + weights[:, rows]
    keys ^= keys >> np.uint64(31)
    keys *= _FMIX
    keys ^= keys >> np.uint64(29)
    return keys


def _merge(a: tuple[U64, U32], b: tuple[U64, U32]) -> tuple[U64, U32]:
    """Two sorted runs merged into one in linear time (after ``m log n`` binary searches)."""
    a_keys, a_docs = a
    b_keys, b_docs = b
    total = a_keys.size + b_keys.size
    slots = np.searchsorted(a_keys, b_keys, side="right") + np.arange(b_keys.size)
    keys = np.empty(total, dtype=np.uint64)
    docs = np.empty(total, dtype=np.uint32)
    rest = np.ones(total, dtype=bool)
    rest[slots] = False
    keys[slots] = b_keys
    docs[slots] = b_docs
    keys[rest] = a_keys
    docs[rest] = a_docs
    return keys, docs


class BandIndex:
    """An LSH index of string keys by MinHash signature; see the module documentation."""

    def __init__(
        self, num_perm: int, bands: int, rows: int, *, flush_at: int = DEFAULT_FLUSH_AT
    ) -> None:
        if bands < 1 or rows < 1 or bands * rows > num_perm:
            raise ValueError("bands × rows must be between 1 and num_perm")
        self.num_perm = num_perm
        self.bands = bands
        self.rows = rows
        self._flush_at = max(1, flush_at)
        self._names: list[str | None] = []
        self._number: dict[str, int] = {}
        self._alive = np.zeros(1024, dtype=bool)
        self._tail: dict[int, list[int]] = {}
        self._tail_keys: list[U64] = []
        self._tail_docs: list[int] = []
        self._runs: list[tuple[U64, U32]] = []
        self._dead = 0

    def __len__(self) -> int:
        return len(self._number)

    def __contains__(self, key: object) -> bool:
        return key in self._number

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._number))

    def _new_number(self, key: str) -> int:
        if key in self._number:
            raise ValueError(f"key already indexed: {key}")
        number = len(self._names)
        if number >= 2**32 - 1:
            raise OverflowError("too many documents for one index")
        if number >= self._alive.size:
            grown = np.zeros(self._alive.size * 2, dtype=bool)
            grown[: self._alive.size] = self._alive
            self._alive = grown
        self._names.append(key)
        self._number[key] = number
        self._alive[number] = True
        return number

    def insert(self, key: str, signature: npt.NDArray[np.uint32]) -> None:
        """Index ``signature`` under ``key`` (ValueError when ``key`` is already indexed)."""
        keys = band_keys(signature.reshape(1, -1), self.bands, self.rows)[0]
        number = self._new_number(key)
        for band_key in keys.tolist():
            bucket = self._tail.get(band_key)
            if bucket is None:
                self._tail[band_key] = [number]
            else:
                bucket.append(number)
        self._tail_keys.append(keys)
        self._tail_docs.append(number)
        if len(self._tail_docs) >= self._flush_at:
            self._flush()

    def insert_many(self, keys: Sequence[str], signatures: npt.NDArray[np.uint32]) -> None:
        """Index many documents at once: they go straight into a sorted run (bulk loading)."""
        if len(keys) != signatures.shape[0]:
            raise ValueError("one signature per key")
        if len(set(keys)) != len(keys):
            raise ValueError("duplicate keys")
        self._flush()
        numbers = np.fromiter((self._new_number(k) for k in keys), dtype=np.uint32)
        band = band_keys(signatures, self.bands, self.rows)
        self._add_run(band.ravel(), np.repeat(numbers, self.bands))

    def query(self, signature: npt.NDArray[np.uint32]) -> list[str]:
        """The keys of every live document sharing a band with ``signature`` (sorted)."""
        return [self._names[n] or "" for n in self._candidates(signature)]

    def _candidates(self, signature: npt.NDArray[np.uint32]) -> list[int]:
        keys = band_keys(signature.reshape(1, -1), self.bands, self.rows)[0]
        found: list[npt.NDArray[np.uint32]] = []
        for run_keys, run_docs in self._runs:
            lo = np.searchsorted(run_keys, keys, side="left")
            hits = lo < run_keys.size
            hits[hits] = run_keys[lo[hits]] == keys[hits]
            if not hits.any():
                continue
            hi = np.searchsorted(run_keys, keys[hits], side="right")
            for start, end in zip(lo[hits].tolist(), hi.tolist(), strict=True):
                found.append(run_docs[start:end])
        for band_key in keys.tolist():
            bucket = self._tail.get(band_key)
            if bucket is not None:
                found.append(np.asarray(bucket, dtype=np.uint32))
        if not found:
            return []
        numbers = np.unique(np.concatenate(found))
        return numbers[self._alive[numbers]].tolist()  # type: ignore[no-any-return]

    def remove(self, key: str) -> None:
        """Forget ``key`` (KeyError when it is not indexed)."""
        number = self._number.pop(key)
        self._alive[number] = False
        self._names[number] = None
        self._dead += 1
        if self._dead > 2 * len(self._number) + self._flush_at:
            self.compact()

    def compact(self) -> None:
        """Flush the tail and merge every run into one, dropping removed documents."""
        self._flush()
        while len(self._runs) > 1:
            self._runs.append(self._merge_live(self._runs.pop(), self._runs.pop()))
        if self._runs:
            keys, docs = self._runs[0]
            live = self._alive[docs]
            self._runs[0] = (keys[live], docs[live])
        self._dead = 0

    @property
    def nbytes(self) -> int:
        """Bytes held by the sorted runs and the alive mask (the tail dict is not counted)."""
        return int(sum(k.nbytes + d.nbytes for k, d in self._runs) + self._alive.nbytes)

    def _flush(self) -> None:
        if not self._tail_docs:
            return
        keys = np.concatenate(self._tail_keys)
        docs = np.repeat(np.asarray(self._tail_docs, dtype=np.uint32), self.bands)
        self._tail.clear()
        self._tail_keys.clear()
        self._tail_docs.clear()
        self._add_run(keys, docs)

    def _add_run(self, keys: U64, docs: U32) -> None:
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], docs[order]))
        while len(self._runs) > 1 and self._runs[-2][0].size <= 2 * self._runs[-1][0].size:
            newer = self._runs.pop()
            older = self._runs.pop()
            self._runs.append(self._merge_live(older, newer))

    def _merge_live(self, a: tuple[U64, U32], b: tuple[U64, U32]) -> tuple[U64, U32]:
        alive = self._alive
        a_live = alive[a[1]]
        b_live = alive[b[1]]
        if not a_live.all():
            a = (a[0][a_live], a[1][a_live])
        if not b_live.all():
            b = (b[0][b_live], b[1][b_live])
        return _merge(a, b)
