"""Same-story clustering on the KTLab VietnameseMDS clusters: pairwise P/R/F1 and purity.

Corpus: ../shared/data/ktlab-vietnamese-mds-200/articles.jsonl (read in place, never copied).
628 articles in 199 hand-made clusters, each cluster 2–5 reports of one event from different
outlets, mostly written separately (see the corpus README). `dedup_items` finds copies, not
rewritten reports, so at its default settings it must be precise and will miss most same-event
pairs; the sweep shows how far lowering the threshold and the shingle size goes before unrelated
stories merge. Anchor: every article alone (precision undefined, recall 0, purity 1).

Pairwise: a pair of articles is predicted together when they share a cluster; precision, recall
and F1 against the hand-made clusters. Purity: share of articles whose predicted cluster's
majority gold cluster is their own; inverse purity: the same with the roles swapped.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from findings.engine.dedup import Item, dedup_items

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "ktlab-vietnamese-mds-200"
    / "articles.jsonl"
)
SETTINGS = ((0.5, 4), (0.5, 3), (0.3, 3), (0.3, 2), (0.2, 2))


def _purity(predicted: dict[str, str], gold: dict[str, str]) -> float:
    groups: dict[str, list[str]] = {}
    for key, label in predicted.items():
        groups.setdefault(label, []).append(key)
    majority = sum(
        Counter(gold[k] for k in members).most_common(1)[0][1] for members in groups.values()
    )
    return majority / len(predicted)


def scores(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision, recall, F1, purity and inverse purity."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same_predicted = predicted[a] == predicted[b]
        tp += same_gold and same_predicted
        fp += same_predicted and not same_gold
        fn += same_gold and not same_predicted
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "purity": _purity(predicted, gold),
        "inverse_purity": _purity(gold, predicted),
    }


def run() -> None:
    if not CORPUS.exists():
        sys.stdout.write(f"dedup_clusters: corpus not found at {CORPUS}; skipped\n")
        return
    items, gold = [], {}
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            key = str(row["doc_id"])
            gold[key] = str(row["cluster_id"])
            items.append(Item(key, f"{row['summary']}\n{row['body']}", title=row["title"]))
    sys.stdout.write(
        f"dedup_clusters: {len(items)} articles, {len(set(gold.values()))} same-event clusters\n"
        f"  {'setting':<26}{'P':>7}{'R':>7}{'F1':>7}{'purity':>8}{'inv.pur':>8}{'clusters':>9}"
        f"{'time':>7}\n"
    )
    anchor = scores({k: k for k in gold}, gold)
    sys.stdout.write(
        f"  {'anchor: all singletons':<26}{'-':>7}{anchor['recall']:>7.3f}{0.0:>7.3f}"
        f"{anchor['purity']:>8.3f}{anchor['inverse_purity']:>8.3f}{len(gold):>9}\n"
    )
    for threshold, k in SETTINGS:
        start = time.perf_counter()
        results = dedup_items(items, threshold=threshold, shingle_size=k)
        elapsed = time.perf_counter() - start
        predicted = {r.id: r.cluster for r in results}
        s = scores(predicted, gold)
        label = f"threshold {threshold}, k={k}" + (
            " (default)" if (threshold, k) == (0.5, 4) else ""
        )
        sys.stdout.write(
            f"  {label:<26}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
            f"{s['purity']:>8.3f}{s['inverse_purity']:>8.3f}{len(set(predicted.values())):>9}"
            f"{elapsed:>6.1f}s\n"
        )


if __name__ == "__main__":
    run()
