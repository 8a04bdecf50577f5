"""Article extraction: our extract stage against bare trafilatura (the anchor) on the same pages.

Corpus: ../shared/data/article-extraction-benchmark (Zyte/scrapinghub, 181 English news pages
with human-checked bodies), read in place, never copied. No database is used.

Metric, as the benchmark's source README describes it: tokens are ``\\w+`` runs; each text
becomes a multiset of 4-token shingles; per page tp/fp/fn are the shingle counts in common, only
predicted and only expected, divided by their sum (so long pages weigh no more than short ones);
precision and recall are averaged over pages (pages with nothing to score skipped) and F1 is their
harmonic mean. A paired bootstrap over pages gives the 95% interval of the F1 difference.

Printed side by side: precision, recall, F1 and pages/s of

- ``trafilatura.extract(html)`` with default settings (the anchor), and in fast mode;
- ``extract_article(page)`` (``monitoring.pipeline.extract``: precision mode, no comments,
  metadata, attribution, NFC normalisation), and in fast mode;
- for reference, ``trafilatura.extract(html, include_comments=False)``, the call the benchmark's
  own trafilatura runner makes (published F1 0.958 for trafilatura 2.0.0).

Our stage runs with ``min_chars=0`` here so that a short page scores its text instead of being
skipped; how many pages the default minimum would skip is printed too.
"""

from __future__ import annotations

import datetime
import gzip
import json
import logging
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import trafilatura

from monitoring.pipeline.extract import DEFAULT_MIN_CHARS, extract_article
from monitoring.pipeline.types import FetchedPage, StageError

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / ("article-extraction-benchmark")
)
SHINGLE = 4
BOOTSTRAP_ROUNDS = 1000
#: Our F1 may trail bare trafilatura's by at most this much.
TARGET_F1_GAP = 0.01
_TOKEN = re.compile(r"\w+")

Scores = tuple[float, float, float]  # tp, fp, fn as shares of their sum


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: str
    expected: str


@dataclass(frozen=True)
class Run:
    name: str
    scores: list[Scores]
    pages_per_second: float
    skipped: int = 0


def load_pages() -> list[Page]:
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, item in sorted(truth.items()):
        with gzip.open(CORPUS / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as file:
            html = file.read()
        pages.append(Page(page_id, item.get("url", ""), html, item.get("articleBody") or ""))
    return pages


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    count = max(1, len(tokens) - SHINGLE + 1)
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(count) if tokens[i : i + SHINGLE])


def page_scores(expected: str, predicted: str) -> Scores:
    want, got = _shingles(expected), _shingles(predicted)
    tp, fp, fn = sum((want & got).values()), sum((got - want).values()), sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_recall_f1(scores: list[Scores]) -> tuple[float, float, float]:
    def ratio(hit: float, miss: float, other_miss: float) -> float:
        if miss == other_miss == 0:
            return 1.0
        return hit / (hit + miss) if hit + miss else 0.0

    precision = statistics.mean(ratio(tp, fp, fn) for tp, fp, fn in scores if tp + fp > 0)
    recall = statistics.mean(ratio(tp, fn, fp) for tp, fp, fn in scores if tp + fn > 0)
    return precision, recall, 2 * precision * recall / (precision + recall)


def f1_difference_interval(ours: list[Scores], anchor: list[Scores]) -> tuple[float, float]:
    """Mean and 95% half-width of F1(ours) - F1(anchor) over a paired bootstrap of pages."""
    rng = random.Random(20261126)
    n = len(ours)
    differences = []
    for _ in range(BOOTSTRAP_ROUNDS):
        sample = [rng.randrange(n) for _ in range(n)]
        ours_f1 = precision_recall_f1([ours[i] for i in sample])[2]
        anchor_f1 = precision_recall_f1([anchor[i] for i in sample])[2]
        differences.append(ours_f1 - anchor_f1)
    return statistics.mean(differences), 1.96 * statistics.stdev(differences)


