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
from core.text import normalize_text
from monitoring.models import Article
from monitoring.search import MatchMode, SearchQuery, search
from monitoring.search import query as search_query
from monitoring.search.common import MAX_LIMIT

BATCH = 500
_VOWELS = frozenset("aăâeêioôơuưy")
_TONE_MARKS = {"1": "\u0301", "2": "\u0300", "3": "\u0309", "4": "\u0303", "5": "\u0323"}
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


def search_word(key: str, *, folded: bool) -> str | None:
    """A word the search backend turns into exactly ``key`` (None when there is none).

    Pre-filter keys are spelt as the archive index spells them. Folded keys are plain words
    (searched accent-insensitively). Exact keys carry the tone as a final digit 1–5 (``hoa2``),
    turned back into its combining mark (``hoà``). Each word is checked through the index's own
    key functions; a key that cannot be written as a word is left out, which only widens the
    filter (the exact match decides)."""
    if folded:
        ok = search_query.folded_key(key) == key and not search_query.has_diacritics(key)
        return key if ok else None
    candidates = [key]
    toned = _with_tone_mark(key)
    if toned is not None:
        candidates.insert(0, toned)
    for word in candidates:
        text = normalize_text(word)
        if [search_query.exact_key(w) for w in search_query.TOKEN.findall(text)] == [key]:
            return text
    return None


def _with_tone_mark(key: str) -> str | None:
    """``hoc5`` → ``học``: the final tone digit as a mark on the syllable's last vowel."""
    if len(key) < 2 or key[-1] not in _TONE_MARKS:
        return None
    letters = key[:-1]
    vowel = max((i for i, c in enumerate(letters) if c in _VOWELS), default=-1)
    if vowel < 0:
        return None
    return letters[: vowel + 1] + _TONE_MARKS[key[-1]] + letters[vowel + 1 :]


def search_text(keys: Sequence[str], *, folded: bool) -> str:
    """The search text requiring every key that can be written (a superset filter).

    Text without any diacritic is searched accent-insensitively by the backend, which finds a
    superset of the exact-key matches, so the filter stays safe in either mode."""
    found = [w for w in (search_word(k, folded=folded) for k in keys) if w]
    return " ".join(dict.fromkeys(found))


def _index_candidates(words: str) -> Iterator[int]:
    """Ids of the indexed articles containing every word (all pages of the search)."""
    offset = 0
    while True:
        result = search(SearchQuery(words, limit=MAX_LIMIT, offset=offset, match=MatchMode.ALL))
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
        words = search_text(tokens, folded=query.accent_insensitive)
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
