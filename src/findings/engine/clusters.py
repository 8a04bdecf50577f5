"""Union-find over item ids and the rule that picks a cluster's original."""

from __future__ import annotations

import datetime
from typing import Protocol

#: Naive publication times are read as Vietnam time (UTC+7), the zone of the press it monitors.
LOCAL_ZONE = datetime.timezone(datetime.timedelta(hours=7))


class Dated(Protocol):
    """What :func:`original_key` reads of an item."""

    @property
    def id(self) -> str: ...
    @property
    def published_at(self) -> datetime.datetime | None: ...
    @property
    def licensed_press(self) -> bool: ...


def as_aware(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` with a time zone (naive times are UTC+7)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=LOCAL_ZONE)


def publication_minute(moment: datetime.datetime | None) -> int | None:
    """Minutes since the epoch (naive times are UTC+7), or None without a date."""
    if moment is None:
        return None
    return int(as_aware(moment).timestamp() // 60)


def original_key(item: Dated) -> tuple[bool, int, bool, str]:
    """Sort key of the original: earliest minute, then a licensed press agency, then lowest id.

    Items without a date sort after every dated item.
    """
    minute = publication_minute(item.published_at)
    return (minute is None, minute or 0, not item.licensed_press, item.id)


class UnionFind:
    """Disjoint sets of string ids with path halving and union by size."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._size: dict[str, int] = {}

    def add(self, key: str) -> None:
        """Make ``key`` a singleton set unless it is known."""
        if key not in self._parent:
            self._parent[key] = key
            self._size[key] = 1

    def find(self, key: str) -> str:
        """The representative of ``key``'s set (KeyError when unknown)."""
        parent = self._parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        """Join the sets of ``a`` and ``b``."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        if self._size[root_a] < self._size[root_b]:
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        self._size[root_a] += self._size[root_b]

    def groups(self) -> list[list[str]]:
        """Every set as a list of ids, in order of first addition."""
        grouped: dict[str, list[str]] = {}
        for key in self._parent:
            grouped.setdefault(self.find(key), []).append(key)
        return list(grouped.values())