def _run_all(extractors: dict[str, Callable[[Page], str]], pages: list[Page]) -> list[Run]:
    """Run every extractor on each page in turn, so a busy machine slows them all alike."""
    texts: dict[str, list[str]] = {name: [] for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    for page in pages:
        for name, extractor in extractors.items():
            start = time.perf_counter()
            texts[name].append(extractor(page))
            seconds[name] += time.perf_counter() - start
    return [
        Run(
            name,
            [page_scores(p.expected, text) for p, text in zip(pages, texts[name], strict=True)],
            len(pages) / seconds[name],
        )
        for name in extractors
    ]


def _fetched(page: Page) -> FetchedPage:
    return FetchedPage(
        url=page.url,
        final_url=page.url,
        status=200,
        content_type="text/html",
        body=b"",  # the stage reads ``text``; encoding the page again would only cost time
        text=page.html,
        encoding="utf-8",
        fetched_at=datetime.datetime.now(datetime.UTC),
    )


def _bare(*, fast: bool = False, include_comments: bool = True) -> Callable[[Page], str]:
    def extractor(page: Page) -> str:
        return trafilatura.extract(page.html, fast=fast, include_comments=include_comments) or ""

    return extractor


def _ours(*, fast: bool) -> Callable[[Page], str]:
    def extractor(page: Page) -> str:
        try:
            return extract_article(_fetched(page), min_chars=0, fast=fast).text
        except StageError:
            return ""

    return extractor


def _skipped_at_default(pages: list[Page]) -> int:
    skipped = 0
    for page in pages:
        try:
            extract_article(_fetched(page))
        except StageError:
            skipped += 1
    return skipped


def _line(run: Run, anchor: Run | None = None) -> str:
    precision, recall, f1 = precision_recall_f1(run.scores)
    text = f"  {run.name:<44} {precision:6.3f} {recall:7.3f} {f1:6.3f} {run.pages_per_second:8.1f}"
    if anchor is not None:
        anchor_f1 = precision_recall_f1(anchor.scores)[2]
        text += (
            f"   ΔF1 {f1 - anchor_f1:+.4f}  F1 ratio {f1 / anchor_f1:.3f}"
            f"  speed ratio {run.pages_per_second / anchor.pages_per_second:.2f}"
        )
    return text + "\n"


def run() -> None:
    if not CORPUS.exists():
        sys.stdout.write(f"extraction: corpus not found at {CORPUS}; skipped\n")
        return
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    pages = load_pages()
    bare, ours, bare_fast, ours_fast, runner = _run_all(
        {
            "trafilatura.extract (defaults)  [anchor]": _bare(),
            "extract_article": _ours(fast=False),
            "trafilatura.extract(fast=True)": _bare(fast=True),
            "extract_article(fast=True)": _ours(fast=True),
            "trafilatura.extract(include_comments=False)": _bare(include_comments=False),
        },
        pages,
    )
    mean, half_width = f1_difference_interval(ours.scores, bare.scores)
    gap = precision_recall_f1(bare.scores)[2] - precision_recall_f1(ours.scores)[2]
    sys.stdout.write(
        f"extraction: {len(pages)} pages of the Zyte article-extraction-benchmark, "
        f"{SHINGLE}-token shingles, macro-averaged\n"
        f"  {'':<44} {'prec':>6} {'recall':>7} {'F1':>6} {'pages/s':>8}\n"
        + _line(bare)
        + _line(ours, bare)
        + _line(bare_fast)
        + _line(ours_fast, bare_fast)
        + _line(runner, bare)
        + f"  paired bootstrap ΔF1 (ours - anchor): {mean:+.4f} ± {half_width:.4f} (95%)\n"
        f"  target: F1 within {TARGET_F1_GAP} of the anchor: "
        f"{'met' if gap <= TARGET_F1_GAP else 'MISSED'}\n"
        f"  pages skipped at the default minimum of {DEFAULT_MIN_CHARS} characters: "
        f"{_skipped_at_default(pages)}\n"
    )


if __name__ == "__main__":
    run()
