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

from typing import ClassVar

from django.db import connection, transaction

from monitoring.search.backend import register_backend
from monitoring.search.common import TABLE, SqlParams, build_result, filter_sql, run_ranked
from monitoring.search.query import ParsedQuery, Term, parse_query
from monitoring.search.types import MatchMode, SearchQuery, SearchResult

#: ts_rank_cd weights of D, C, B (body) and A (title): the title counts ten times the body.
WEIGHTS = "'{0.1, 0.1, 0.1, 1.0}'::float4[]"
#: Divide the rank by 1 + log(document length), as BM25 discounts long documents.
NORMALIZATION = 1


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
        score = f"ts_rank_cd({WEIGHTS}, {vector}, q.query, {NORMALIZATION})"
        matches_sql = (
            f"SELECT d.article_id, {score} AS score"
            f" FROM {TABLE} AS d, to_tsquery('simple', %s) AS q(query)"
            f" WHERE {vector} @@ q.query" + (f" AND {filters}" if filters else "")
        )
        params: SqlParams = [tsquery_text(parsed, query.match), *filter_params]
        with transaction.atomic():
            # JIT compilation costs more than it saves on these scans (measured: about 1 s of
            # 2.3 s on 200,000 articles); off for this transaction only.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
            ranked, total = run_ranked(matches_sql, params, query)
        return build_result(ranked, total, parsed)

    def rebuild(self) -> None:
        """Nothing to do: generated columns always agree with their row."""

    def optimize(self) -> None:
        # VACUUM also merges the GIN pending lists; it cannot run inside a transaction.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {TABLE}")
