"""Entity tagging and the "about the province" decision, with an explanation.

1. Every field (title, lead, body) is tokenised; at each syllable the gazetteer gives the longest
   name starting there (folded keys; diacritics, when typed, must agree).
2. A name with several meanings is resolved by the place prefix before it (``xã``, ``huyện``,
   ``tỉnh``…), then by the date (``on``: a district before 01/07/2025, a commune after), then by
   level (province before district before commune).
3. Ambiguous names need context: ``elsewhere`` names (a commune name used in other provinces too)
   count only when the text also names an unambiguous place of the province and no other province
   follows them; ``word`` names (also a common word or a person's name) need a place prefix too.
4. Score = Σ field weight (title 3, lead 2, body 1; at most :data:`BODY_CAP` body mentions) for the
   province's places, officials and units that name the province. The article is about the province
   when the score reaches :data:`THRESHOLD` and is at least half the score of other provinces.

Explanations are built from :data:`TEMPLATES` (English, with parameters) so the UI can translate
the fixed phrases: ``explanation_items`` holds (template id, parameters).
"""

from __future__ import annotations

import datetime
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analysis.engine.gazetteer import (
    COMMUNE_LEVEL,
    DISTRICT_LEVEL,
    PLACE_KINDS,
    PREFIXES,
    PROVINCE_LEVEL,
    Entry,
    Gazetteer,
    Spelling,
)
from analysis.engine.tokens import Token, Tokens, phrase_keys, tokenize

FIELD_WEIGHTS: Mapping[str, float] = {"title": 3.0, "lead": 2.0, "body": 1.0}
FIELDS = ("title", "lead", "body")
THRESHOLD = 2.0
#: Body mentions counted at most (a long list of places should not outweigh the title).
BODY_CAP = 6
#: Other provinces' score may be at most this multiple of the province's score.
OUTSIDE_RATIO = 2.0
#: A province named within this many syllables after an ambiguous name places it there.
FOLLOW_WINDOW = 8
KIND_WEIGHTS: Mapping[str, float] = {"official": 1.0, "unit": 1.0, "unit_generic": 0.5}
_LEVEL_ORDER = {kind: i for i, kind in enumerate(PLACE_KINDS)}

TEMPLATES: Mapping[str, str] = {
    "counted": "{name} ({kind}) is mentioned {count} time(s) in the {fields}.",
    "accepted_context": (
        "“{surface}” was read as {name} ({kind}) because the text also names {anchor}."
    ),
    "rejected_context": (
        "“{surface}” was not counted: the name also exists elsewhere and the text names no"
        " unambiguous place of the province."
    ),
    "rejected_prefix": (
        "“{surface}” was not counted: it is also a common word or a person's name and no place"
        " prefix (xã, phường, huyện…) comes before it."
    ),
    "rejected_other_province": (
        "“{surface}” was not counted: it is followed by another province ({province})."
    ),
    "rejected_diacritics": "“{surface}” was not counted: its diacritics differ from {name}.",
    "rejected_date": "{name} was mentioned but was not part of the province on {date}.",
    "outside": "Other provinces are mentioned: {names} (score {score}).",
    "decision_about": "About the province: score {score} reaches the threshold {threshold}.",
    "decision_below": "Not about the province: score {score} is below the threshold {threshold}.",
    "decision_outweighed": (
        "Not about the province: score {score} reaches the threshold but other provinces weigh"
        " more (score {outside})."
    ),
    "nothing": "No place, unit or official of the province is mentioned.",
}


@dataclass(frozen=True)
class Mention:
    code: str
    name: str
    kind: str  # a place kind, "unit", "official" or "outlet"
    field: str  # "title" | "lead" | "body"
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class LocalityResult:
    mentions: tuple[Mention, ...]
    localities: tuple[str, ...]
    units: tuple[str, ...]
    about_province: bool
    score: float
    explanation: tuple[str, ...]
    explanation_items: tuple[tuple[str, dict[str, str]], ...]


@dataclass
class _Hit:
    field: str
    tokens: Tokens
    first: int
    last: int
    entry: Entry
    prefixed: bool
    surface: str
    start: int
    end: int


def render(template_id: str, params: Mapping[str, str]) -> str:
    """The English sentence of one explanation item."""
    return TEMPLATES[template_id].format(**params)


def _prefix_kinds(tokens: Tokens, i: int) -> frozenset[str] | None:
    if i == 0 or tokens.fkeys[i - 1] not in _PREFIX_LAST:
        return None
    for prefix, kinds in _PREFIX_KEYS:
        n = len(prefix)
        if i >= n and all(
            t.tkey == p or (not t.accented and t.fkey == f)
            for t, (p, f) in zip(tokens[i - n : i], prefix, strict=True)
        ):
            return kinds
    return None


