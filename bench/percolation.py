"""Topic percolation: 10,000 topic queries against 10,000 articles, against naive evaluation.

Corpus: ../shared/data/ktlab-vietnamese-mds-200/articles.jsonl (read in place, never copied):
the articles (title, summary as lead, body, outlet), repeated and shuffled up to 10,000
documents; the topics' vocabulary is drawn from the same text at run time — compound words of
the segmented titles as phrases, body syllables of middling frequency as words. Topics have
1–6 terms with phrases, ORs, some NOT, NEAR, prefixes, field scopes and accent-insensitive ones,
mostly an AND of two or three parts as watch topics are ("Lâm Đồng" AND (sạt lở OR lũ quét)).

Prints, side by side: parsing (queries/s), percolator build time and memory, articles/s through
the percolator (with default anchors and with anchors chosen from measured document
frequencies) and through naive evaluation of every topic on a sample of articles (the anchor),
the ratio, and candidate topics evaluated per article. Results are checked identical on the
sample.

    python -m bench.percolation [--topics N] [--articles N] [--naive-sample N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from analysis.engine.query import Document, Percolator, Query, document_frequencies, parse_query

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "ktlab-vietnamese-mds-200"
    / "articles.jsonl"
)
TOPICS = 10_000
ARTICLES = 10_000
NAIVE_SAMPLE = 100
SOURCE_TYPES = ("rss", "rss", "rss", "web", "social", "state_channel")


def _rows() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _documents(rows: list[dict[str, str]], count: int, rng: random.Random) -> list[Document]:
    documents: list[Document] = []
    while len(documents) < count:
        for row in rng.sample(rows, len(rows)):
            documents.append(
                Document(
                    title=str(row.get("title") or ""),
                    lead=str(row.get("summary") or ""),
                    body=str(row.get("body") or row.get("text") or ""),
                    outlet=str(row.get("outlet") or ""),
                    source_type=rng.choice(SOURCE_TYPES),
                )
            )
    return documents[:count]


def _vocabulary(rows: list[dict[str, str]]) -> tuple[list[str], list[str], list[str]]:
    """(words, phrases, outlets): body syllables and title compound words seen in at most 5 %
    of the articles' bodies (words in at least 0.2 %)."""
    df: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    compounds: Counter[str] = Counter()
    for row in rows:
        body = [w.lower() for w in str(row.get("body") or "").split()]
        df.update({w for w in body if w.isalpha()})
        pairs.update({f"{a} {b}" for a, b in itertools.pairwise(body)})
        for token in str(row.get("title_segmented") or "").split():
            parts = token.split("_")
            if len(parts) > 1 and all(p.isalpha() for p in parts):
                compounds[" ".join(parts).lower()] += 1
    low, high = 0.002 * len(rows), 0.05 * len(rows)
    words = sorted(w for w, n in df.items() if low <= n <= high and len(w) > 1)
    phrases = sorted(
        c for c, n in compounds.items() if n >= 2 and pairs[c] <= high and c.count(" ") < 3
    )
    outlets = sorted({str(r.get("outlet") or "").split(".")[0] for r in rows} - {""})
    return words, phrases, outlets


class _TopicMaker:
    """Watch-topic queries over a vocabulary: terms, OR groups, NEAR, fields, NOT, metadata."""

    def __init__(self, rng: random.Random, vocab: tuple[list[str], list[str], list[str]]) -> None:
        self.rng = rng
        self.words, self.phrases, self.outlets = vocab

    def term(self) -> str:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.45:
            return rng.choice(self.words)
        if roll < 0.9:
            return f'"{rng.choice(self.phrases)}"'
        stems = [w for w in (rng.choice(self.words) for _ in range(5)) if len(w) >= 4]
        return (stems[0][:4] + "*") if stems else rng.choice(self.words)

    def operand(self) -> str:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.25:
            return "(" + " OR ".join(self.term() for _ in range(rng.randint(2, 3))) + ")"
        if roll < 0.33:
            return f"{self.term()} NEAR/{rng.randint(3, 15)} {self.term()}"
        if roll < 0.40:
            return rng.choice(("title:", "lead:")) + self.term()
        return self.term()

    def topic(self) -> tuple[str, bool]:
        rng = self.rng
        parts = [self.operand() for _ in range(rng.choice((1, 2, 2, 2, 3, 3)))]
        if len(parts) == 1:
            parts = [f'"{rng.choice(self.phrases)}"']
        text = " AND ".join(parts) if rng.random() < 0.95 else " OR ".join(parts[:2])
        if rng.random() < 0.2:
            text = f"({text}) NOT {self.term()}"
        if rng.random() < 0.05:
            text += f" outlet:{rng.choice(self.outlets)}"
        if rng.random() < 0.03:
            text += " source_type:social"
        return text, rng.random() < 0.1


