"""Matching keys over real Vietnamese news text against bare NFC normalisation (the anchor).

Corpus: ../shared/data/ktlab-vietnamese-mds-200/articles.jsonl (read in place, never copied).
Prints characters per second of `normalize_text`, `tone_key` and `fold_diacritics` beside
`unicodedata.normalize("NFC", …)` on the same texts, with the ratio.
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from core.text import fold_diacritics, normalize_text, tone_key

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "ktlab-vietnamese-mds-200"
    / "articles.jsonl"
)


def _texts() -> list[str]:
    texts = []
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            texts.append(str(row.get("text") or row.get("body") or ""))
    return [t for t in texts if t]


def _rate(function: Callable[[str], str], texts: list[str], rounds: int = 3) -> float:
    chars = sum(len(t) for t in texts)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - start)
    return chars / best


def run() -> None:
    if not CORPUS.exists():
        sys.stdout.write(f"text_keys: corpus not found at {CORPUS}; skipped\n")
        return
    texts = _texts()
    anchor = _rate(lambda t: unicodedata.normalize("NFC", t), texts)
    sys.stdout.write(
        f"text_keys: {len(texts)} articles, {sum(map(len, texts)):,} characters\n"
        f"  anchor unicodedata NFC      {anchor / 1e6:8.2f} M chars/s\n"
    )
    for name, function in [
        ("normalize_text", normalize_text),
        ("tone_key", tone_key),
        ("fold_diacritics", fold_diacritics),
    ]:
        rate = _rate(function, texts)
        sys.stdout.write(
            f"  {name:<26} {rate / 1e6:8.2f} M chars/s   ratio to anchor {rate / anchor:6.3f}\n"
        )


if __name__ == "__main__":
    run()
