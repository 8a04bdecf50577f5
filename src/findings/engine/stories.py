"""Same-story clusters: separately written reports of one event, grouped as they arrive.

:mod:`.dedup` finds *copies* (shared 4-syllable shingles); reports of the same event written by
different newsrooms share few shingles but many rare words and names. This module compares
articles as TF-IDF vectors:

- **Terms.** Title and text go through :func:`core.text.fold_diacritics` and are cut into
  syllables; the terms are syllable unigrams and bigrams (so ``Phnom Penh`` and ``phnom penh`` and
  ``Phnôm Pênh`` written without accents agree). Title terms count ``title_weight`` times. Names
  (runs of capitalised syllables, not counting a sentence's first word) and numbers of two or more
  digits are added as extra terms weighted ``entity_weight``. Term frequencies are sublinear
  (``1 + log tf``). Terms are hashed to 64 bits.
- **IDF** comes from the documents seen so far (:class:`DocumentFrequencies`, which can be seeded
  with an archive: a cold index knows nothing about which words are common). ``idf = log((N + 1) /
  (df + 1))``: a term in every document weighs nothing.
- **Vectors** keep the ``top_terms`` heaviest terms, L2-normalised; the similarity of two articles
  is the cosine of their vectors (0..1).
- **Candidates.** Each article is posted in an inverted index under its ``index_terms`` heaviest
  (rarest, most repeated) terms; a new article is compared only with articles published within
  ``window_hours`` of it that share one of its own heaviest terms. Articles older than the window
  (behind the newest publication seen) leave the index, so memory and time per article stay
  bounded by the window's volume, never the archive's.
- **Linking.** A new article joins the story whose members still in the window are *all*
  similar to it: the story with the highest minimum cosine (complete linkage), when that minimum
  reaches ``threshold``; otherwise it starts a story. Single-link chaining (joining a story
  because of one similar member) is what merges different events on one topic. Complete linkage
  measured better than average linkage on KTLab (held-out recall 0.66 against 0.60 at the same
  precision, and a steadier threshold); ``StoryConfig(linkage="average")`` is kept for
  comparison.

Stories never merge later and ids never change: ``story_id = "s-" + id of the first article
indexed``. The *original* (earliest publication) is for the caller to compute over the members
(:func:`findings.engine.clusters.original_key`); :func:`story_items` names stories after it.

Streaming assignment depends on arrival order (an article is compared with those before it and
with the IDF of the moment). :func:`story_items` removes both dependencies: IDF from the whole
batch, articles taken in publication order (ties by id), so its output depends only on the set of
items.
"""

from __future__ import annotations

import datetime
import hashlib
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from core.text import fold_diacritics, normalize_text, words
from findings.engine.clusters import original_key, publication_minute

#: Hours either side of an article's publication within which another can be the same story.
DEFAULT_WINDOW_HOURS = 72
#: Cosine a new article needs with every member of a story (in the window) to join it. Chosen by
#: two-fold cross-validation on KTLab (bench/story_clusters.py; docs/near-duplicates.md "Stories").
DEFAULT_THRESHOLD = 0.22

Terms = npt.NDArray[np.uint64]
Weights = npt.NDArray[np.float32]


@dataclass(frozen=True)
class StoryItem:
    """One article: its title, its text (lead and body) and publication time."""

    id: str
    title: str
    text: str
    published_at: datetime.datetime | None = None


@dataclass(frozen=True)
class StoryAssignment:
    """The story an article joined, and its most similar member there.

    A new story has ``similarity`` 0.0 and ``nearest_id`` None.
    """

    story_id: str
    similarity: float
    nearest_id: str | None


@dataclass(frozen=True)
class StoryConfig:
    """How articles become vectors and how they are compared (defaults measured on KTLab)."""

    title_weight: float = 2.0
    entity_weight: float = 1.0
    bigrams: bool = True
    top_terms: int = 200
    index_terms: int = 15
    linkage: str = "complete"  # "average", "complete" or "single"
    half_life_hours: float | None = None

    def __post_init__(self) -> None:
        if self.linkage not in {"average", "complete", "single"}:
            raise ValueError(f"unknown linkage: {self.linkage}")
        if self.top_terms < 1 or self.index_terms < 1:
            raise ValueError("top_terms and index_terms must be positive")


# --- terms ----------------------------------------------------------------------------------

_SENTENCE_PUNCTUATION = frozenset(".!?…:;\"“”'‘’|•–—-")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_MIX = 0x9E3779B97F4A7C15


