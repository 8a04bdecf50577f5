"""Sector routing: which provincial department an item concerns (DECISIONS §3 ids), explained.

Each sector has a list of terms (``analysis/data/sector_lexicon.json``, editable; ``"phrase=2"``
gives a weight). A term counts its weight × the field weight (title 3, lead 2, body 1), at most
:data:`BODY_CAP` times in the body. Sectors scoring at least :data:`MIN_SCORE` and at least
:data:`SECONDARY_SHARE` of the best are returned, best (primary) first, with the terms that matched.
An item whose title and lead name only foreign places (and nothing domestic) is ``khac``: there is
nothing for a provincial department to follow up.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from analysis.engine.gazetteer import load_json
from analysis.engine.tokens import PhraseMatcher, Tokens, is_accented_text, tokenize

SECTOR_IDS: tuple[str, ...] = (
    "noi_vu",
    "tai_chinh",
    "cong_thuong",
    "nong_nghiep_moi_truong",
    "xay_dung",
    "giao_duc",
    "y_te",
    "van_hoa",
    "khoa_hoc_cong_nghe",
    "tu_phap",
    "cong_an",
    "quan_su",
    "dan_toc_ton_giao",
    "thanh_tra",
    "khac",
)
OTHER = "khac"
FIELD_WEIGHTS: Mapping[str, float] = {"title": 3.0, "lead": 2.0, "body": 1.0}
BODY_CAP = 3
MIN_SCORE = 3.0
SECONDARY_SHARE = 0.5
MAX_SECTORS = 3


@dataclass(frozen=True)
class SectorHit:
    sector: str
    score: float
    evidence: tuple[str, ...]  # the matched terms, strongest first


def parse_term(term: str) -> tuple[str, float]:
    """``"phrase=2"`` → ("phrase", 2.0); a plain phrase weighs 1."""
    phrase, sep, weight = term.rpartition("=")
    if sep and phrase.strip():
        try:
            return phrase.strip(), float(weight)
        except ValueError:
            pass
    return term.strip(), 1.0


@dataclass(frozen=True)
class _Term:
    sector: str
    phrase: str
    weight: float


class SectorLexicon:
    """Terms per sector, plus foreign/domestic cues; build once and reuse."""

    def __init__(
        self,
        terms: Mapping[str, Sequence[str]],
        *,
        foreign: Iterable[str] = (),
        domestic: Iterable[str] = (),
        ignore: Iterable[str] = (),
    ) -> None:
        unknown = set(terms) - set(SECTOR_IDS)
        if unknown:
            raise ValueError(f"unknown sector id(s): {', '.join(sorted(unknown))}")
        self.terms = {sector: tuple(values) for sector, values in terms.items()}
        entries: list[tuple[str, _Term]] = []
        for sector, values in terms.items():
            for value in values:
                phrase, weight = parse_term(value)
                entries.append((phrase, _Term(sector, phrase, weight)))
        entries += [(phrase, _Term("", phrase, 0.0)) for phrase in ignore]
        self._matcher = PhraseMatcher(entries)
        cues = [(p, ("foreign", p)) for p in foreign] + [(p, ("domestic", p)) for p in domestic]
        self._cues: PhraseMatcher[tuple[str, str]] = PhraseMatcher(cues)

    @classmethod
    def default(cls) -> SectorLexicon:
        return _default()

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Sequence[str]]) -> SectorLexicon:
        """Sector id → terms; optional keys: ``foreign`` and ``domestic`` (location cues) and
        ``ignore`` (phrases that contain a term but mean something else)."""
        extra = ("foreign", "domestic", "ignore")
        terms = {k: v for k, v in mapping.items() if k not in extra}
        return cls(
            terms,
            foreign=mapping.get("foreign", ()),
            domestic=mapping.get("domestic", ()),
            ignore=mapping.get("ignore", ()),
        )

    def foreign_only(self, parts: Sequence[Tokens], *, accented: bool) -> str:
        """The first foreign cue when the texts name foreign places and nothing domestic."""
        foreign = ""
        for tokens in parts:
            for hit in self._cues.find(tokens, accent_sensitive=accented):
                kind, phrase = hit.value
                window = tokens[hit.first : hit.last]
                if not all(t.capitalized or not t.surface[0].isalpha() for t in window):
                    continue
                if kind == "domestic":
                    return ""
                foreign = foreign or phrase
        return foreign

    def find(self, tokens: Tokens, *, accented: bool) -> list[_Term]:
        found = self._matcher.find(tokens, accent_sensitive=accented)
        return [hit.value for hit in found if hit.value.sector]


@cache
def _default() -> SectorLexicon:
    data = load_json("sector_lexicon.json")
    return SectorLexicon(
        data["sectors"],
        foreign=data.get("foreign", ()),
        domestic=data.get("domestic", ()),
        ignore=data.get("ignore", ()),
    )


def classify(
    title: str, lead: str = "", body: str = "", *, lexicon: SectorLexicon | None = None
) -> tuple[SectorHit, ...]:
    """Sectors of one item, primary first; ``(SectorHit("khac", …),)`` when nothing fits."""
    lexicon = lexicon or SectorLexicon.default()
    fields = {
        name: tokenize(unicodedata.normalize("NFC", text or ""))
        for name, text in (("title", title), ("lead", lead), ("body", body))
    }
    accented = is_accented_text(list(fields.values()))
    cue = lexicon.foreign_only([fields["title"], fields["lead"]], accented=accented)
    if cue:
        return (SectorHit(OTHER, 0.0, (f"abroad: {cue}",)),)
    scores: dict[str, float] = defaultdict(float)
    evidence: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    body_uses: dict[str, int] = defaultdict(int)
    for name, tokens in fields.items():
        for term in lexicon.find(tokens, accented=accented):
            if name == "body":
                body_uses[term.phrase] += 1
                if body_uses[term.phrase] > BODY_CAP:
                    continue
            gain = term.weight * FIELD_WEIGHTS[name]
            scores[term.sector] += gain
            evidence[term.sector][term.phrase] += gain
    ranked = sorted(
        (s for s in scores if s != OTHER), key=lambda s: (-scores[s], SECTOR_IDS.index(s))
    )
    if not ranked or scores[ranked[0]] < MIN_SCORE:
        best = tuple(_strongest(evidence[ranked[0]])) if ranked else ()
        return (SectorHit(OTHER, 0.0, best),)
    top = scores[ranked[0]]
    chosen = [s for s in ranked if scores[s] >= max(MIN_SCORE, SECONDARY_SHARE * top)]
    return tuple(
        SectorHit(s, round(scores[s], 2), tuple(_strongest(evidence[s])))
        for s in chosen[:MAX_SECTORS]
    )


def _strongest(evidence: Mapping[str, float], limit: int = 6) -> list[str]:
    return sorted(evidence, key=lambda phrase: -evidence[phrase])[:limit]
