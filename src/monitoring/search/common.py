"""What both backends share: the filter SQL, running the ranked query, and building the hits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone

from monitoring.models import SearchDocument
from monitoring.search.query import ParsedQuery
from monitoring.search.snippets import build_snippet, highlight
from monitoring.search.types import SearchHit, SearchQuery, SearchResult

TABLE = "monitoring_searchdocument"
#: Best first; equal scores put the later article (larger id) first.
ORDER = "score DESC, article_id DESC"
MAX_LIMIT = 200
#: Parameters of a raw SQL statement (values the database adapter accepts).
SqlParams = list[Any]


def _day_start(day: date) -> Any:
    moment = datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())
    return connection.ops.adapt_datetimefield_value(moment)


def _in(column: str, values: Sequence[Any], clauses: list[str], params: SqlParams) -> None:
    if values:
        clauses.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
        params.extend(values)


def filter_sql(query: SearchQuery) -> tuple[str, SqlParams]:
    """Conditions joined by AND on the document (alias ``d``), or ``""`` when no filter."""
    clauses: list[str] = []
    params: SqlParams = []
    if query.date_from is not None:
        clauses.append("d.published_at >= %s")
        params.append(_day_start(query.date_from))
    if query.date_to is not None:
        clauses.append("d.published_at < %s")
        params.append(_day_start(query.date_to + timedelta(days=1)))
    _in("d.source_id", [int(i) for i in query.source_ids], clauses, params)
    _in("d.source_kind", list(query.source_kinds), clauses, params)
    _in("d.outlet_level", list(query.outlet_levels), clauses, params)
    return " AND ".join(clauses), params


def page_bounds(query: SearchQuery) -> tuple[int, int]:
    return max(0, min(query.limit, MAX_LIMIT)), max(0, query.offset)


def run_ranked(
    matches_sql: str, params: SqlParams, query: SearchQuery
) -> tuple[list[tuple[int, float]], int]:
    """The page of (article_id, score) and the total, from ``matches_sql``: a SELECT of
    ``article_id, score`` for every matching document.

    One query gives both (``count(*) OVER ()``); only a page past the end needs a second one.
    The ranking function stays in the inner query, next to the full-text scan it belongs to.
    """
    limit, offset = page_bounds(query)
    select_sql = (
        f"SELECT article_id, score, count(*) OVER () AS total FROM ({matches_sql}) AS m"
        f" ORDER BY {ORDER} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(select_sql, [*params, limit, offset])
        rows = cursor.fetchall()
        if rows:
            return [(int(row[0]), float(row[1])) for row in rows], int(rows[0][2])
        if offset == 0 and limit > 0:
            return [], 0  # nothing matches at all
        cursor.execute(f"SELECT count(*) FROM ({matches_sql}) AS m", params)
        return [], int(cursor.fetchone()[0])


def build_result(ranked: list[tuple[int, float]], total: int, parsed: ParsedQuery) -> SearchResult:
    """Hits in ``ranked`` order with their snippets cut from the stored text."""
    documents = SearchDocument.objects.in_bulk([article_id for article_id, _ in ranked])
    hits = []
    for article_id, score in ranked:
        document = documents.get(article_id)
        if document is None:  # removed between the two queries
            continue
        hits.append(
            SearchHit(
                article_id=article_id,
                rank=score,
                snippet=build_snippet(document.body, parsed),
                title_html=highlight(document.title, parsed),
                outlet_name=document.outlet_name,
                source_kind=document.source_kind,
                outlet_level=document.outlet_level,
                published_at=document.published_at,
            )
        )
    return SearchResult(hits=tuple(hits), total=total, folded=parsed.folded)