def _topics(
    count: int, rng: random.Random, vocab: tuple[list[str], list[str], list[str]]
) -> list[tuple[str, bool]]:
    maker = _TopicMaker(rng, vocab)
    return [maker.topic() for _ in range(count)]


def _percolate(percolator: Percolator, documents: list[Document]) -> tuple[float, float, float]:
    """(articles/s, candidates per article, matches per article) on fresh document objects."""
    fresh = [Document(d.title, d.lead, d.body, d.outlet, d.source_type) for d in documents]
    candidates = matches = 0
    start = time.perf_counter()
    for doc in fresh:
        matches += len(percolator.match(doc))
    elapsed = time.perf_counter() - start
    for doc in fresh:  # outside the timing: how many topics were evaluated exactly
        candidates += len(percolator.candidates(doc))
    return len(fresh) / elapsed, candidates / len(fresh), matches / len(fresh)


def _naive(
    queries: list[tuple[str, Query]], documents: list[Document]
) -> tuple[float, list[list[str]]]:
    fresh = [Document(d.title, d.lead, d.body, d.outlet, d.source_type) for d in documents]
    found = []
    start = time.perf_counter()
    for doc in fresh:
        found.append(sorted(topic for topic, q in queries if q.matches(doc)))
    return len(fresh) / (time.perf_counter() - start), found


def _tokenise_rate(documents: list[Document]) -> float:
    fresh = [Document(d.title, d.lead, d.body, d.outlet, d.source_type) for d in documents]
    start = time.perf_counter()
    for doc in fresh:
        doc.exact.text_keys  # noqa: B018 - builds the keys
    return len(fresh) / (time.perf_counter() - start)


def _memory(texts: list[tuple[str, bool]]) -> float:
    """MiB held by the parsed queries and a percolator over them (measured in a second pass)."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    percolator = Percolator()
    for number, (text, accent) in enumerate(texts):
        percolator.add(f"topic-{number:05d}", parse_query(text, accent_insensitive=accent))
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return held / 2**20


def run(topics: int = TOPICS, articles: int = ARTICLES, naive_sample: int = NAIVE_SAMPLE) -> None:
    if not CORPUS.exists():
        sys.stdout.write(f"percolation: corpus not found at {CORPUS}; skipped\n")
        return
    rng = random.Random(20261126)
    rows = _rows()
    documents = _documents(rows, articles, rng)
    texts = _topics(topics, rng, _vocabulary(rows))

    start = time.perf_counter()
    parsed = [
        (f"topic-{n:05d}", parse_query(t, accent_insensitive=a)) for n, (t, a) in enumerate(texts)
    ]
    parse_rate = len(parsed) / (time.perf_counter() - start)

    start = time.perf_counter()
    percolator = Percolator()
    for topic, query in parsed:
        percolator.add(topic, query)
    build = time.perf_counter() - start
    memory = _memory(texts)

    frequencies = document_frequencies(documents[: min(1000, len(documents))])
    learned = Percolator(frequencies=frequencies)
    for topic, query in parsed:
        learned.add(topic, query)

    sample = documents[:naive_sample]
    naive_rate, naive_found = _naive(parsed, sample)
    if [percolator.match(d) for d in sample] != naive_found or [
        learned.match(d) for d in sample
    ] != naive_found:
        raise SystemExit("percolation: results differ from naive evaluation")
    default_rate, default_candidates, per_article = _percolate(percolator, documents)
    learned_rate, learned_candidates, _ = _percolate(learned, documents)
    tokenise = _tokenise_rate(documents[:1000])

    out = sys.stdout.write
    out(
        f"percolation: {len(parsed):,} topics x {len(documents):,} articles "
        f"({len(rows)} distinct), {per_article:.1f} matching topics per article\n"
        f"  parse                          {parse_rate:10,.0f} queries/s\n"
        f"  percolator build               {build:10.2f} s        "
        f"memory (queries + index) {memory:6.1f} MiB\n"
        f"  tokenise + keys (exact) only   {tokenise:10,.0f} articles/s\n"
        f"  anchor: naive, every topic     {naive_rate:10,.1f} articles/s   "
        f"candidates {len(parsed):8,.0f} per article   (sample of {len(sample)})\n"
        f"  percolator, default anchors    {default_rate:10,.1f} articles/s   "
        f"candidates {default_candidates:8,.1f} per article   ratio to anchor "
        f"{default_rate / naive_rate:7.1f}\n"
        f"  percolator, measured df        {learned_rate:10,.1f} articles/s   "
        f"candidates {learned_candidates:8,.1f} per article   ratio to anchor "
        f"{learned_rate / naive_rate:7.1f}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=TOPICS)
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--naive-sample", type=int, default=NAIVE_SAMPLE)
    args = parser.parse_args()
    run(args.topics, args.articles, args.naive_sample)


if __name__ == "__main__":
    main()
