"""Keeping the search documents up to date: call these after an article's text changes.

Writing a ``SearchDocument`` row is all it takes: on SQLite triggers copy it into the FTS5 table,
on PostgreSQL the generated tsvector columns follow the row. Articles with neither a title nor
text are not indexed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import transaction
from django.utils import timezone

from core.text import normalize_text
from monitoring.models import Article, SearchDocument
from monitoring.search.backend import get_backend
from monitoring.search.query import index_key_pair

BATCH_SIZE = 500
_UPDATED = [f.name for f in SearchDocument._meta.concrete_fields if not f.primary_key]


def build_document(article: Article) -> SearchDocument | None:
    """The unsaved search document of ``article`` (None when there is nothing to search)."""
    title = normalize_text(article.title or article.feed_title)
    body = normalize_text(article.text)
    if not title and not body:
        return None
    source = article.source
    agency = source.press_agency
    title_key, title_folded = index_key_pair(title)
    body_key, body_folded = index_key_pair(body)
    return SearchDocument(
        article_id=article.pk,
        source_id=source.pk,
        source_kind=source.kind,
        outlet_name=agency.name if agency is not None else source.name,
        outlet_level=agency.level if agency is not None else "",
        published_at=article.published_at or article.discovered_at,
        title=title,
        body=body,
        title_key=title_key,
        body_key=body_key,
        title_folded=title_folded,
        body_folded=body_folded,
        indexed_at=timezone.now(),
    )


def index_article(article: Article) -> bool:
    """Index (or re-index) one article; True when it is now searchable."""
    document = build_document(article)
    if document is None:
        remove_article(article.pk)
        return False
    # one statement, new or not (an upsert; on SQLite the FTS triggers follow it)
    SearchDocument.objects.bulk_create(
        [document], update_conflicts=True, unique_fields=["article"], update_fields=_UPDATED
    )
    return True


def _batches(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    iterator = iter(ids)
    while batch := list(islice(iterator, size)):
        yield batch


def index_articles(ids: Iterable[int], *, batch_size: int = BATCH_SIZE) -> int:
    """Index (or re-index) the articles with these ids, in batches; the number indexed."""
    indexed = 0
    for batch in _batches(ids, batch_size):
        articles = (
            Article.objects.filter(pk__in=batch).select_related("source__press_agency").order_by()
        )
        documents = [d for d in map(build_document, articles) if d is not None]
        with transaction.atomic():
            SearchDocument.objects.filter(pk__in=batch).delete()
            SearchDocument.objects.bulk_create(documents)
        indexed += len(documents)
    return indexed


def remove_article(article_id: int) -> None:
    """Take an article out of the index (deleting the article does this by itself)."""
    SearchDocument.objects.filter(pk=article_id).delete()


def rebuild_index() -> None:
    """Make the database's full-text index agree with the search documents again."""
    get_backend().rebuild()
