"""Searching the archive with a topic query: the same articles percolation would have matched.

The query's pre-filter (alternatives of words that must all occur) narrows the candidates through
the full-text index (``monitoring.search``, accent-insensitive, so it only ever finds more); each
candidate is then matched exactly with :func:`analysis.documents.document_for`, the function the
percolation path uses. A query without a pre-filter is matched against every article.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from analysis.documents import document_for
from analysis.engine.query import Query, QueryError, parse_query
from analysis.engine.query.keys import WORD
from core.text import fold_diacritics
from monitoring.models import Article
from monitoring.search import MatchMode, SearchQuery, search
from monitoring.search.common import MAX_LIMIT

BATCH = 500
#: The archive is scanned newest first in pages of this many articles when there is no filter.
SCAN_BATCH = 1000


@dataclass(frozen=True, slots=True)
class QueryProblem:
    """A query that does not parse: where (0-based character) and why (translated)."""

    position: int
    text: str
    code: str


#: Error codes of the query engine → translated messages (the engine's English templates are
#: the msgids; see analysis.engine.query.errors.MESSAGES).
def _translated(error: QueryError) -> str:
    template: str | Promise = _(error.template)
    try:
        return str(template) % error.params if error.params else str(template)
    except (KeyError, TypeError, ValueError):
        return error.message


def check_query(text: str, *, accent_insensitive: bool) -> QueryProblem | None:
    try:
        parse_query(text, accent_insensitive=accent_insensitive)
    except QueryError as error:
        return QueryProblem(error.position, _translated(error), error.code)
    return None


def _search_words(tokens: Sequence[str]) -> str:
    """Pre-filter tokens as accent-insensitive search words (a superset of any accent mode)."""
    found: list[str] = []
    for token in tokens:
        found.extend(WORD.findall(fold_diacritics(token.lower())))
    return " ".join(dict.fromkeys(w for w in found if w))


def _index_candidates(words: str) -> Iterator[int]:
    """Ids of the indexed articles containing every word (all pages of the search)."""
    offset = 0
    while True:
        result = search(
            SearchQuery(words, limit=MAX_LIMIT, offset=offset, match=MatchMode.ALL)
        )
        for hit in result.hits:
            yield hit.article_id
        offset += MAX_LIMIT
        if offset >= result.total or not result.hits:
            return


def candidate_ids(query: Query) -> list[int] | None:
    """Articles that may match (None: every article may)."""
    alternatives = query.prefilter()
    if alternatives is None:
        return None
    ids: set[int] = set()
    for tokens in alternatives:
        words = _search_words(tokens)
        if not words:
            return None  # an alternative that requires nothing: no narrowing possible
        ids.update(_index_candidates(words))
    return sorted(ids, reverse=True)


def _articles(ids: Sequence[int] | None) -> Iterator[Article]:
    base = Article.objects.select_related("source__press_agency").order_by("-pk")
    if ids is None:
        last = None
        while True:
            page = base if last is None else base.filter(pk__lt=last)
            batch = list(page[:SCAN_BATCH])
            yield from batch
            if len(batch) < SCAN_BATCH:
                return
            last = batch[-1].pk
    for start in range(0, len(ids), BATCH):
        yield from base.filter(pk__in=ids[start : start + BATCH])


def matching_ids(query: Query, *, limit: int | None = None) -> list[int]:
    """Ids of the archived articles the query matches, newest (largest id) first."""
    found: list[int] = []
    for article in _articles(candidate_ids(query)):
        if query.matches(document_for(article)):
            found.append(article.pk)
            if limit is not None and len(found) >= limit:
                break
    return found


def search_topic(text: str, *, accent_insensitive: bool, limit: int | None = None) -> list[int]:
    """Parse ``text`` and search the archive (raises ``QueryError``)."""
    return matching_ids(parse_query(text, accent_insensitive=accent_insensitive), limit=limit)
