"""Full-text search over articles: one interface, a backend per database.

SQLite uses an FTS5 table ranked by ``bm25()``; PostgreSQL uses generated tsvector columns with
GIN indexes ranked by ``ts_rank_cd``. Both search the same matching keys (``query.py``), so
phrases, accent-insensitive queries (no diacritics in the query) and both tone-mark placements
behave alike, and both return hits with the same highlighted snippets (``snippets.py``).

    from monitoring.search import SearchQuery, search
    result = search(SearchQuery("dak nong", source_kinds=("feed",), limit=20))

Index with :func:`index_article` / :func:`index_articles` after an article's text changes.
"""

from __future__ import annotations

from monitoring.search import postgres, sqlite_fts5
from monitoring.search.backend import (
    BACKENDS,
    SearchBackend,
    SearchUnavailableError,
    get_backend,
    register_backend,
)
from monitoring.search.indexing import (
    build_document,
    index_article,
    index_articles,
    rebuild_index,
    remove_article,
)
from monitoring.search.query import ParsedQuery, Term, has_diacritics, parse_query
from monitoring.search.types import MatchMode, SearchHit, SearchQuery, SearchResult

__all__ = [
    "BACKENDS",
    "MatchMode",
    "ParsedQuery",
    "SearchBackend",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "SearchUnavailableError",
    "Term",
    "build_document",
    "get_backend",
    "has_diacritics",
    "index_article",
    "index_articles",
    "parse_query",
    "postgres",
    "rebuild_index",
    "register_backend",
    "remove_article",
    "search",
    "sqlite_fts5",
]


def search(query: SearchQuery) -> SearchResult:
    """Run ``query`` on the backend of the database in use."""
    return get_backend().search(query)
