"""Values that cross the search interface: what is asked (SearchQuery) and what comes back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class MatchMode(StrEnum):
    """How the query's terms combine: every term must occur (ALL) or at least one (ANY)."""

    ALL = "all"
    ANY = "any"


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search: free text plus filters. Empty filter tuples mean "no restriction".

    ``date_from`` and ``date_to`` are inclusive calendar days in the project's time zone.
    ``outlet_levels`` are ``registry.choices.AgencyLevel`` values; sources that are not press
    agencies have the level ``""``.
    """

    text: str
    date_from: date | None = None
    date_to: date | None = None
    source_ids: tuple[int, ...] = ()
    source_kinds: tuple[str, ...] = ()
    outlet_levels: tuple[str, ...] = ()
    limit: int = 20
    offset: int = 0
    match: MatchMode = MatchMode.ALL


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching article. ``snippet`` and ``title_html`` are HTML: the text is escaped and
    the matched words are wrapped in ``<mark>``. ``rank`` is larger for better matches; it is
    comparable only within one result."""

    article_id: int
    rank: float
    snippet: str
    title_html: str = ""
    outlet_name: str = ""
    source_kind: str = ""
    outlet_level: str = ""
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One page of hits (best first) and the number of matching articles in all.

    ``ranked_among`` is None when every match was ranked. On PostgreSQL a query matching more
    than ``postgres.RANK_WINDOW`` articles ranks only that many of the most recent ones (the
    hits come from those); ``ranked_among`` then says how many.
    """

    hits: tuple[SearchHit, ...]
    total: int
    folded: bool = False  # True when the query had no diacritics (accent-insensitive search)
    ranked_among: int | None = None
