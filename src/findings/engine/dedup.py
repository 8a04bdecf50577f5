"""Near-duplicate detection and same-story clusters over a stream of articles.

Pipeline per item: text → accent-folded syllable shingles (:mod:`.shingles`) → MinHash signature
(:mod:`.minhash`) → candidates from banded LSH (:mod:`.lsh`) → verification. A candidate pair is a
near-duplicate when ``max(jaccard, containment) ≥ threshold``, where ``containment`` is the share of
the smaller shingle set found in the larger one: a trimmed copy, or an article wrapped in another
site's boilerplate, is (almost) wholly contained in the other text even when their Jaccard is low.
To find such pairs the LSH bands are tuned for ``candidate_threshold`` (half the decision
threshold by default), below the decision threshold.

Verification is exact when both shingle sets are at hand (kept in memory, or loaded through
``text_loader``). An index rebuilt from stored signatures alone (:meth:`NearDuplicateIndex.
add_signature`) estimates Jaccard from the signatures and containment from that estimate and the
two set sizes (``|A∩B| = J/(1+J)·(|A|+|B|)``), which is noisier near the threshold.

Texts with fewer than ``min_shingles`` distinct shingles (about ``MIN_SYLLABLES`` syllables) are
too short for a similarity decision: a caption or a one-line brief shares a stock phrase with many
unrelated items. They match only items with exactly the same folded text (equal signatures), with
similarity 1.0.

Clusters (:func:`dedup_items`) are the connected components of verified pairs. The original is the
earliest ``published_at`` (to the minute); on a tie a licensed press agency's item wins, then the
lowest id. Items without a date come after every dated item. Membership and originals depend only
on the set of items, not on their order (the candidate relation is symmetric), so cluster ids are
stable under permutation of the input.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from findings.engine import minhash
from findings.engine.clusters import UnionFind, original_key
from findings.engine.lsh import BandIndex, optimal_bands
from findings.engine.shingles import (
    DEFAULT_SHINGLE_SIZE,
    MIN_SYLLABLES,
    ShingleSet,
    overlap,
    shingle_set,
)

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Item:
    """One article or post to compare: ``text`` is what is shingled (not the title)."""

    id: str
    text: str
    title: str = ""
    published_at: datetime.datetime | None = None
    outlet: str = ""
    licensed_press: bool = False
    attribution: str = ""


@dataclass(frozen=True)
class Match:
    """An earlier item found to be a near-duplicate; ``similarity = max(jaccard, containment)``."""

    id: str
    similarity: float
    jaccard: float
    containment: float


@dataclass(frozen=True)
class DedupResult:
    """One line of ``presswatch dedup``: the item's cluster and the cluster's original.

    ``similarity`` is the item's similarity to its original; for an original with duplicates, the
    highest similarity of any of them; 0.0 for an item alone in its cluster.
    """

    id: str
    cluster: str
    duplicate_of: str | None
    similarity: float


@dataclass(frozen=True)
class DedupReport:
    """Results in input order plus every verified pair, keyed by ``(earlier id, later id)``."""

    results: list[DedupResult]
    pairs: dict[tuple[str, str], Match] = field(default_factory=dict)


@dataclass(frozen=True)
class Fingerprint:
    """What the index needs of a text: its shingles (may be dropped), signature and set size."""

    shingles: ShingleSet | None
    signature: npt.NDArray[np.uint32]
    shingle_count: int


class NearDuplicateIndex:
    """A growing set of items, each compared with those indexed before it.

    ``keep_shingles=False`` stores only signatures (``num_perm × 4`` bytes per item plus the LSH
    bands); verification then estimates, or asks ``text_loader(id)`` for the stored text.
    """

    def __init__(  # noqa: PLR0913 (keyword-only tuning knobs with defaults)
        self,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = minhash.DEFAULT_NUM_PERM,
        shingle_size: int = DEFAULT_SHINGLE_SIZE,
        *,
        candidate_threshold: float | None = None,
        min_shingles: int | None = None,
        keep_shingles: bool = True,
        text_loader: Callable[[str], str | None] | None = None,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.candidate_threshold = candidate_threshold or max(0.05, threshold / 2)
        self.min_shingles = (
            min_shingles if min_shingles is not None else MIN_SYLLABLES - shingle_size + 1
        )
        self.keep_shingles = keep_shingles
        self.text_loader = text_loader
        bands, rows = optimal_bands(min(self.candidate_threshold, 0.95), num_perm)
        self._lsh = BandIndex(num_perm, bands, rows)
        self._signatures: dict[str, npt.NDArray[np.uint32]] = {}
        self._counts: dict[str, int] = {}
        self._shingles: dict[str, ShingleSet] = {}
        self._short: dict[bytes, list[str]] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._signatures

    @property
    def bands(self) -> tuple[int, int]:
        """The ``(bands, rows)`` of the LSH index."""
        return self._lsh.bands, self._lsh.rows

    def fingerprint(self, text: str) -> Fingerprint:
        """Shingles, signature and shingle count of ``text``."""
        shingles = shingle_set(text, self.shingle_size)
        return Fingerprint(shingles, minhash.signature(shingles, self.num_perm), int(shingles.size))

    def signature(self, item: Item) -> bytes:
        """The stored form of ``item``'s signature (see :meth:`add_signature`)."""
        return minhash.to_bytes(self.fingerprint(item.text).signature)

    def is_short(self, shingle_count: int) -> bool:
        """Whether a text of ``shingle_count`` shingles is too short for a similarity decision."""
        return shingle_count < self.min_shingles

    def add(self, item: Item) -> list[Match]:
        """Index ``item``; return its near-duplicates among the items indexed before it."""
        if item.id in self._signatures:
            raise ValueError(f"item already indexed: {item.id}")
        fp = self.fingerprint(item.text)
        matches = self._matches(fp)
        self._insert(item.id, fp)
        return matches

    def query(self, item: Item) -> list[Match]:
        """The near-duplicates of ``item`` among the indexed items (``item`` itself excluded)."""
        return [m for m in self._matches(self.fingerprint(item.text)) if m.id != item.id]

    def add_signature(self, item_id: str, signature: bytes, shingle_count: int) -> None:
        """Index a stored signature without its text (rebuilding the index at start-up)."""
        if item_id in self._signatures:
            raise ValueError(f"item already indexed: {item_id}")
        sig = minhash.from_bytes(signature, self.num_perm)
        self._insert(item_id, Fingerprint(None, sig, shingle_count))

    def remove(self, item_id: str) -> None:
        """Forget an item (KeyError when it is not indexed)."""
        sig = self._signatures.pop(item_id)
        count = self._counts.pop(item_id)
        self._shingles.pop(item_id, None)
        if self.is_short(count):
            ids = self._short[sig.tobytes()]
            ids.remove(item_id)
            if not ids:
                del self._short[sig.tobytes()]
        else:
            self._lsh.remove(item_id)

    def kept_similarity(self, a: str, b: str) -> float:
        """``max(jaccard, containment)`` of two indexed items whose shingles are kept, else 0.0."""
        shingles_a = self._shingles.get(a)
        shingles_b = self._shingles.get(b)
        if shingles_a is None or shingles_b is None:
            return 0.0
        jaccard, containment = overlap(shingles_a, shingles_b)
        return round(max(jaccard, containment), 4)

    def _insert(self, item_id: str, fp: Fingerprint) -> None:
        self._signatures[item_id] = fp.signature
        self._counts[item_id] = fp.shingle_count
        if self.keep_shingles and fp.shingles is not None:
            self._shingles[item_id] = fp.shingles
        if self.is_short(fp.shingle_count):
            self._short.setdefault(fp.signature.tobytes(), []).append(item_id)
        else:
            self._lsh.insert(item_id, fp.signature)

    def _matches(self, fp: Fingerprint) -> list[Match]:
        if fp.shingle_count == 0:
            return []
        if self.is_short(fp.shingle_count):
            same = self._short.get(fp.signature.tobytes(), [])
            return [Match(other, 1.0, 1.0, 1.0) for other in sorted(same)]
        found = []
        for other in self._lsh.query(fp.signature):
            match = self._verify(fp, other)
            if match is not None:
                found.append(match)
        found.sort(key=lambda m: (-m.similarity, m.id))
        return found

    def _other_shingles(self, other: str) -> ShingleSet | None:
        kept = self._shingles.get(other)
        if kept is not None or self.text_loader is None:
            return kept
        text = self.text_loader(other)
        return None if text is None else shingle_set(text, self.shingle_size)

    def _verify(self, fp: Fingerprint, other: str) -> Match | None:
        theirs = self._other_shingles(other) if fp.shingles is not None else None
        if fp.shingles is not None and theirs is not None:
            jaccard, containment = overlap(fp.shingles, theirs)
        else:
            jaccard = minhash.estimate_jaccard(fp.signature, self._signatures[other])
            containment = _estimated_containment(jaccard, fp.shingle_count, self._counts[other])
        similarity = max(jaccard, containment)
        if similarity < self.threshold:
            return None
        return Match(other, round(similarity, 4), round(jaccard, 4), round(containment, 4))


