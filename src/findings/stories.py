"""The process-level story index: every checked article is assigned to a story and stored.

Each worker process keeps one :class:`~findings.engine.stories.StoryIndex`. At first use it is
rebuilt: the IDF is seeded with a bounded sample (``SEED_ARTICLES``, newest first) of archive
articles published before the window (the ``WINDOW_HOURS`` before the newest stored member, or
before the newest article when none is stored yet), then the stored members of the window are
restored in publication order under their stored story keys, so keys survive a restart. Before
every use the index takes in the rows other processes stored since (rows with a higher primary
key).

An article keeps its story key for good: checking it again (same or edited text) never moves it.
A copy (a member of a copy cluster whose other members already have a story) joins their story,
so a story always holds its copies.
"""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from findings.clustering import as_member, published
from findings.engine.clusters import original_key
from findings.engine.stories import (
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_HOURS,
    StoryIndex,
    StoryItem,
    cosine,
    term_weights,
    vectorise,
)
from findings.models import ClusterMember, Story, StoryCluster, StoryMember
from findings.subjects import SOURCE_RELATED
from monitoring.choices import ArticleStatus
from monitoring.models import Article

WINDOW_HOURS = DEFAULT_WINDOW_HOURS
THRESHOLD = DEFAULT_THRESHOLD
#: Archive articles whose words seed the IDF when a process builds its index.
SEED_ARTICLES = 2000


@dataclass
class _State:
    index: StoryIndex
    last_pk: int = 0
    row_of: dict[str, int] = field(default_factory=dict)  # article id → StoryMember pk indexed


_lock = threading.RLock()
_state: _State | None = None


def reset() -> None:
    """Forget the in-process index (tests; the next use rebuilds it from the database)."""
    global _state
    with _lock:
        _state = None


def item_of(article: Article) -> StoryItem:
    return StoryItem(str(article.pk), article.title, article.text, published(article))


def _articles(ids: Iterable[int]) -> dict[int, Article]:
    fields = ("pk", "title", "text", "published_at", "discovered_at")
    return {a.pk: a for a in Article.objects.filter(pk__in=list(ids)).only(*fields)}


def _restore(state: _State, rows: list[tuple[int, int, str]]) -> None:
    """Index ``(row pk, article id, story key)`` rows, in the given order."""
    articles = _articles(article_id for _, article_id, _ in rows)
    for pk, article_id, story_key in rows:
        key = str(article_id)
        article = articles.get(article_id)
        state.last_pk = max(state.last_pk, pk)
        if article is None or state.row_of.get(key) == pk:
            continue
        if key in state.index:
            state.index.remove(key)
        state.index.restore(item_of(article), story_key)
        state.row_of[key] = pk


def _build() -> _State:
    state = _State(StoryIndex(WINDOW_HOURS, THRESHOLD))
    archive = Article.objects.filter(status=ArticleStatus.EXTRACTED, duplicate_of__isnull=True)
    newest = StoryMember.objects.aggregate(newest=Max("published_at"))["newest"]
    if newest is None:  # nothing assigned yet: the window ends at the newest article
        newest = archive.aggregate(newest=Max("published_at"))["newest"]
    start = newest - datetime.timedelta(hours=WINDOW_HOURS) if newest else None
    if start is not None:
        archive = archive.filter(
            Q(published_at__lt=start) | Q(published_at__isnull=True, discovered_at__lt=start)
        )
    sample = archive.exclude(text="").order_by("-pk").values_list("title", "text")
    for title, text in sample[:SEED_ARTICLES].iterator(chunk_size=200):
        state.index.observe(title, text)
    if start is not None:
        window = StoryMember.objects.filter(published_at__gte=start).order_by("published_at", "pk")
        _restore(state, list(window.values_list("pk", "article_id", "story_key")))
    state.last_pk = max(state.last_pk, StoryMember.objects.aggregate(m=Max("pk"))["m"] or 0)
    return state


def _sync() -> _State:
    global _state
    if _state is None:
        _state = _build()
        return _state
    state = _state
    rows = StoryMember.objects.filter(pk__gt=state.last_pk).order_by("published_at", "pk")
    _restore(state, list(rows.values_list("pk", "article_id", "story_key")))
    return state


@dataclass(frozen=True)
class _Choice:
    story_key: str
    similarity: float
    nearest_id: int | None


def _cluster_story(article: Article, state: _State) -> _Choice | None:
    """The story of the article's copy cluster, if another member already has one."""
    cluster_id = (
        ClusterMember.objects.filter(article_id=article.pk).values_list("cluster_id", flat=True)
    ).first()
    if cluster_id is None:
        return None
    others = (
        StoryMember.objects.filter(article__cluster_member__cluster_id=cluster_id)
        .exclude(article_id=article.pk)
        .order_by("-article__cluster_member__is_original", "published_at", "pk")
        .values_list("article_id", "story_key")
        .first()
    )
    if others is None:
        return None
    nearest_id, story_key = others
    nearest = _articles([nearest_id]).get(nearest_id)
    similarity = 0.0
    if nearest is not None:
        index = state.index
        own = vectorise(
            term_weights(article.title, article.text, index.config), index.frequencies, index.config
        )
        other = vectorise(
            term_weights(nearest.title, nearest.text, index.config), index.frequencies, index.config
        )
        similarity = round(cosine(own, other), 4)
    return _Choice(story_key, similarity, nearest_id)


