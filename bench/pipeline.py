"""The whole per-article pipeline against bare trafilatura (the anchor) on the same pages.

Corpus: ../shared/data/article-extraction-benchmark (181 English news pages), read in place,
never copied. No network: each page's file bytes stand for a fetched body.

Per page, one after the other (so a busy machine slows every run alike):

- the anchor: ``trafilatura.extract(html, fast=True)`` on the page already decoded to ``str``
  (so the anchor pays no charset detection; ours does), and, for the default mode,
  ``trafilatura.extract(html)`` with its default settings;
- ours, in fast mode (``PRESSWATCH_EXTRACT_FAST=true``) and in the default mode, as the
  ``monitoring.process_article`` job does it minus the HTTP request: load the article row, decode
  the bytes (``charset.decode_body``) into a ``FetchedPage``, ``extract_article``, then
  ``runner.save_page`` (one transaction: raw HTML, normalised text, attribution, hash, dedup,
  version, search entry, first re-check time); a page the stage refuses is kept and marked
  SKIPPED or QUARANTINED as the job does.

The articles are created beforehand with ``store.save_discovered`` (one source per mode, one
article per page, not timed). The database is a throwaway: each run happens in a child process
with its own ``PRESSWATCH_VAR_DIR`` (a temporary SQLite file) or its own PostgreSQL database,
created and dropped here when PostgreSQL answers at 127.0.0.1:5432.

    python -m bench.pipeline
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
CORPUS = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
#: Our fast pipeline should reach this share of bare trafilatura's fast-mode speed.
TARGET_RATIO = 0.6
WARMUP_PAGES = 5
STEPS = ("load+decode", "extract", "store+index")
MODES = ("fast", "default")
Report = dict[str, Any]


@dataclass(frozen=True)
class RawFile:
    id: str
    url: str
    body: bytes
    html: str  # the anchor's input (decoded here, outside the timing)


def load_files() -> list[RawFile]:
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    files = []
    for page_id, item in sorted(truth.items()):
        with gzip.open(CORPUS / "html" / f"{page_id}.html.gz", "rb") as file:
            body = file.read()
        url = item.get("url") or f"https://example.invalid/{page_id}"
        files.append(RawFile(page_id, url, body, body.decode("utf-8", "replace")))
    return files


# --- child: one database, every page through every run --------------------------------------


def _articles(mode: str, files: list[RawFile]) -> list[Any]:
    """One source for ``mode`` and one discovered article per page, as a poll stores them."""
    from monitoring import store
    from monitoring.choices import SourceKind
    from monitoring.models import Article, Source
    from monitoring.pipeline.types import FeedEntry

    source = Source.objects.create(
        name=f"bench {mode}", kind=SourceKind.FEED, url=f"https://{mode}.bench.invalid/rss"
    )
    entries = [FeedEntry(url=f"https://{mode}.bench.invalid/a/{f.id}", title=f.id) for f in files]
    ids = store.save_discovered(source, entries)
    by_url = {a.url: a.pk for a in Article.objects.filter(pk__in=ids)}
    return [by_url[entry.url] for entry in entries]


def _process(article_id: int, raw: RawFile, *, fast: bool) -> tuple[list[float], str]:
    """The per-article work with the seconds of each step in :data:`STEPS`; the final status."""
    from django.utils import timezone

    from monitoring import runner, store
    from monitoring.choices import ArticleStatus
    from monitoring.models import Article
    from monitoring.pipeline.charset import decode_body, find_declared_charset
    from monitoring.pipeline.extract import extract_article
    from monitoring.pipeline.types import FetchedPage, QuarantineError, SkipError, StageError

    t0 = time.perf_counter()
    article = Article.objects.select_related("source__press_agency").get(pk=article_id)
    body = raw.body
    try:
        text, encoding = decode_body(
            body, header_charset=None, declared=find_declared_charset(body)
        )
    except QuarantineError:
        text, encoding = "", ""
    page = FetchedPage(
        raw.url, raw.url, 200, "text/html", body, text, encoding, timezone.now()
    )  # fmt: skip
    article.fetched_at = timezone.now()
    t1 = time.perf_counter()
    try:
        extracted = extract_article(page, fast=fast)
    except StageError as error:  # as runner.store_page and the job do
        t2 = time.perf_counter()
        store.save_raw(article, page)
        status = (
            ArticleStatus.SKIPPED if isinstance(error, SkipError) else ArticleStatus.QUARANTINED
        )
        store.mark(article, status, error.reason)
        return [t1 - t0, t2 - t1, time.perf_counter() - t2], str(status)
    t2 = time.perf_counter()
    runner.save_page(article, page, extracted, first_check=True)
    t3 = time.perf_counter()
    return [t1 - t0, t2 - t1, t3 - t2], str(article.status)


def _anchor(html: str, *, fast: bool) -> float:
    import trafilatura

    start = time.perf_counter()
    trafilatura.extract(html, fast=fast)
    return time.perf_counter() - start


def _measure(files: list[RawFile]) -> Report:
    warmup = _articles("warmup", files[:WARMUP_PAGES])
    for article_id, raw in zip(warmup, files, strict=False):
        _anchor(raw.html, fast=True)
        _process(article_id, raw, fast=True)
    articles = {mode: _articles(mode, files) for mode in MODES}
    anchor = dict.fromkeys(MODES, 0.0)
    steps = {mode: [0.0] * len(STEPS) for mode in MODES}
    statuses: dict[str, dict[str, int]] = {mode: {} for mode in MODES}
    for index, raw in enumerate(files):
        for mode in MODES:
            fast = mode == "fast"
            anchor[mode] += _anchor(raw.html, fast=fast)
            seconds, status = _process(articles[mode][index], raw, fast=fast)
            steps[mode] = [a + b for a, b in zip(steps[mode], seconds, strict=True)]
            statuses[mode][status] = statuses[mode].get(status, 0) + 1
    return {"pages": len(files), "anchor": anchor, "steps": steps, "statuses": statuses}


def _child_main() -> None:
    sys.path.insert(0, str(SRC))
    import django
    from django.core.management import call_command

    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    django.setup()
    call_command("migrate", verbosity=0)
    sys.stdout.write(json.dumps(_measure(load_files())) + "\n")


# --- parent: one child per database, then the side-by-side table ----------------------------


def _admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES + "postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(statement)


def _postgres_reachable() -> bool:
    try:
        _admin("SELECT 1")
    except Exception:
        return False
    return True


def _child(vendor: str, workdir: Path) -> Report:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSWATCH_")}
    env |= {
        "PRESSWATCH_VAR_DIR": str(workdir / vendor),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": os.pathsep.join([str(SRC), str(ROOT)]),
    }
    database = f"pw_bench_pipeline_{os.getpid()}" if vendor == "postgresql" else ""
    if database:
        _admin(f'CREATE DATABASE "{database}"')
        env["PRESSWATCH_DATABASE_URL"] = POSTGRES + database
    command = [sys.executable, "-m", "bench.pipeline", "--child"]
    try:
        done = subprocess.run(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True
        )
    finally:
        if database:
            _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _row(name: str, pages: int, seconds: float, anchor_seconds: float | None = None) -> str:
    text = f"    {name:<46} {pages / seconds:8.1f} {1000 * seconds / pages:9.2f}"
    if anchor_seconds is not None:
        text += f" {anchor_seconds / seconds:7.2f}x"
    return text


def _table(vendor: str, report: Report) -> list[str]:
    pages, anchor, steps = report["pages"], report["anchor"], report["steps"]
    lines = [f"  {vendor}:", f"    {'run':<46} {'pages/s':>8} {'ms/page':>9} {'ours/anchor':>8}"]
    labels = {
        "fast": (
            "trafilatura.extract(html, fast=True)  [anchor]",
            "ours, extract_article(fast=True)",
        ),
        "default": ("trafilatura.extract(html)  [anchor, default]", "ours, extract_article()"),
    }
    for mode in MODES:
        anchor_label, ours_label = labels[mode]
        ours = sum(steps[mode])
        lines.append(_row(anchor_label, pages, anchor[mode]))
        lines.append(_row(ours_label, pages, ours, anchor[mode]))
        if mode == "default":  # the default pipeline against the fast anchor too
            lines.append(
                _row("ours, extract_article() vs the fast anchor", pages, ours, anchor["fast"])
            )
        split = ", ".join(
            f"{step} {1000 * s / pages:.2f}" for step, s in zip(STEPS, steps[mode], strict=True)
        )
        counts = ", ".join(f"{k} {v}" for k, v in sorted(report["statuses"][mode].items()))
        lines.append(f"      ms/page by step: {split}; statuses: {counts}")
    ratio = anchor["fast"] / sum(steps["fast"])
    verdict = "met" if ratio >= TARGET_RATIO else "MISSED"
    lines.append(f"    target: fast pipeline ≥ {TARGET_RATIO}x the fast anchor: {verdict}")
    return lines


def run() -> None:
    if not CORPUS.exists():
        sys.stdout.write(f"pipeline: corpus not found at {CORPUS}; skipped\n")
        return
    vendors = ["sqlite"] + (["postgresql"] if _postgres_reachable() else [])
    parent = os.environ.get("PRESSWATCH_VAR_DIR") or None
    workdir = Path(tempfile.mkdtemp(prefix="bench-pipeline-", dir=parent))
    try:
        reports = {vendor: _child(vendor, workdir) for vendor in vendors}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    first = next(iter(reports.values()))
    lines = [
        f"pipeline: whole per-article pipeline vs bare trafilatura, {first['pages']} pages of the "
        "Zyte article-extraction-benchmark (file bytes as the fetched body; no HTTP)",
        "  ours = load row, charset decode, extract, then one transaction: raw HTML, text "
        "(normalise, attribution, hash, dedup, version), search entry, re-check time",
    ]
    for vendor, report in reports.items():
        lines += _table(vendor, report)
    if "postgresql" not in reports:
        lines.append("  PostgreSQL not reachable at 127.0.0.1:5432: SQLite only")
    sys.stdout.write("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    if parser.parse_args().child:
        _child_main()
    else:
        run()


if __name__ == "__main__":
    main()
