"""The keys an article's text is matched on (rules, search, dedup); the display text stays as is.

Pure: built on :mod:`core.text`, no framework imports.
"""

from __future__ import annotations

from core.text import fold_diacritics, tone_key
from monitoring.pipeline.types import MatchingText


def matching_text(text: str) -> MatchingText:
    """Both matching keys of ``text``: tone-placement-insensitive and accent-insensitive.

    ``tone_key`` lower-cases and unifies the tone-mark placement (``hòa`` = ``hoà``), so a rule
    typed either way matches; ``folded`` also drops every diacritic (``Đắk Nông`` → ``dak nong``)
    for rules and searches typed without accents. Both come from NFC text with white space
    normalised; compare keys only with keys made by the same function.
    """
    return MatchingText(tone_key=tone_key(text), folded=fold_diacritics(text))