def assign(article: Article) -> StoryMember:
    """The story of ``article``: its stored one, else the story its copy cluster or the index
    gives it (stored, and the story's figures measured)."""
    key = str(article.pk)
    item = item_of(article)
    with _lock:
        state = _sync()
        stored = StoryMember.objects.filter(article_id=article.pk).first()
        if stored is not None:
            if stored.content_hash != article.content_hash:
                stored = _rewrite(stored, article)
            if state.row_of.get(key) != stored.pk:
                if key in state.index:
                    state.index.remove(key)
                state.index.restore(item, stored.story_key)
                state.row_of[key] = stored.pk
            return stored
        if key in state.index:  # indexed by a run whose transaction did not commit
            state.index.remove(key)
        choice = _cluster_story(article, state)
        if choice is not None:
            state.index.restore(item, choice.story_key)
        else:
            found = state.index.add(item)
            nearest = int(found.nearest_id) if found.nearest_id else None
            choice = _Choice(found.story_id, found.similarity, nearest)
        nearest_id = choice.nearest_id
        if nearest_id is not None and not Article.objects.filter(pk=nearest_id).exists():
            nearest_id = None
        try:
            with transaction.atomic():
                row = StoryMember.objects.create(
                    article_id=article.pk,
                    story_key=choice.story_key,
                    similarity=choice.similarity,
                    nearest_id=nearest_id,
                    published_at=published(article),
                    content_hash=article.content_hash,
                )
        except IntegrityError:  # another process stored it meanwhile: its key wins
            row = StoryMember.objects.get(article_id=article.pk)
            state.index.remove(key)
            state.index.restore(item, row.story_key)
        state.row_of[key] = row.pk
    measure(row.story_key)
    row.refresh_from_db()
    return row


def _rewrite(stored: StoryMember, article: Article) -> StoryMember:
    """A changed text keeps its story; the row is written anew so other processes re-index it."""
    with transaction.atomic():
        StoryMember.objects.filter(pk=stored.pk).delete()
        stored.pk = None
        stored.content_hash = article.content_hash
        stored.published_at = published(article)
        stored.save(force_insert=True)
    return stored


def measure(story_key: str) -> Story | None:
    """The original (earliest publication, licensed press first on a tie), size, outlets and copy
    clusters of a story; each member's ``is_original`` and outlet."""
    rows = {
        row.article_id: row
        for row in StoryMember.objects.filter(story_key=story_key).select_related(
            *(f"article__{name}" for name in SOURCE_RELATED)
        )
    }
    if not rows:
        Story.objects.filter(key=story_key).delete()
        return None
    found = sorted(
        (as_member(row.article) for row in rows.values()), key=lambda m: original_key(m.item)
    )
    original = found[0]
    for member in found:
        row = rows[member.article.pk]
        is_original = member is original
        outlet = member.subject.outlet[:250]
        if row.is_original != is_original or row.outlet != outlet:
            StoryMember.objects.filter(pk=row.pk).update(is_original=is_original, outlet=outlet)
    moments = [published(m.article) for m in found]
    clusters = set(
        ClusterMember.objects.filter(article_id__in=rows).values_list("cluster_id", flat=True)
    )
    story, _ = Story.objects.update_or_create(
        key=story_key,
        defaults={
            "original": original.article,
            "first_seen": min(moments),
            "last_seen": max(moments),
            "size": len(found),
            "outlets": len(Counter(m.subject.key for m in found)),
            "clusters": len(clusters),
        },
    )
    return story


def story_of(article_id: int) -> Story | None:
    key = StoryMember.objects.filter(article_id=article_id).values_list("story_key", flat=True)
    return Story.objects.filter(key__in=key).first()


def related_articles(article_id: int) -> tuple[set[int], str, StoryCluster | None]:
    """The articles told as one with ``article_id`` (its story's and its copy cluster's members,
    itself included), its story key and its copy cluster."""
    ids = {article_id}
    story_key = (
        StoryMember.objects.filter(article_id=article_id)
        .values_list("story_key", flat=True)
        .first()
    ) or ""
    if story_key:
        ids.update(
            StoryMember.objects.filter(story_key=story_key).values_list("article_id", flat=True)
        )
    membership = (
        ClusterMember.objects.filter(article_id=article_id).select_related("cluster").first()
    )
    cluster = membership.cluster if membership else None
    if cluster is not None:
        ids.update(cluster.members.values_list("article_id", flat=True))
    return ids, story_key, cluster
