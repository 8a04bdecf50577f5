"""Quality and speed of the analysis engine: tone, sectors, "about the province".

Labelled set: ``bench/labels/ktlab_tone_sector.json`` (ids and labels only, written by reading the
articles); the articles are read at run time from
``../shared/data/ktlab-vietnamese-mds-200/articles.jsonl`` (never copied into the repository).

Prints, for the labelled news set:
- tone by the lexicon alone: macro-F1 and the confusion matrix;
- tone by the trained model (5-fold cross-validation: trained on 4/5 of the labels, scored on the
  rest, every item scored once);
- the primary sector by the sector lexicon: macro-F1, accuracy and the confusion matrix;
- "about the province": precision, recall;
and a sanity check on UIT-VSFC (student feedback, not news): the lexicon on the test split and a
model trained on the train split, scored on the test split. Then the time of tagging + sectors +
tone for one ~800-word article.

Run: ``.venv/bin/python -m bench.analysis_quality``.
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from analysis.engine.analyze import analyze
from analysis.engine.gazetteer import Gazetteer
from analysis.engine.sectors import SECTOR_IDS, SectorLexicon, classify
from analysis.engine.tagging import tag
from analysis.engine.tone import LABELS, ToneLexicon, ToneModel, score_tone

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
KTLAB = DATA / "ktlab-vietnamese-mds-200" / "articles.jsonl"
UIT = DATA / "uit-vsfc"
LABELS_FILE = HERE / "labels" / "ktlab_tone_sector.json"
UIT_LABELS = {"0": "negative", "1": "neutral", "2": "positive"}


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def confusion(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> str:
    short = [label[:10] for label in labels]
    width = max(10, *(len(s) for s in short))
    lines = ["    gold \\ predicted " + " ".join(f"{s:>{width}}" for s in short)]
    for label, name in zip(labels, short, strict=True):
        row = [
            sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == column)
            for column in labels
        ]
        lines.append(f"    {name:<19} " + " ".join(f"{n:>{width}}" for n in row))
    return "\n".join(lines)


def report(name: str, gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> None:
    accuracy = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold)
    sys.stdout.write(
        f"  {name}: macro-F1 {macro_f1(gold, predicted, labels):.3f}, accuracy {accuracy:.3f}"
        f" (n={len(gold)})\n{confusion(gold, predicted, labels)}\n"
    )


def _articles() -> dict[str, dict[str, str]]:
    found = {}
    with KTLAB.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            found[str(row["doc_id"])] = row
    return found


def _published(value: str) -> datetime.date | None:
    """The date of a KTLab "dd/mm/yyyy HH:MM" time."""
    try:
        return datetime.datetime.strptime(value.strip(), "%d/%m/%Y %H:%M").date()
    except ValueError:
        return None


def news() -> list[dict[str, Any]]:
    labels = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    articles = _articles()
    items = []
    for item in labels["items"]:
        article = articles.get(item["id"])
        if article is None:
            continue
        items.append(
            {
                **item,
                "title": article["title"] or "",
                "lead": article.get("summary") or "",
                "body": article.get("body") or "",
                "on": _published(article.get("time") or ""),
            }
        )
    return items


def run_news() -> None:
    items = news()
    lexicon = ToneLexicon.default()
    gold = [str(i["tone"]) for i in items]
    sys.stdout.write(f"analysis quality: {len(items)} labelled news articles (ktlab)\n")
    predicted = [
        lexicon.score(str(i["title"]), str(i["lead"]), str(i["body"])).label for i in items
    ]
    report("tone, lexicon", gold, predicted, LABELS)

    folds = 5
    model_predicted = [""] * len(items)
    for fold in range(folds):
        train = [
            (f"{i['title']}\n{i['lead']}\n{i['body']}", str(i["tone"]))
            for n, i in enumerate(items)
            if n % folds != fold
        ]
        model = ToneModel.train(train, lexicon=lexicon)
        for n, i in enumerate(items):
            if n % folds == fold:
                result = score_tone(str(i["title"]), str(i["lead"]), str(i["body"]), model=model)
                model_predicted[n] = result.label
    report("tone, model (5-fold cross-validation)", gold, model_predicted, LABELS)

    sectors = SectorLexicon.default()
    sector_gold = [str(i["sectors"][0]) for i in items]
    sector_predicted = [
        classify(str(i["title"]), str(i["lead"]), str(i["body"]), lexicon=sectors)[0].sector
        for i in items
    ]
    present = [s for s in SECTOR_IDS if s in sector_gold or s in sector_predicted]
    report("primary sector, lexicon", sector_gold, sector_predicted, present)

    gazetteer = Gazetteer.default()
    tp = fp = fn = 0
    for i in items:
        about = tag(
            gazetteer, title=str(i["title"]), lead=str(i["lead"]), body=str(i["body"]), on=i["on"]
        )
        truth = bool(i["about_province"])
        tp += about.about_province and truth
        fp += about.about_province and not truth
        fn += truth and not about.about_province
    sys.stdout.write(
        f"  about the province: {tp} true positive(s), {fp} false positive(s),"
        f" {fn} false negative(s) of {sum(1 for i in items if i['about_province'])} labelled\n"
    )


def _uit(split: str) -> list[tuple[str, str]]:
    sentences = (UIT / split / "sents.txt").read_text(encoding="utf-8").splitlines()
    labels = (UIT / split / "sentiments.txt").read_text(encoding="utf-8").splitlines()
    return [(s, UIT_LABELS[y.strip()]) for s, y in zip(sentences, labels, strict=True)]


def run_uit() -> None:
    if not (UIT / "test" / "sents.txt").exists():
        sys.stdout.write("UIT-VSFC not found; skipped\n")
        return
    test = _uit("test")
    train = _uit("train")
    lexicon = ToneLexicon.default()
    gold = [y for _s, y in test]
    sys.stdout.write(f"UIT-VSFC sanity check (student feedback, not news): test n={len(test)}\n")
    report("tone, lexicon", gold, [lexicon.score(s).label for s, _y in test], LABELS)
    start = time.perf_counter()
    model = ToneModel.train(train, lexicon=lexicon)
    seconds = time.perf_counter() - start
    predicted = [model.predict(s).label for s, _y in test]
    report(
        f"tone, model trained on UIT train (n={len(train)}, {seconds:.1f} s)",
        gold,
        predicted,
        LABELS,
    )


def run_speed() -> None:
    """Each sample is a different 800-word text (no cache can help), analysed once."""
    items = news()
    words = " ".join(str(i["body"]) for i in items).split()
    texts = [" ".join(words[start : start + 800]) for start in range(0, len(words) - 800, 350)]
    gazetteer = Gazetteer.default()
    analyze("Khởi động", "bộ nhớ đệm", gazetteer=gazetteer)  # load the data files
    samples = []
    cpu = []
    for number, text in enumerate(texts):
        title = str(items[number % len(items)]["title"])
        start, start_cpu = time.perf_counter(), time.process_time()
        analyze(title, text, gazetteer=gazetteer)
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    samples.sort()
    sys.stdout.write(
        "speed: tagging + sectors + tone (analyze) for one 800-word article,"
        f" {len(samples)} different texts: CPU time median {statistics.median(cpu) * 1000:.2f} ms;"
        f" wall clock median {statistics.median(samples) * 1000:.2f} ms,"
        f" p95 {samples[int(len(samples) * 0.95)] * 1000:.2f} ms"
        f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n"
    )


def run() -> None:
    if not KTLAB.exists():
        sys.stdout.write(f"analysis_quality: corpus not found at {KTLAB}; skipped\n")
        return
    run_news()
    run_uit()
    run_speed()


if __name__ == "__main__":
    run()
