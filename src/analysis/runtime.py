"""What the analysis jobs build from the database once per process and keep while it is current:
the gazetteer (places + units), the lexicons (shipped defaults + the office's entries), the tone
model and the topic percolator. Each is rebuilt when its version counter moves
(:mod:`analysis.versions`)."""

from __future__ import annotations

import logging

from django.utils import timezone

from accounts.models import Unit
from analysis import versions
from analysis.choices import LexiconKind
from analysis.engine.gazetteer import Gazetteer, load_json
from analysis.engine.query import Percolator, QueryError, parse_query
from analysis.engine.sectors import SECTOR_IDS, SectorLexicon
from analysis.engine.tone import IncompatibleModelError, ToneLexicon, ToneModel
from analysis.models import LexiconEntry, ToneModelFile, Topic

logger = logging.getLogger(__name__)


def build_gazetteer() -> Gazetteer:
    """The shipped places plus the units in force today, with their short names and aliases."""
    today = timezone.localdate()
    units = []
    for unit in Unit.objects.valid_on(today).order_by("code"):
        aliases = tuple(a for a in [unit.short_name, *unit.aliases] if a and a != unit.name)
        units.append((unit.code, unit.name, aliases))
    return Gazetteer.default().with_units(units)


def _terms(kind: str) -> list[str]:
    """Active entries of ``kind`` in the engine's ``"phrase=weight"`` notation."""
    rows = LexiconEntry.objects.filter(kind=kind, active=True).values_list("term", "weight")
    return [term if weight == 1 else f"{term}={weight:g}" for term, weight in rows]


#: Lexicon entry kinds → keys of the engine's tone lexicon mapping.
TONE_KEYS = {
    LexiconKind.TONE_NEGATIVE: "negative",
    LexiconKind.TONE_POSITIVE: "positive",
    LexiconKind.TONE_NEGATOR: "negators",
    LexiconKind.TONE_NEUTRALIZER: "neutralizers",
    LexiconKind.TONE_INTENSIFIER: "intensifiers",
}


def build_tone_lexicon() -> ToneLexicon:
    """The shipped tone lexicon plus the office's entries."""
    mapping = {key: list(values) for key, values in ToneLexicon.default().mapping.items()}
    for kind, key in TONE_KEYS.items():
        mapping.setdefault(key, []).extend(_terms(kind))
    return ToneLexicon.from_mapping(mapping)


def build_sector_lexicon() -> SectorLexicon:
    """The shipped sector lexicon plus the office's sector keywords."""
    data = load_json("sector_lexicon.json")
    mapping: dict[str, list[str]] = {k: list(v) for k, v in data["sectors"].items()}
    rows = LexiconEntry.objects.filter(kind=LexiconKind.SECTOR, active=True).values_list(
        "sector_id", "term", "weight"
    )
    for sector, term, weight in rows:
        if sector in SECTOR_IDS:
            mapping.setdefault(sector, []).append(term if weight == 1 else f"{term}={weight:g}")
    mapping["foreign"] = list(data.get("foreign", ()))
    mapping["domestic"] = list(data.get("domestic", ()))
    return SectorLexicon.from_mapping(mapping)


def load_tone_model() -> ToneModel | None:
    """The latest trained model, or None (lexicon only). An incompatible stored model asks for
    a retraining and is not used meanwhile."""
    stored = ToneModelFile.objects.order_by("-trained_at", "-pk").first()
    if stored is None:
        return None
    try:
        return ToneModel.from_bytes(bytes(stored.blob))
    except IncompatibleModelError:
        logger.warning("stored tone model %s is incompatible; retraining", stored.pk)
        from analysis import training

        training.request_retrain(reason="incompatible")
        return None


def build_percolator() -> Percolator:
    percolator = Percolator()
    for topic in Topic.objects.filter(active=True).order_by("pk"):
        try:
            percolator.add(
                str(topic.pk),
                parse_query(topic.query, accent_insensitive=topic.accent_insensitive),
            )
        except QueryError:
            logger.warning("topic %s has an invalid query; skipped", topic.pk)
    return percolator


GAZETTEER = versions.Cached(versions.GAZETTEER, build_gazetteer)
TONE_LEXICON = versions.Cached(versions.LEXICON, build_tone_lexicon)
SECTOR_LEXICON = versions.Cached(versions.LEXICON, build_sector_lexicon)
TONE_MODEL = versions.Cached(versions.TONE_MODEL, lambda: _Box(load_tone_model()))
PERCOLATOR = versions.Cached(versions.TOPICS, build_percolator)


class _Box:
    """Holds an optional value, so that "no model" is cached too."""

    def __init__(self, value: ToneModel | None) -> None:
        self.value = value


def clear() -> None:
    """Forget every cached value (tests, and after a bulk change)."""
    for cached in (GAZETTEER, TONE_LEXICON, SECTOR_LEXICON, TONE_MODEL, PERCOLATOR):
        cached.clear()


def place_name(code: str) -> str:
    """The display name of a gazetteer place code (the code itself when unknown)."""
    place = GAZETTEER.get().place(code)
    return place.name if place is not None else code
