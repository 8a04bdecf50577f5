"""SQLite backend: the FTS5 table ``monitoring_searchdocument_fts`` ranked with ``bm25()``.

The FTS5 table is an external-content index of ``monitoring_searchdocument`` kept in sync by
triggers (migration ``0002_search``). Its four columns hold the exact keys and the folded keys of
title and body; a query searches one pair through a column filter, with the title weighted ten
times the body. The MATCH expression is built only from keys (letters and digits), each phrase
in double quotes, so nothing the user typed can change its syntax.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import connection

from monitoring.search.backend import register_backend
from monitoring.search.common import TABLE, SqlParams, build_result, filter_sql, run_ranked
from monitoring.search.query import ParsedQuery, parse_query
from monitoring.search.types import MatchMode, SearchQuery, SearchResult

FTS = "monitoring_searchdocument_fts"
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0


def _quote(keys: tuple[str, ...]) -> str:
    return '"' + " ".join(keys).replace('"', '""') + '"'


def match_expression(parsed: ParsedQuery, mode: MatchMode = MatchMode.ALL) -> str:
    """The FTS5 MATCH text: every term a quoted phrase, restricted to the mode's columns."""
    columns = "title_folded body_folded" if parsed.folded else "title_key body_key"
    joiner = " OR " if mode is MatchMode.ANY else " AND "
    return "{" + columns + "} : (" + joiner.join(_quote(t.keys) for t in parsed.terms) + ")"


def _weights(parsed: ParsedQuery) -> str:
    exact = (TITLE_WEIGHT, BODY_WEIGHT, 0.0, 0.0)
    weights = exact[2:] + exact[:2] if parsed.folded else exact
    return ", ".join(str(w) for w in weights)


@register_backend("sqlite")
class Fts5Backend:
    vendor: ClassVar[str] = "sqlite"

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse_query(query.text)
        if parsed.is_empty:
            return SearchResult(hits=(), total=0, folded=parsed.folded)
        filters, filter_params = filter_sql(query)
        # with filters, each match looks its filter columns up in a covering index (0002_search)
        join = f" JOIN {TABLE} AS d ON d.article_id = {FTS}.rowid" if filters else ""
        matches_sql = (
            f"SELECT {FTS}.rowid AS article_id, -bm25({FTS}, {_weights(parsed)}) AS score"
            f" FROM {FTS}{join} WHERE {FTS} MATCH %s" + (f" AND {filters}" if filters else "")
        )
        params: SqlParams = [match_expression(parsed, query.match), *filter_params]
        ranked, total = run_ranked(matches_sql, params, query)
        return build_result(ranked, total, parsed)

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")
            cursor.execute("ANALYZE")
