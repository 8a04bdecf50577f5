"""Vectorised MinHash over 64-bit shingle hashes (numpy).

Permutation ``i`` is the multiply-shift hash ``h_i(x) = ((a_i·x + b_i) mod 2^64) >> 32`` with a
fixed odd ``a_i`` and any ``b_i``, drawn once from a seeded generator, so signatures are the same
in every process and can be stored. A signature is ``num_perm`` unsigned 32-bit minima; the
fraction of equal positions estimates the Jaccard similarity of the two shingle sets.

The whole shingle array is hashed by all permutations in one broadcast (in blocks, to bound the
temporary matrix), which is what makes this faster than ``datasketch.MinHash`` (SHA-1 per item in
Python); ``bench/dedup_lsh.py`` measures both and their estimation error.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from findings.engine.shingles import ShingleSet

DEFAULT_NUM_PERM = 128
SEED = 20261126
Signature = npt.NDArray[np.uint32]
_EMPTY_VALUE = np.uint32(0xFFFFFFFF)
_BLOCK = 1024  # shingles hashed per broadcast: 1024 × 128 × 8 bytes = 1 MiB temporary


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int = SEED) -> tuple[npt.NDArray[np.uint64], ...]:
    """The ``(a, b)`` coefficient arrays of ``num_perm`` multiply-shift permutations."""
    if num_perm < 1:
        raise ValueError("num_perm must be at least 1")
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 2**64, size=num_perm, dtype=np.uint64, endpoint=False) | np.uint64(1)
    b = rng.integers(0, 2**64, size=num_perm, dtype=np.uint64, endpoint=False)
    a.setflags(write=False)
    b.setflags(write=False)
    return a, b


def signature(shingles: ShingleSet, num_perm: int = DEFAULT_NUM_PERM) -> Signature:
    """The MinHash signature of a shingle set (all ``0xFFFFFFFF`` for an empty set)."""
    a, b = permutations(num_perm)
    result = np.full(num_perm, _EMPTY_VALUE, dtype=np.uint32)
    for start in range(0, shingles.size, _BLOCK):
        block = shingles[start : start + _BLOCK, None]
        hashed = ((block * a + b) >> np.uint64(32)).astype(np.uint32)
        np.minimum(result, hashed.min(axis=0), out=result)
    return result


def signatures(sets: list[ShingleSet], num_perm: int = DEFAULT_NUM_PERM) -> npt.NDArray[np.uint32]:
    """The signatures of many shingle sets as a ``(len(sets), num_perm)`` array."""
    out = np.empty((len(sets), num_perm), dtype=np.uint32)
    for row, shingles in enumerate(sets):
        out[row] = signature(shingles, num_perm)
    return out


def estimate_jaccard(first: Signature, second: Signature) -> float:
    """The Jaccard similarity estimated from two signatures of the same length."""
    if first.shape != second.shape:
        raise ValueError("signatures of different lengths")
    return float(np.count_nonzero(first == second)) / first.size


def to_bytes(sig: Signature) -> bytes:
    """A signature as little-endian bytes (for storage)."""
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes, num_perm: int = DEFAULT_NUM_PERM) -> Signature:
    """The signature stored by :func:`to_bytes`; raises ValueError for a wrong length."""
    if len(data) != 4 * num_perm:
        raise ValueError(f"a signature of {num_perm} permutations has {4 * num_perm} bytes")
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)
