"""Matching the unit names written in a plan to the directory of units (pure: data in, data out).

Order of attempts, each among the units in force on the plan's reference date (a unit without
dates is always in force):

1. exact: the name, short name or an alias equal after ``normalize_text`` + ``tone_key``
   (case, NFC/NFD, both tone-mark placements and apostrophe styles agree);
2. folded: the same without any diacritic (``fold_diacritics``: "So Tai chinh" = "Sở Tài chính");
3. fuzzy: the best Sørensen–Dice similarity of the folded word sets ≥ ``FUZZY_THRESHOLD``, the
   candidate and its score are kept so the office can see them.

When several units share a name on that date, the one whose own name (not an alias) matches wins;
a tie stays unmatched with the candidate shown. A matched unit that has since been dissolved is
followed through ``successor`` to the unit in force today; both are kept.

A *collective* ("các Sở, ban, ngành, địa phương", "UBND các huyện, thành phố", "các cơ quan báo
chí") is recognised by its words and expanded to every unit in force today of the kinds it names
(departments; communes and wards for "địa phương", "huyện", "xã", "phường"; press agencies). A
collective naming no known kind ("các đơn vị chủ quản trang thông tin điện tử") cannot be expanded
and is left to the office like any unmatched name.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from core.text import fold_diacritics, tone_key

FUZZY_THRESHOLD = 0.8
SUGGEST_THRESHOLD = 0.5
MAX_SUCCESSOR_HOPS = 10


@dataclass(frozen=True, slots=True)
class UnitCandidate:
    """What matching needs to know about a unit."""

    id: int
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    successor_id: int | None = None

    def valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name, self.short_name, *self.aliases) if n)


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """The outcome for one written name.

    ``named_id`` is the unit the plan meant, ``current_id`` the unit responsible today (the same
    unless it was dissolved). ``expanded`` holds the units of an expanded collective.
    ``candidate_id``/``score`` show the closest unit when nothing was accepted.
    """

    raw: str
    method: str  # exact | alias | folded | fuzzy | collective | "" (unmatched)
    named_id: int | None = None
    current_id: int | None = None
    score: float = 0.0
    is_collective: bool = False
    expanded: tuple[int, ...] = ()
    candidate_id: int | None = None

    @property
    def matched(self) -> bool:
        return self.current_id is not None or bool(self.expanded)


# --- collectives ----------------------------------------------------------------------------------
_COLLECTIVE_START = re.compile(r"^(cac|nhung|toan the)\b")
_COLLECTIVE_INSIDE = re.compile(r"\b(cac|nhung)\s+(so|huyen|xa|phuong|co quan|don vi|dia phuong)\b")
#: folded keyword → unit kinds a collective naming it covers
COLLECTIVE_KINDS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"\bso\b"), ("department",)),
    (re.compile(r"\b(dia phuong|huyen|xa|phuong)\b"), ("commune",)),
    (re.compile(r"\bco quan bao chi\b"), ("press_agency",)),
)


def is_collective(name: str) -> bool:
    key = fold_diacritics(name)
    return bool(_COLLECTIVE_START.match(key) or _COLLECTIVE_INSIDE.search(key))


def collective_kinds(name: str) -> tuple[str, ...]:
    """Unit kinds a collective covers, () when it names none we know."""
    key = fold_diacritics(name)
    kinds: list[str] = []
    for pattern, covered in COLLECTIVE_KINDS:
        if pattern.search(key):
            kinds.extend(k for k in covered if k not in kinds)
    return tuple(kinds)


# --- similarity -----------------------------------------------------------------------------------
_TOKEN = re.compile(r"[a-z0-9]+")


def token_set(name: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(fold_diacritics(name)))


def similarity(a: str, b: str) -> float:
    """Sørensen–Dice similarity of the folded word sets (1.0 = the same words)."""
    left, right = token_set(a), token_set(b)
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


# --- the matcher ----------------------------------------------------------------------------------
@dataclass
class UnitMatcher:
    """Match names against ``units`` for a plan of ``reference`` date, responsible ``today``."""

    units: Sequence[UnitCandidate]
    reference: datetime.date
    today: datetime.date
    threshold: float = FUZZY_THRESHOLD
    _by_id: dict[int, UnitCandidate] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {u.id: u for u in self.units}

    def match(self, raw: str) -> UnitMatch:
        if is_collective(raw):
            return self._collective(raw)
        in_force = [u for u in self.units if u.valid_on(self.reference)]
        keys: tuple[tuple[str, Callable[[str], str]], ...] = (
            ("exact", tone_key),
            ("folded", fold_diacritics),
        )
        for method, key in keys:
            found = self._by_key(raw, in_force, key)
            if isinstance(found, UnitCandidate):
                exact_name = key(found.name) == key(raw)
                kind = method if method == "folded" or exact_name else "alias"
                return self._accept(raw, found, kind, 1.0)
            if found:  # a tie between units of the same name
                return UnitMatch(raw, "", candidate_id=found[0].id, score=1.0)
        return self._fuzzy(raw, in_force)

    def current(self, unit_id: int) -> int:
        """Follow ``successor`` from a unit no longer in force to the one in force today."""
        unit = self._by_id[unit_id]
        for _hop in range(MAX_SUCCESSOR_HOPS):
            if unit.valid_on(self.today) or unit.successor_id is None:
                break
            if unit.successor_id not in self._by_id:
                break
            unit = self._by_id[unit.successor_id]
        return unit.id

    def _accept(self, raw: str, unit: UnitCandidate, method: str, score: float) -> UnitMatch:
        return UnitMatch(raw, method, unit.id, self.current(unit.id), round(score, 3))

    @staticmethod
    def _by_key(
        raw: str, units: Iterable[UnitCandidate], key: Callable[[str], str]
    ) -> UnitCandidate | list[UnitCandidate] | None:
        target = key(raw)
        hits = [u for u in units if any(key(n) == target for n in u.names)]
        if not hits:
            return None
        if len(hits) == 1:
            return hits[0]
        own = [u for u in hits if key(u.name) == target]
        return own[0] if len(own) == 1 else hits

    def _fuzzy(self, raw: str, units: Sequence[UnitCandidate]) -> UnitMatch:
        scored = sorted(
            ((max(similarity(raw, n) for n in u.names), u) for u in units),
            key=lambda pair: -pair[0],
        )
        if not scored or scored[0][0] < SUGGEST_THRESHOLD:
            return UnitMatch(raw, "")
        best_score, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best_score >= self.threshold and best_score > runner_up:
            return self._accept(raw, best, "fuzzy", best_score)
        return UnitMatch(raw, "", candidate_id=best.id, score=round(best_score, 3))

    def _collective(self, raw: str) -> UnitMatch:
        kinds = collective_kinds(raw)
        members = tuple(u.id for u in self.units if u.kind in kinds and u.valid_on(self.today))
        method = "collective" if members else ""
        return UnitMatch(raw, method, is_collective=True, expanded=members)
