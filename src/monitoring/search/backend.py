"""The search interface and the choice of backend by database vendor.

Backends register themselves with :func:`register_backend` (``sqlite_fts5.py`` and
``postgres.py``); :func:`get_backend` returns the one for the database in use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Protocol, TypeVar

from django.db import connection

from monitoring.search.types import SearchQuery, SearchResult


class SearchUnavailableError(Exception):
    """No search backend exists for this database."""


class SearchBackend(Protocol):
    """Full-text search over ``SearchDocument`` rows, the same behaviour on every database."""

    vendor: ClassVar[str]

    def search(self, query: SearchQuery) -> SearchResult:
        """One page of the articles matching ``query``, best first, with the total count."""
        ...

    def rebuild(self) -> None:
        """Make the full-text index agree with the ``SearchDocument`` rows again."""
        ...

    def optimize(self) -> None:
        """Compact the index and refresh planner statistics (after a bulk load)."""
        ...


_B = TypeVar("_B", bound=type[SearchBackend])
BACKENDS: dict[str, type[SearchBackend]] = {}


def register_backend(vendor: str) -> Callable[[_B], _B]:
    """Class decorator: the backend to use when ``connection.vendor == vendor``."""

    def register(cls: _B) -> _B:
        BACKENDS[vendor] = cls
        return cls

    return register


def get_backend() -> SearchBackend:
    """The backend for the default database connection."""
    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise SearchUnavailableError(
            f"no full-text search backend for the {connection.vendor!r} database"
        ) from None