_PREFIX_KEYS: list[tuple[tuple[tuple[str, str], ...], frozenset[str]]] = sorted(
    ((tuple(zip(*phrase_keys(p), strict=True)), kinds) for p, kinds in PREFIXES.items()),
    key=lambda item: -len(item[0]),
)


_PREFIX_LAST = frozenset(prefix[-1][1] for prefix, _kinds in _PREFIX_KEYS)


def _choose(
    spellings: Sequence[Spelling], prefix: frozenset[str] | None, on: datetime.date | None
) -> Entry:
    def rank(spelling: Spelling) -> tuple[int, int, int, int]:
        entry = spelling.entry
        fits_prefix = 1 if prefix is not None and entry.kind in prefix else 0
        valid = (
            1
            if on is None
            or (
                (entry.valid_from is None or entry.valid_from <= on)
                and (entry.valid_to is None or on <= entry.valid_to)
            )
            else 0
        )
        is_place = 1 if entry.is_place or entry.kind == "outside_province" else 0
        level = -_LEVEL_ORDER.get(entry.kind, len(_LEVEL_ORDER))
        return fits_prefix, valid, is_place, level

    return max(spellings, key=rank).entry


def _kind_label(kind: str) -> str:
    return kind.replace("_", " ")


class _Notes:
    """Explanation items, each rejection or acceptance said once (at most :data:`MAX_NOTES`)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, dict[str, str]]] = []
        self._seen: set[tuple[str, str]] = set()

    def add(self, template: str, key: str, params: dict[str, str]) -> None:
        if (template, key) not in self._seen and len(self._seen) < MAX_NOTES:
            self._seen.add((template, key))
            self.items.append((template, params))


MAX_NOTES = 12


def _collect(
    gazetteer: Gazetteer, fields: Mapping[str, str], on: datetime.date | None, notes: _Notes
) -> list[_Hit]:
    """Every name found in the fields, resolved to one entry each."""
    hits: list[_Hit] = []
    for field_name, raw_text in fields.items():
        text = unicodedata.normalize("NFC", raw_text or "")
        tokens = tokenize(text)
        i = 0
        while i < len(tokens):
            length, fitting, rejected = gazetteer.lookup(tokens, i)
            if not length:
                if rejected and rejected[0].entry.is_place:
                    window = tokens[i : i + len(rejected[0].accents)]
                    surface = text[window[0].start : window[-1].end]
                    params = {"surface": surface, "name": rejected[0].entry.name}
                    notes.add("rejected_diacritics", surface.lower(), params)
                i += 1
                continue
            window = tokens[i : i + length]
            entry = _choose(fitting, _prefix_kinds(tokens, i), on)
            if tokens.has_case and entry.kind != "unit" and not _case_ok(window, entry):
                i += 1  # a common word in lower case ("hòa bình"), not a name: say nothing
                continue
            start, end = window[0].start, window[-1].end
            prefixed = _prefix_kinds(tokens, i) is not None
            hits.append(
                _Hit(
                    field_name, tokens, i, i + length, entry, prefixed, text[start:end], start, end
                )
            )
            i += length
    return hits


def _accepted(hit: _Hit, anchors: Sequence[_Hit], gazetteer: Gazetteer, notes: _Notes) -> bool:
    """Whether an ambiguous name is read as the province's place here (and why)."""
    entry = hit.entry
    if not entry.ambiguity or entry.kind == "unit":
        return True
    key = hit.surface.lower()
    if entry.ambiguity == "word" and entry.is_place and not hit.prefixed:
        notes.add("rejected_prefix", key, {"surface": hit.surface})
        return False
    if not anchors:
        notes.add("rejected_context", key, {"surface": hit.surface})
        return False
    other = _followed_by_other_province(hit, gazetteer)
    if other:
        notes.add("rejected_other_province", key, {"surface": hit.surface, "province": other})
        return False
    params = {
        "surface": hit.surface,
        "name": entry.name,
        "kind": _kind_label(entry.kind),
        "anchor": anchors[0].entry.name,
    }
    notes.add("accepted_context", key, params)
    return True


@dataclass
class _Tally:
    weights: dict[str, float]
    counts: dict[str, int]
    fields: dict[str, list[str]]
    entries: dict[str, Entry]
    outside: dict[str, float]
    body_counted: int = 0
    body_outside: int = 0

    @classmethod
    def empty(cls) -> _Tally:
        return cls(defaultdict(float), defaultdict(int), defaultdict(list), {}, defaultdict(float))

    def count_outside(self, hit: _Hit) -> None:
        if hit.field == "body":
            if self.body_outside >= BODY_CAP:
                return
            self.body_outside += 1
        self.outside[hit.entry.name] += FIELD_WEIGHTS[hit.field]

    def count(self, hit: _Hit, weight: float) -> None:
        entry = hit.entry
        if hit.field == "body":
            if self.body_counted >= BODY_CAP:
                weight = 0.0
            else:
                self.body_counted += 1
        self.weights[entry.code] += weight * FIELD_WEIGHTS[hit.field]
        self.counts[entry.code] += 1
        if hit.field not in self.fields[entry.code]:
            self.fields[entry.code].append(hit.field)
        self.entries[entry.code] = entry


