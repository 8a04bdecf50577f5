"""The gazetteer: places of the province (before and after 01/07/2025), units, officials, outlets.

Data: ``analysis/data/gazetteer.json`` (places, the merger date, other provinces' names,
outlets) and ``analysis/data/officials.json``. Units are not shipped here: the caller passes them
(:meth:`Gazetteer.with_units`) so the Django side can feed its own unit table.

Every name is indexed under its folded syllables (no diacritics, ``đ`` → ``d``, no apostrophes), so
one dictionary lookup per candidate length finds it in text typed with or without diacritics. Each
indexed spelling also keeps its tone keys: when the text *does* carry diacritics they must agree
(``Nam Đông`` is not the commune ``Nam Dong``). Spelling variants that folding cannot derive are
generated (``Đắk`` → ``Đăk``/``Đak``/``Đắc``; ``R'lấp`` → ``R lấp``) or listed in the data.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from analysis.engine.tokens import Tokens, phrase_keys, tokenize

#: Kinds of the place levels, from the broadest.
PLACE_KINDS = (
    "province",
    "former_province",
    "city",
    "district",
    "town",
    "ward",
    "township",
    "commune",
    "place",
)
COMMUNE_LEVEL = frozenset({"ward", "township", "commune"})
DISTRICT_LEVEL = frozenset({"city", "district", "town"})
PROVINCE_LEVEL = frozenset({"province", "former_province"})

#: Place-name prefixes (syllables) and the kinds they introduce.
PREFIXES: Mapping[str, frozenset[str]] = {
    "xã": COMMUNE_LEVEL,
    "phường": COMMUNE_LEVEL,
    "thị trấn": COMMUNE_LEVEL,
    "TT": COMMUNE_LEVEL,
    "đặc khu": COMMUNE_LEVEL,
    "huyện": DISTRICT_LEVEL,
    "thị xã": DISTRICT_LEVEL,
    "thành phố": DISTRICT_LEVEL | PROVINCE_LEVEL,
    "TP": DISTRICT_LEVEL | PROVINCE_LEVEL,
    "quận": DISTRICT_LEVEL,
    "tỉnh": PROVINCE_LEVEL,
}


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    kind: str
    parent: str | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    variants: tuple[str, ...]
    successor_codes: tuple[str, ...]
    in_province: bool
    confidence: str
    #: "" = the name alone identifies it; "elsewhere" = also a place elsewhere (needs provincial
    #: context); "word" = also a common word or person name (needs a prefix and context).
    ambiguity: str = ""
    #: The former province the place lies in (``dak-nong``, ``lam-dong-cu``, ``binh-thuan``).
    region: str = ""

    def valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class Entry:
    """One matchable name: a place, a unit, an official, an outlet or another province."""

    code: str
    name: str
    kind: str  # a place kind, or "unit", "official", "outlet", "outside_province"
    ambiguity: str = ""
    #: For units: the name names a place of the province (e.g. "Sở VHTTDL Lâm Đồng").
    specific: bool = True
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    title: str = ""

    @property
    def is_place(self) -> bool:
        return self.kind in PLACE_KINDS


@dataclass(frozen=True)
class Spelling:
    entry: Entry
    accents: tuple[str, ...]  # tone keys of the spelling's syllables
    capitalized: bool  # every syllable of the spelling starts with a capital


@dataclass(frozen=True)
class Merger:
    date: datetime.date
    core_region: str
    province_before: str
    province_after: str


_DAK = re.compile(r"(?i)\bđắk\b")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['\u2019](?=\w)")


def spelling_variants(name: str) -> list[str]:
    """Spellings folding does not cover: Đăk/Đak/Đắc for Đắk, "R Lấp" for "R'lấp"."""
    out = [name]
    if _DAK.search(name):
        out += [_DAK.sub(v, name) for v in ("Đăk", "Đak", "Đắc", "Dak")]
    out += [_INNER_APOSTROPHE.sub(" ", v) for v in out if _INNER_APOSTROPHE.search(v)]
    return out


def _date(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@dataclass
class _Index:
    table: dict[tuple[str, ...], list[Spelling]] = field(default_factory=dict)
    first: dict[str, list[int]] = field(default_factory=dict)  # first syllable → lengths
    longest: int = 1

    def add(self, entry: Entry, spelling: str) -> None:
        for variant in spelling_variants(spelling):
            tkeys, fkeys = phrase_keys(variant)
            if not fkeys:
                continue
            words = variant.split()
            capitalized = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
            spellings = self.table.setdefault(fkeys, [])
            if not any(s.entry == entry and s.accents == tkeys for s in spellings):
                spellings.append(Spelling(entry, tkeys, capitalized))
            lengths = self.first.setdefault(fkeys[0], [])
            if len(fkeys) not in lengths:
                lengths.append(len(fkeys))
                lengths.sort(reverse=True)
            self.longest = max(self.longest, len(fkeys))


class Gazetteer:
    """Names to look for; built once and reused (see :meth:`default`)."""

    def __init__(
        self,
        places: Sequence[Place],
        *,
        merger: Merger,
        outside: Sequence[str] = (),
        outlets: Sequence[tuple[str, str, Sequence[str]]] = (),
        officials: Sequence[tuple[str, str, str, datetime.date | None, datetime.date | None]] = (),
        units: Sequence[tuple[str, str, Sequence[str]]] = (),
    ) -> None:
        self._places = tuple(places)
        self._by_code = {p.code: p for p in self._places}
        self.merger = merger
        self._outside = tuple(outside)
        self._outlets = tuple((c, n, tuple(a)) for c, n, a in outlets)
        self._officials = tuple(officials)
        self._units = tuple((c, n, tuple(a)) for c, n, a in units)
        index = _Index()
        for place in self._places:
            entry = Entry(
                place.code,
                place.name,
                place.kind,
                place.ambiguity,
                valid_from=place.valid_from,
                valid_to=place.valid_to,
            )
            for spelling in (place.name, *place.variants):
                index.add(entry, spelling)
        for name in self._outside:
            code = "outside:" + "-".join(phrase_keys(name)[1])
            # "elsewhere": only a name written as one (every syllable capitalised) counts
            index.add(Entry(code, name, "outside_province", "elsewhere"), name)
        for code, name, aliases in self._outlets:
            entry = Entry(code, name, "outlet")
            for spelling in (name, *aliases):
                index.add(entry, spelling)
        for code, name, title, valid_from, valid_to in self._officials:
            entry = Entry(
                code,
                name,
                "official",
                "elsewhere",
                specific=True,
                valid_from=valid_from,
                valid_to=valid_to,
                title=title,
            )
            index.add(entry, name)
        self._index = index
        for code, name, aliases in self._units:
            for spelling in (name, *aliases):
                specific = self._names_a_place(spelling)
                index.add(Entry(code, name, "unit", "", specific), spelling)

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped data (cached: the same object on every call)."""
        return _default()

    @classmethod
    def from_data(cls, data: Mapping[str, Any], officials: Mapping[str, Any]) -> Gazetteer:
        merger_data = data["merger"]
        merger = Merger(
            datetime.date.fromisoformat(merger_data["date"]),
            merger_data["core_region"],
            merger_data["province_before"],
            merger_data["province_after"],
        )
        places = [
            Place(
                code=item["code"],
                name=item["name"],
                kind=item["kind"],
                parent=item.get("parent"),
                valid_from=_date(item.get("valid_from")),
                valid_to=_date(item.get("valid_to")),
                variants=tuple(item.get("variants", ())),
                successor_codes=tuple(item.get("successors", ())),
                in_province=item.get("in_province", True),
                confidence=item.get("confidence", "K"),
                ambiguity=item.get("ambiguity", ""),
                region=item.get("region", ""),
            )
            for item in data["places"]
        ]
        outlets = [(o["code"], o["name"], tuple(o.get("variants", ()))) for o in data["outlets"]]
        people = [
            (
                o["code"],
                o["name"],
                o.get("title", ""),
                _date(o.get("valid_from")),
                _date(o.get("valid_to")),
            )
            for o in officials.get("officials", ())
        ]
        return cls(
            places,
            merger=merger,
            outside=data["outside_provinces"],
            outlets=outlets,
            officials=people,
        )

    def with_units(self, units: Sequence[tuple[str, str, Sequence[str]]]) -> Gazetteer:
        """A copy that also recognises these units: (code, name, aliases)."""
        return Gazetteer(
            self._places,
            merger=self.merger,
            outside=self._outside,
            outlets=self._outlets,
            officials=self._officials,
            units=[*self._units, *units],
        )

    # -- queries ------------------------------------------------------------------------------

    def places(self) -> Sequence[Place]:
        return self._places

    def place(self, code: str) -> Place | None:
        return self._by_code.get(code)

    def counts_for_province(self, place: Place, day: datetime.date | None) -> bool:
        """Whether a mention of ``place`` concerns the province on ``day``.

        Before the merger only the former Đắk Nông counts; from the merger date the whole new
        Lâm Đồng does (its former Lâm Đồng and Bình Thuận parts too).
        """
        if not place.in_province:
            return False
        if day is not None and day < self.merger.date:
            return place.region == self.merger.core_region
        return True

    def lookup(self, tokens: Tokens, start: int) -> tuple[int, list[Spelling], list[Spelling]]:
        """The longest name starting at ``tokens[start]``.

        Returns (length, spellings whose diacritics agree with the text, spellings that matched
        only when folded). Length 0 when nothing starts there.
        """
        index = self._index
        fkeys = tokens.fkeys
        lengths = index.first.get(fkeys[start])
        if lengths is None:
            return 0, [], []
        n = len(fkeys)
        rejected: list[Spelling] = []
        for length in lengths:
            if start + length > n:
                continue
            spellings = index.table.get(tuple(fkeys[start : start + length]))
            if not spellings:
                continue
            fitting = [s for s in spellings if _accents_agree(tokens, start, s.accents)]
            if fitting:
                return length, fitting, rejected
            if not rejected:
                rejected = spellings
        return 0, [], rejected

    def _names_a_place(self, text: str) -> bool:
        tokens = tokenize(text)
        for i in range(len(tokens)):
            _length, fitting, _rejected = self.lookup(tokens, i)
            for spelling in fitting:
                entry = spelling.entry
                if entry.is_place and entry.ambiguity == "":
                    return True
        return False


def _accents_agree(tokens: Tokens, start: int, accents: tuple[str, ...]) -> bool:
    """Each syllable is typed without diacritics or with the spelling's own."""
    return all(
        not tokens.is_accented(start + i) or tokens.tkey(start + i) == accent
        for i, accent in enumerate(accents)
    )


def load_json(name: str) -> Any:
    text = resources.files("analysis").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _default() -> Gazetteer:
    return Gazetteer.from_data(load_json("gazetteer.json"), load_json("officials.json"))