def _estimated_containment(jaccard: float, size_a: int, size_b: int) -> float:
    if size_a <= 0 or size_b <= 0:
        return 0.0
    common = jaccard / (1.0 + jaccard) * (size_a + size_b)
    return min(1.0, common / min(size_a, size_b))


def dedup_report(
    items: Iterable[Item],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = minhash.DEFAULT_NUM_PERM,
    shingle_size: int = DEFAULT_SHINGLE_SIZE,
    candidate_threshold: float | None = None,
) -> DedupReport:
    """Cluster ``items`` (ids must be distinct); results in input order plus verified pairs."""
    items = list(items)
    index = NearDuplicateIndex(
        threshold, num_perm, shingle_size, candidate_threshold=candidate_threshold
    )
    by_id: dict[str, Item] = {}
    pairs: dict[tuple[str, str], Match] = {}
    forest = UnionFind()
    for item in items:
        if item.id in by_id:
            raise ValueError(f"duplicate item id: {item.id}")
        by_id[item.id] = item
        forest.add(item.id)
        for match in index.add(item):
            pairs[(match.id, item.id)] = match
            forest.union(match.id, item.id)
    originals: dict[str, str] = {}
    for members in forest.groups():
        original = min(members, key=lambda m: original_key(by_id[m]))
        for member in members:
            originals[member] = original
    best_of_original: dict[str, float] = {}
    to_original: dict[str, float] = {}
    for item in items:
        original = originals[item.id]
        if original == item.id:
            continue
        similarity = _pair_similarity(index, pairs, item.id, original)
        to_original[item.id] = similarity
        best_of_original[original] = max(best_of_original.get(original, 0.0), similarity)
    results = []
    for item in items:
        original = originals[item.id]
        duplicate_of = None if original == item.id else original
        similarity = (
            best_of_original.get(item.id, 0.0) if duplicate_of is None else to_original[item.id]
        )
        results.append(DedupResult(item.id, f"c-{original}", duplicate_of, similarity))
    return DedupReport(results, pairs)


def _pair_similarity(
    index: NearDuplicateIndex, pairs: Mapping[tuple[str, str], Match], a: str, b: str
) -> float:
    """Similarity of two clustered items: the verified pair if any, else computed exactly."""
    known = pairs.get((a, b)) or pairs.get((b, a))
    if known is not None:
        return known.similarity
    return index.kept_similarity(a, b)


def dedup_items(
    items: Iterable[Item],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = minhash.DEFAULT_NUM_PERM,
    shingle_size: int = DEFAULT_SHINGLE_SIZE,
    candidate_threshold: float | None = None,
) -> list[DedupResult]:
    """One :class:`DedupResult` per item, in input order (see the module documentation)."""
    return dedup_report(
        items,
        threshold=threshold,
        num_perm=num_perm,
        shingle_size=shingle_size,
        candidate_threshold=candidate_threshold,
    ).results
