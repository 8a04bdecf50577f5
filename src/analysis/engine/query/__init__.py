"""Topic queries: a boolean query language for watched topics, matched on Vietnamese text.

    from analysis.engine.query import parse_query, QueryError, Query, Document, Percolator

    q = parse_query('"Lâm Đồng" AND (sạt* OR lũ) NOT title:"quảng cáo"')
    q.matches(Document(title=..., lead=..., body=..., outlet=..., source_type="rss"))
    p = Percolator(); p.add("topic-1", q); p.match(doc)  # → ["topic-1"]

The language (operators, fields, limits, errors) is documented for officers in
``docs/topic-queries.md``. The same :meth:`Query.matches` decides both percolation (each new
article against every topic, :class:`Percolator`) and archive search (:meth:`Query.prefilter`
narrows candidates with the full-text index, then :meth:`Query.matches` decides), so both give
the same articles.
"""

from __future__ import annotations

from analysis.engine.query.document import Document
from analysis.engine.query.errors import MESSAGES, QueryError
from analysis.engine.query.percolator import Percolator, document_frequencies
from analysis.engine.query.query import Query, parse_query

__all__ = [
    "MESSAGES",
    "Document",
    "Percolator",
    "Query",
    "QueryError",
    "document_frequencies",
    "parse_query",
]