@lru_cache(maxsize=1 << 18)
def _hash(term: str) -> int:
    return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")


def entities(text: str) -> list[str]:
    """Folded names (runs of capitalised syllables) and numbers of two or more digits in ``text``.

    A sentence's first word is capitalised anyway, so it never belongs to a name ("Theo Hãng tin
    AFP, Đảng" gives ``hang``, ``afp`` and ``dang``); punctuation ends a name.
    """
    runs: list[str] = []
    numbers: list[str] = []
    for line in normalize_text(text).split("\n"):
        run: list[str] = []
        sentence_start = True
        for token in [*_TOKEN.findall(line), ""]:
            if token[:1].isupper():
                if not sentence_start:
                    run.append(token)
                sentence_start = False
                continue
            if run:
                runs.append(" ".join(run))
                run = []
            if _NUMBER.fullmatch(token):
                digits = token.replace(".", "").replace(",", "")
                if len(digits) >= 2:
                    numbers.append(digits)
            sentence_start = token in _SENTENCE_PUNCTUATION
    folded = fold_diacritics("\n".join(runs)).split("\n") if runs else []
    return folded + numbers


def _syllable_terms(text: str, *, bigrams: bool) -> dict[int, float]:
    """Hashed unigram (and bigram) terms of ``text`` → ``1 + log(count)``."""
    syllables = words(fold_diacritics(text))
    if not syllables:
        return {}
    hashes = np.fromiter((_hash(s) for s in syllables), dtype=np.uint64, count=len(syllables))
    if bigrams and hashes.size > 1:
        pairs = (hashes[:-1] * np.uint64(_MIX)) ^ hashes[1:]
        pairs ^= pairs >> np.uint64(31)
        hashes = np.concatenate([hashes, pairs * np.uint64(_MIX)])
    terms, counts = np.unique(hashes, return_counts=True)
    return dict(zip(terms.tolist(), (1.0 + np.log(counts)).tolist(), strict=True))


def term_weights(title: str, text: str, config: StoryConfig | None = None) -> dict[int, float]:
    """Hashed term → sublinear, title- and entity-weighted frequency of one article."""
    config = config or StoryConfig()
    counts = _syllable_terms(text, bigrams=config.bigrams)
    if title and config.title_weight:
        for term, weight in _syllable_terms(title, bigrams=config.bigrams).items():
            counts[term] = counts.get(term, 0.0) + config.title_weight * weight
    if config.entity_weight:
        names = Counter(entities(f"{title}\n{text}" if title else text))
        for name, count in names.items():
            term = _hash("\x00e:" + name)
            counts[term] = counts.get(term, 0.0) + config.entity_weight * (1.0 + math.log(count))
    return counts


class DocumentFrequencies:
    """How many documents contain each term; ``idf(term) = log((N + 1) / (df + 1))``.

    To bound memory over a long stream, when more than ``max_terms`` terms are counted the terms
    seen in one document only are forgotten (a forgotten term reads as never seen, which barely
    changes its IDF).
    """

    def __init__(self, max_terms: int = 4_000_000) -> None:
        self.documents = 0
        self.max_terms = max_terms
        self._df: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._df)

    def add(self, terms: Iterable[int]) -> None:
        """Count one document's (distinct) terms."""
        self.documents += 1
        df = self._df
        for term in terms:
            df[term] = df.get(term, 0) + 1
        if len(df) > self.max_terms:
            self._df = {term: count for term, count in df.items() if count > 1}

    def idf(self, term: int) -> float:
        """The inverse document frequency of ``term`` (0.0 for a term in every document)."""
        return math.log((self.documents + 1) / (self._df.get(term, 0) + 1))


@dataclass(frozen=True)
class Vector:
    """An article's top terms (sorted hashes) and their L2-normalised TF-IDF weights."""

    terms: Terms
    weights: Weights
    index_terms: tuple[int, ...]


def vectorise(
    counts: dict[int, float], frequencies: DocumentFrequencies, config: StoryConfig
) -> Vector:
    """The truncated, normalised TF-IDF vector of ``counts`` and its heaviest terms."""
    scored = [(tf * frequencies.idf(term), term) for term, tf in counts.items()]
    scored = [pair for pair in scored if pair[0] > 0.0]
    top = heapq.nlargest(config.top_terms, scored)
    if not top:
        return Vector(np.empty(0, np.uint64), np.empty(0, np.float32), ())
    index_terms = tuple(term for _, term in top[: config.index_terms])
    top.sort(key=lambda pair: pair[1])
    terms = np.fromiter((term for _, term in top), dtype=np.uint64, count=len(top))
    weights = np.fromiter((weight for weight, _ in top), dtype=np.float64, count=len(top))
    weights /= float(np.sqrt(np.dot(weights, weights)))
    return Vector(terms, weights.astype(np.float32), index_terms)


