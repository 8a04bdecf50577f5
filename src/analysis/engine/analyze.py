"""One item through every stage: places and units, sectors, tone; one explanation."""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

from analysis.engine.gazetteer import Gazetteer
from analysis.engine.sectors import SectorHit, SectorLexicon, classify
from analysis.engine.tagging import LocalityResult, tag
from analysis.engine.tone import ToneLexicon, ToneModel, ToneResult, score_tone


@dataclass(frozen=True)
class Analysis:
    about_province: bool
    localities: tuple[str, ...]
    units: tuple[str, ...]
    sectors: tuple[str, ...]  # ids, primary first
    sector_hits: tuple[SectorHit, ...]
    tone: ToneResult
    explanation: tuple[str, ...]
    locality: LocalityResult


def split_lead(text: str) -> tuple[str, str]:
    """(first paragraph, the rest) of an article text."""
    text = text.strip()
    for separator in ("\n\n", "\n"):
        head, found, rest = text.partition(separator)
        if found:
            return head.strip(), rest.strip()
    return text, ""


def analyze(  # noqa: PLR0913 (the stages' data, all keyword-only but the item)
    item_title: str,
    item_text: str,
    *,
    lead: str = "",
    gazetteer: Gazetteer | None = None,
    sector_lexicon: SectorLexicon | None = None,
    tone_lexicon: ToneLexicon | None = None,
    tone_model: ToneModel | None = None,
    on: datetime.date | None = None,
) -> Analysis:
    """Analyse one item. Without ``lead`` the first paragraph of the text is the lead."""
    title = unicodedata.normalize("NFC", item_title or "")
    text = unicodedata.normalize("NFC", item_text or "")
    if lead:
        lead = unicodedata.normalize("NFC", lead)
        body = text
        if body.startswith(lead):
            body = body[len(lead) :].lstrip()
    else:
        lead, body = split_lead(text)
    locality = tag(gazetteer or Gazetteer.default(), title=title, lead=lead, body=body, on=on)
    hits = classify(title, lead, body, lexicon=sector_lexicon)
    tone = score_tone(title, lead, body, lexicon=tone_lexicon, model=tone_model)
    explanation = [*locality.explanation]
    for hit in hits:
        if hit.sector == "khac":
            reason = ", ".join(hit.evidence) if hit.evidence else "no sector term is strong enough"
            explanation.append(f"Sector khac: {reason}.")
        else:
            explanation.append(
                f"Sector {hit.sector} (score {hit.score:g}): {', '.join(hit.evidence)}."
            )
    drivers = ", ".join(tone.drivers) if tone.drivers else "no tone term"
    explanation.append(f"Tone {tone.label} ({tone.method}, score {tone.score:+.2f}): {drivers}.")
    return Analysis(
        about_province=locality.about_province,
        localities=locality.localities,
        units=locality.units,
        sectors=tuple(h.sector for h in hits),
        sector_hits=hits,
        tone=tone,
        explanation=tuple(explanation),
        locality=locality,
    )
