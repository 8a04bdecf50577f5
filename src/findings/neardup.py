"""The process-level near-duplicate index, rebuilt lazily from stored signatures.

Each worker process keeps one :class:`~findings.engine.dedup.NearDuplicateIndex` holding only
signatures (verification loads the other article's text, so similarities are exact). Before every
use the index takes in the signatures other processes stored since (rows with a higher primary
key); a changed text is stored as a new row, so it replaces the old signature everywhere.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from findings.engine import minhash
from findings.engine.dedup import Item, Match, NearDuplicateIndex
from findings.engine.shingles import overlap, shingle_set
from findings.models import ArticleSignature
from monitoring.models import Article

#: ``max(jaccard, containment)`` from which two texts tell the same story.
THRESHOLD = 0.5


def _load_text(article_id: str) -> str | None:
    return Article.objects.filter(pk=int(article_id)).values_list("text", flat=True).first()


@dataclass
class _State:
    index: NearDuplicateIndex
    last_pk: int = 0
    row_of: dict[str, int] = field(default_factory=dict)  # article id → signature row pk


_lock = threading.RLock()
_state: _State | None = None


def _new_state() -> _State:
    return _State(NearDuplicateIndex(THRESHOLD, keep_shingles=False, text_loader=_load_text))


def reset() -> None:
    """Forget the in-process index (tests; the next use rebuilds it from the database)."""
    global _state
    with _lock:
        _state = None


def _sync() -> _State:
    global _state
    if _state is None:
        _state = _new_state()
    state = _state
    rows = ArticleSignature.objects.filter(pk__gt=state.last_pk).order_by("pk")
    for pk, article_id, signature, count in rows.values_list(
        "pk", "article_id", "signature", "shingle_count"
    ).iterator():
        key = str(article_id)
        if state.row_of.get(key) != pk:
            if key in state.index:
                state.index.remove(key)
            state.index.add_signature(key, bytes(signature), count)
            state.row_of[key] = pk
        state.last_pk = max(state.last_pk, pk)
    return state


def _existing(state: _State, matches: list[Match]) -> list[Match]:
    """Matches whose article still exists; the others (deleted articles, or a transaction that
    was rolled back after they were indexed) leave the index."""
    ids = {int(match.id) for match in matches}
    alive = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
    for gone in ids - alive:
        if str(gone) in state.index:
            state.index.remove(str(gone))
        state.row_of.pop(str(gone), None)
    return [match for match in matches if int(match.id) in alive]


def add(article: Article) -> list[Match]:
    """Index ``article`` (again, if its text changed) and return its near-duplicates."""
    key = str(article.pk)
    item = Item(key, article.text)
    with _lock:
        state = _sync()
        stored = ArticleSignature.objects.filter(article_id=article.pk).first()
        if (
            stored is not None
            and stored.content_hash == article.content_hash
            and key in state.index
        ):
            return _existing(state, state.index.query(item))
        fingerprint = state.index.fingerprint(article.text)
        if key in state.index:
            state.index.remove(key)
        matches = state.index.add(item)
        ArticleSignature.objects.filter(article_id=article.pk).delete()
        row = ArticleSignature.objects.create(
            article_id=article.pk,
            signature=minhash.to_bytes(fingerprint.signature),
            shingle_count=fingerprint.shingle_count,
            content_hash=article.content_hash,
        )
        state.row_of[key] = row.pk
        return _existing(state, matches)


def similarity(text_a: str, text_b: str) -> tuple[float, float, float]:
    """``(similarity, jaccard, containment)`` of two texts, exactly."""
    jaccard, containment = overlap(shingle_set(text_a), shingle_set(text_b))
    return round(max(jaccard, containment), 4), round(jaccard, 4), round(containment, 4)
