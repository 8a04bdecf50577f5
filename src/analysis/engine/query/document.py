"""A document to match queries against: an article's title, lead, body and metadata.

Tokenised once, lazily: the words of each field, then per key mode (exact or folded) each
field's keys with their positions. ``outlet`` is tokenised like text; ``source_type`` is a value
compared whole (``rss``, ``social``, ``state_channel``…), case-insensitively.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from analysis.engine.query.keys import exact_key, folded_key, words
from analysis.engine.query.limits import TEXT_FIELDS

POSITIONAL_FIELDS = (*TEXT_FIELDS, "outlet")


class FieldKeys:
    """The keys of one field in order, their set, and (built when first needed) the positions
    of each key and the sorted distinct keys."""

    __slots__ = ("_positions", "_sorted", "keys", "keyset")

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.keyset = frozenset(keys)
        self._positions: dict[str, list[int]] | None = None
        self._sorted: list[str] | None = None

    @property
    def positions(self) -> dict[str, list[int]]:
        if self._positions is None:
            positions: dict[str, list[int]] = {}
            for index, key in enumerate(self.keys):
                found = positions.get(key)
                if found is None:
                    positions[key] = [index]
                else:
                    found.append(index)
            positions.pop("", None)
            self._positions = positions
        return self._positions

    def starting_with(self, start: str) -> list[str]:
        """The distinct keys of this field that begin with ``start``."""
        if self._sorted is None:
            self._sorted = sorted(self.keyset - {""})
        ordered = self._sorted
        found = []
        for i in range(bisect_left(ordered, start), len(ordered)):
            if not ordered[i].startswith(start):
                break
            found.append(ordered[i])
        return found


class View:
    """A document's keys in one mode (exact or folded)."""

    __slots__ = ("_pairs", "fields", "source_type", "text_keys")

    def __init__(self, fields: dict[str, FieldKeys], source_type: str) -> None:
        self.fields = fields
        self.text_keys = frozenset().union(*(fields[f].keyset for f in TEXT_FIELDS)) - {""}
        self.source_type = source_type
        self._pairs: frozenset[str] | None = None

    @property
    def pairs(self) -> frozenset[str]:
        """Adjacent keys of title, lead and body as ``"a b"`` (for phrases), built when needed."""
        if self._pairs is None:
            found: set[str] = set()
            for name in TEXT_FIELDS:
                keys = self.fields[name].keys
                found.update(f"{a} {b}" for a, b in itertools.pairwise(keys) if a and b)
            self._pairs = frozenset(found)
        return self._pairs


@dataclass(frozen=True)
class Document:
    title: str = ""
    lead: str = ""
    body: str = ""
    outlet: str = ""
    source_type: str = ""

    @cached_property
    def words(self) -> dict[str, list[str]]:
        """The words of each positional field (title, lead, body, outlet)."""
        return {name: words(getattr(self, name)) for name in POSITIONAL_FIELDS}

    @cached_property
    def exact(self) -> View:
        return self._view(exact_key)

    @cached_property
    def folded(self) -> View:
        return self._view(folded_key)

    def view(self, *, folded: bool) -> View:
        return self.folded if folded else self.exact

    def _view(self, key: Callable[[str], str]) -> View:
        fields = {name: FieldKeys([key(w) for w in ws]) for name, ws in self.words.items()}
        return View(fields, self.source_type.strip().lower())
