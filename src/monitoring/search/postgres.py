"""PostgreSQL backend: generated tsvector columns with GIN indexes, ranked with ``ts_rank_cd``.

``search_exact`` and ``search_folded`` (migration ``0002_search``) are
``setweight(to_tsvector('simple', title…), 'A') || setweight(to_tsvector('simple', body…), 'B')``
over the key columns. The tsquery is built here from quoted lexemes (keys hold only letters and
digits, and quotes and backslashes are escaped anyway) and parsed by ``to_tsquery('simple', …)``
as a bound parameter; the user's text never reaches it. A phrase must lie within the title or
within the body (``'a':A <-> 'b':A | 'a':B <-> 'b':B``), as FTS5 columns behave, and does not run
across the end of the title into the body.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from django.db import connection, transaction

from monitoring.search.backend import register_backend
from monitoring.search.common import (
    ORDER,
    TABLE,
    SqlParams,
    build_result,
    filter_sql,
    page_bounds,
)
from monitoring.search.query import ParsedQuery, Term, parse_query
from monitoring.search.types import MatchMode, SearchQuery, SearchResult

#: ts_rank_cd weights of D, C, B (body) and A (title): the title counts ten times the body.
WEIGHTS = "'{0.1, 0.1, 0.1, 1.0}'::float4[]"
#: Divide the rank by 1 + log(document length), as BM25 discounts long documents.
NORMALIZATION = 1
#: A query matching more articles than this ranks the most recent ones only: ranking reads each
#: matching article's vector (about 4 µs each: 0.8 s for 185,000 matches of 200,000). Cision's
#: coverage search stops at 5,000 results; here the total stays exact and every match is counted.
RANK_WINDOW = 5000


def _score(vector: str, tsquery: str = "q.query") -> str:
    return f"ts_rank_cd({WEIGHTS}, {vector}, {tsquery}, {NORMALIZATION})"


def _lexeme(key: str, weight: str = "") -> str:
    escaped = key.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'" + (f":{weight}" if weight else "")


def _term(term: Term) -> str:
    if not term.is_phrase:
        return _lexeme(term.keys[0])
    within = [" <-> ".join(_lexeme(k, weight) for k in term.keys) for weight in "AB"]
    return "(" + " | ".join(f"({phrase})" for phrase in within) + ")"


def tsquery_text(parsed: ParsedQuery, mode: MatchMode = MatchMode.ALL) -> str:
    """The text given to ``to_tsquery('simple', …)``: quoted lexemes and operators only."""
    joiner = " | " if mode is MatchMode.ANY else " & "
    return joiner.join(_term(term) for term in parsed.terms)


@register_backend("postgresql")
class PostgresBackend:
    vendor: ClassVar[str] = "postgresql"

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse_query(query.text)
        if parsed.is_empty:
            return SearchResult(hits=(), total=0, folded=parsed.folded)
        vector = "d.search_folded" if parsed.folded else "d.search_exact"
        filters, filter_params = filter_sql(query)
        matching = (
            f"FROM {TABLE} AS d, to_tsquery('simple', %s) AS q(query) WHERE {vector} @@ q.query"
            + (f" AND {filters}" if filters else "")
        )
        params: SqlParams = [tsquery_text(parsed, query.match), *filter_params]
        limit, offset = page_bounds(query)
        with transaction.atomic(), connection.cursor() as cursor:
            # JIT compilation costs more than it saves on these scans (measured: about 1 s of
            # 2.3 s on 200,000 articles); off for this transaction only.
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(f"SELECT count(*) {matching}", params)
            total = int(cursor.fetchone()[0])
            window = max(RANK_WINDOW, offset + limit)
            if total == 0 or limit == 0:
                ranked: list[tuple[int, float]] = []
            elif total <= window:
                cursor.execute(
                    f"SELECT d.article_id, {_score(vector)} AS score {matching}"
                    f" ORDER BY {ORDER} LIMIT %s OFFSET %s",
                    [*params, limit, offset],
                )
                ranked = [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
            else:  # rank the newest matches only: reading every matching vector takes seconds
                # (the window holds ids only, found through the published_at index; the
                # vectors of those 5,000 are then read by primary key)
                cursor.execute(
                    f"SELECT d.article_id, {_score(vector)} AS score"
                    f" FROM (SELECT d.article_id {matching} ORDER BY d.published_at DESC LIMIT %s)"
                    f" AS w JOIN {TABLE} AS d ON d.article_id = w.article_id,"
                    " to_tsquery('simple', %s) AS q(query)"
                    f" ORDER BY {ORDER} LIMIT %s OFFSET %s",
                    [*params, window, params[0], limit, offset],
                )
                ranked = [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
        result = build_result(ranked, total, parsed)
        return dataclasses.replace(result, ranked_among=window) if total > window else result

    def rebuild(self) -> None:
        """Nothing to do: generated columns always agree with their row."""

    def optimize(self) -> None:
        # VACUUM also merges the GIN pending lists; it cannot run inside a transaction.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {TABLE}")