def _weight(entry: Entry, *, has_anchor: bool) -> float:
    if entry.kind == "unit":
        if entry.specific:
            return KIND_WEIGHTS["unit"]
        return KIND_WEIGHTS["unit_generic"] if has_anchor else 0.0
    return KIND_WEIGHTS.get(entry.kind, 1.0)


def tag(
    gazetteer: Gazetteer,
    *,
    title: str,
    lead: str = "",
    body: str = "",
    on: datetime.date | None = None,
) -> LocalityResult:
    """Mentions of the province's places, units, officials and outlets, and the decision."""
    notes = _Notes()
    hits = _collect(gazetteer, {"title": title, "lead": lead, "body": body}, on, notes)
    anchors = [
        h
        for h in hits
        if (h.entry.is_place and h.entry.ambiguity == "" and _counts(gazetteer, h.entry, on))
        or (h.entry.kind == "unit" and h.entry.specific)
    ]
    mentions: list[Mention] = []
    tally = _Tally.empty()
    for hit in hits:
        entry = hit.entry
        if entry.kind == "outside_province":
            tally.count_outside(hit)
            continue
        if not _accepted(hit, anchors, gazetteer, notes):
            continue
        mentions.append(
            Mention(entry.code, entry.name, entry.kind, hit.field, hit.start, hit.end, hit.surface)
        )
        if entry.kind == "outlet":
            continue
        if entry.is_place and not _counts(gazetteer, entry, on):
            params = {"name": entry.name, "date": on.isoformat() if on else ""}
            notes.add("rejected_date", entry.code, params)
            continue
        tally.count(hit, _weight(entry, has_anchor=bool(anchors)))
    return _result(tally, mentions, notes)


def _result(tally: _Tally, mentions: Sequence[Mention], notes: _Notes) -> LocalityResult:
    entries, weights = tally.entries, tally.weights
    score = round(sum(weights.values()), 2)
    outside_score = round(sum(tally.outside.values()), 2)
    order = sorted(
        entries,
        key=lambda code: (-weights[code], -_LEVEL_ORDER.get(entries[code].kind, -1), code),
    )
    items: list[tuple[str, dict[str, str]]] = [
        (
            "counted",
            {
                "name": entries[code].name,
                "kind": _kind_label(entries[code].kind),
                "count": str(tally.counts[code]),
                "fields": ", ".join(tally.fields[code]),
            },
        )
        for code in order
    ]
    items += notes.items
    if tally.outside:
        names = ", ".join(sorted(tally.outside, key=lambda k: -tally.outside[k])[:5])
        items.append(("outside", {"names": names, "score": f"{outside_score:g}"}))
    params = {"score": f"{score:g}", "threshold": f"{THRESHOLD:g}", "outside": f"{outside_score:g}"}
    if not entries and not mentions:
        items.append(("nothing", {}))
    about = score >= THRESHOLD and outside_score <= OUTSIDE_RATIO * score
    if about:
        items.append(("decision_about", params))
    elif score >= THRESHOLD:
        items.append(("decision_outweighed", params))
    else:
        items.append(("decision_below", params))
    frozen = tuple((t, dict(p)) for t, p in items)
    return LocalityResult(
        mentions=tuple(mentions),
        localities=tuple(c for c in order if entries[c].is_place),
        units=tuple(c for c in order if entries[c].kind == "unit"),
        about_province=about,
        score=score,
        explanation=tuple(render(t, p) for t, p in frozen),
        explanation_items=frozen,
    )


def _case_ok(window: Sequence[Token], entry: Entry) -> bool:
    if entry.ambiguity:
        return all(t.capitalized or not t.surface[0].isalpha() for t in window)
    return window[0].capitalized


def _counts(gazetteer: Gazetteer, entry: Entry, on: datetime.date | None) -> bool:
    place = gazetteer.place(entry.code)
    return place is not None and gazetteer.counts_for_province(place, on)


def _followed_by_other_province(hit: _Hit, gazetteer: Gazetteer) -> str:
    tokens = hit.tokens
    end = min(len(tokens), hit.last + FOLLOW_WINDOW)
    i = hit.last
    while i < end:
        length, fitting, _rejected = gazetteer.lookup(tokens, i)
        if not length:
            i += 1
            continue
        kinds = {s.entry.kind for s in fitting}
        if "outside_province" in kinds:
            return fitting[0].entry.name
        if kinds & (PROVINCE_LEVEL | DISTRICT_LEVEL | COMMUNE_LEVEL):
            return ""  # the province's own place comes first: it places the name here
        i += length
    return ""