def cosine(a: Vector, b: Vector) -> float:
    """The cosine similarity of two vectors (0.0 when they share no term)."""
    if a.terms.size == 0 or b.terms.size == 0:
        return 0.0
    _, ia, ib = np.intersect1d(a.terms, b.terms, assume_unique=True, return_indices=True)
    if ia.size == 0:
        return 0.0
    return min(1.0, float(np.dot(a.weights[ia].astype(np.float64), b.weights[ib])))


# --- the index ------------------------------------------------------------------------------


@dataclass
class _Entry:
    id: str
    minute: int | None
    vector: Vector
    story: str
    alive: bool = True


@dataclass
class _Story:
    members: list[str] = field(default_factory=list)


class StoryIndex:
    """Articles of the last ``window_hours``, grouped into stories as they are added."""

    def __init__(
        self,
        window_hours: float = DEFAULT_WINDOW_HOURS,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        config: StoryConfig | None = None,
        frequencies: DocumentFrequencies | None = None,
        learn: bool = True,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        if window_hours <= 0:
            raise ValueError("window_hours must be positive")
        self.window_minutes = int(window_hours * 60)
        self.threshold = threshold
        self.config = config or StoryConfig()
        self.frequencies = frequencies if frequencies is not None else DocumentFrequencies()
        self.learn = learn
        self._entries: dict[str, _Entry] = {}
        self._stories: dict[str, _Story] = {}
        self._postings: dict[int, list[str]] = {}
        self._expiry: list[tuple[int, str]] = []
        self._newest: int | None = None
        self._comparisons = 0

    def __len__(self) -> int:
        """Articles still in the window."""
        return len(self._entries)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._entries

    @property
    def comparisons(self) -> int:
        """Cosine similarities computed so far (for benchmarks)."""
        return self._comparisons

    def observe(self, title: str, text: str) -> None:
        """Count a document's terms in the IDF without indexing it (seeding from an archive)."""
        self.frequencies.add(term_weights(title, text, self.config))

    def story_of(self, item_id: str) -> str:
        """The story of an article still in the window (KeyError otherwise)."""
        return self._entries[item_id].story

    def members(self, story_id: str) -> list[str]:
        """The members of a story still in the window, in order of addition."""
        story = self._stories.get(story_id)
        return list(story.members) if story else []

    def add(self, item: StoryItem) -> StoryAssignment:
        """Assign ``item`` to a story of the articles in its window (or a new one) and index it."""
        if item.id in self._entries:
            raise ValueError(f"item already indexed: {item.id}")
        counts = term_weights(item.title, item.text, self.config)
        if self.learn:
            self.frequencies.add(counts)
        return self.add_vector(
            item.id,
            publication_minute(item.published_at),
            vectorise(counts, self.frequencies, self.config),
        )

    def restore(self, item: StoryItem, story_id: str) -> None:
        """Index ``item`` under a story assigned earlier (rebuilding the window at start-up).

        Counts the item in the IDF when ``learn`` is set; no assignment is made, so stored story
        ids survive a restart.
        """
        if item.id in self._entries:
            raise ValueError(f"item already indexed: {item.id}")
        counts = term_weights(item.title, item.text, self.config)
        if self.learn:
            self.frequencies.add(counts)
        minute = publication_minute(item.published_at)
        if minute is not None and (self._newest is None or minute > self._newest):
            self._newest = minute
            self._expire()
        self._insert(item.id, minute, vectorise(counts, self.frequencies, self.config), story_id)

    def add_vector(self, item_id: str, minute: int | None, vector: Vector) -> StoryAssignment:
        """Assign and index an article given as a vector (``minute`` as ``publication_minute``)."""
        if item_id in self._entries:
            raise ValueError(f"item already indexed: {item_id}")
        if minute is not None and (self._newest is None or minute > self._newest):
            self._newest = minute
            self._expire()
        assignment = self._assign(minute, vector)
        story_id = assignment.story_id if assignment.nearest_id else f"s-{item_id}"
        assignment = StoryAssignment(story_id, assignment.similarity, assignment.nearest_id)
        self._insert(item_id, minute, vector, story_id)
        return assignment

    def _insert(self, item_id: str, minute: int | None, vector: Vector, story_id: str) -> None:
        self._entries[item_id] = _Entry(item_id, minute, vector, story_id)
        self._stories.setdefault(story_id, _Story()).members.append(item_id)
        for term in vector.index_terms:
            self._postings.setdefault(term, []).append(item_id)
        if minute is not None:
            heapq.heappush(self._expiry, (minute, item_id))

    def remove(self, item_id: str) -> None:
        """Forget an article (KeyError when it is not indexed); its story keeps its id."""
        entry = self._entries.pop(item_id)
        entry.alive = False
        story = self._stories[entry.story]
        story.members.remove(item_id)
        if not story.members:
            del self._stories[entry.story]
        for term in entry.vector.index_terms:
            posting = self._postings.get(term)
            if posting is not None:
                posting[:] = [other for other in posting if other != item_id]
                if not posting:
                    del self._postings[term]

    def _expire(self) -> None:
        assert self._newest is not None
        limit = self._newest - self.window_minutes
        while self._expiry and self._expiry[0][0] < limit:
            _, item_id = heapq.heappop(self._expiry)
            if item_id in self._entries:
                self.remove(item_id)

    def _in_window(self, minute: int | None, other: _Entry) -> bool:
        if minute is None or other.minute is None:
            return True
        return abs(minute - other.minute) <= self.window_minutes

    def _assign(self, minute: int | None, vector: Vector) -> StoryAssignment:
        candidates: set[str] = set()
        for term in vector.index_terms:
            candidates.update(self._postings.get(term, ()))
        sims: dict[str, float] = {}
        stories: set[str] = set()
        for other_id in candidates:
            other = self._entries[other_id]
            if not self._in_window(minute, other):
                continue
            sims[other_id] = self._similarity(minute, vector, other)
            stories.add(other.story)
        best: tuple[float, str, str, float] | None = None
        for story_id in sorted(stories):
            members = [
                m
                for m in self._stories[story_id].members
                if self._in_window(minute, self._entries[m])
            ]
            values = []
            for member in members:
                if member not in sims:
                    sims[member] = self._similarity(minute, vector, self._entries[member])
                values.append(sims[member])
            score = _linkage(values, self.config.linkage)
            if score < self.threshold:
                continue
            nearest = max(members, key=lambda m: (sims[m], m))
            if best is None or score > best[0]:
                best = (score, story_id, nearest, sims[nearest])
        if best is None:
            return StoryAssignment("", 0.0, None)
        return StoryAssignment(best[1], round(best[3], 4), best[2])

    def _similarity(self, minute: int | None, vector: Vector, other: _Entry) -> float:
        self._comparisons += 1
        value = cosine(vector, other.vector)
        half_life = self.config.half_life_hours
        if half_life and minute is not None and other.minute is not None:
            value *= 0.5 ** (abs(minute - other.minute) / 60 / half_life)
        return value


def _linkage(values: Sequence[float], linkage: str) -> float:
    if not values:
        return 0.0
    if linkage == "average":
        return sum(values) / len(values)
    if linkage == "complete":
        return min(values)
    return max(values)


def story_items(
    items: Iterable[StoryItem],
    *,
    window_hours: float = DEFAULT_WINDOW_HOURS,
    threshold: float = DEFAULT_THRESHOLD,
    config: StoryConfig | None = None,
    frequencies: DocumentFrequencies | None = None,
) -> list[StoryAssignment]:
    """One :class:`StoryAssignment` per item, in input order; depends only on the set of items.

    IDF comes from ``frequencies`` (seeded from an archive) plus every item of the batch; items
    are then assigned in publication order (undated last, ties by id). A story is named after its
    first member in that order, which is its original (earliest publication).
    """
    items = list(items)
    config = config or StoryConfig()
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"duplicate item id: {item.id}")
        seen.add(item.id)
    frequencies = frequencies if frequencies is not None else DocumentFrequencies()
    counts = {item.id: term_weights(item.title, item.text, config) for item in items}
    for item in items:
        frequencies.add(counts[item.id])
    index = StoryIndex(window_hours, threshold, config=config, frequencies=frequencies, learn=False)
    ordered = sorted(items, key=lambda item: original_key(_Dated(item)))
    assigned: dict[str, StoryAssignment] = {}
    for item in ordered:
        vector = vectorise(counts[item.id], frequencies, config)
        assigned[item.id] = index.add_vector(item.id, publication_minute(item.published_at), vector)
    return [assigned[item.id] for item in items]


@dataclass(frozen=True)
class _Dated:
    item: StoryItem
    licensed_press: bool = False

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def published_at(self) -> datetime.datetime | None:
        return self.item.published_at
