"""Full-text search on both backends: latency at scale and Vietnamese search quality.

1. Latency: 200,000 synthetic Vietnamese articles (``bench/search_corpus.py``) are loaded and
   indexed; typical queries (accent-insensitive words, phrases, tone-mark variants, filters on
   dates, sources, kinds and outlet levels) run 15 times each through ``monitoring.search.search``
   (ranking, count and snippets). Anchor: a plain ``LIKE '%Đắk Nông%'`` scan of the same
   articles, against the search for the same phrase (the ratio).
2. Quality: KTLab VietnameseMDS-200 (../shared/data/ktlab-vietnamese-mds-200, read in place):
   each cluster's name is a query (with and without diacritics), its articles the relevant
   ones; recall@10 and MRR@10 for all-words, any-word, and all-then-any (what the page does).

Each part runs in a child process with its own ``PRESSWATCH_VAR_DIR`` (a temporary folder, so a
throwaway SQLite file) or its own PostgreSQL database (created and dropped here when PostgreSQL
answers at 127.0.0.1:5432): the development database is never touched.

    python -m bench.search [--articles N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
DATA = ROOT.parent / "shared" / "data" / "ktlab-vietnamese-mds-200"
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
ARTICLES = 200_000
ROUNDS = 15
VENDORS = ("sqlite", "postgresql")
Report = dict[str, Any]


# --- parent: one child per (vendor, part), then the side-by-side table -------------------------


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


def _child(vendor: str, part: str, workdir: Path, articles: int) -> Report:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSWATCH_")}
    env |= {
        "PRESSWATCH_VAR_DIR": str(workdir / f"{vendor}-{part}"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": os.pathsep.join([str(SRC), str(ROOT)]),
    }
    database = f"pw_bench_search_{os.getpid()}_{part}" if vendor == "postgresql" else ""
    if database:
        _admin(f'CREATE DATABASE "{database}"')
        env["PRESSWATCH_DATABASE_URL"] = POSTGRES + database
    command = [sys.executable, "-m", "bench.search", "--child", part, "--articles", str(articles)]
    try:
        done = subprocess.run(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True
        )
    finally:
        if database:
            _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _latency_table(reports: dict[str, Report]) -> list[str]:
    vendors = list(reports)
    first = reports[vendors[0]]
    lines = [
        f"search: latency on {first['articles']:,} synthetic articles "
        "(ms per search() call: rank, count, snippets; 15 runs each)",
        f"  {'query':<46}" + "".join(f"{v + ' p50':>16}{'p95':>8}{'hits':>8}" for v in vendors),
    ]
    for index, row in enumerate(first["queries"]):
        cells = "".join(
            f"{r['queries'][index]['p50']:>16.1f}{r['queries'][index]['p95']:>8.1f}"
            f"{r['queries'][index]['hits']:>8}"
            for r in reports.values()
        )
        lines.append(f"  {row['label']:<46}{cells}")
    overall = "".join(f"{r['p50']:>16.1f}{r['p95']:>8.1f}{'':>8}" for r in reports.values())
    lines.append(f"  {'all queries':<46}{overall}")
    for vendor, r in reports.items():
        lines.append(
            f"  {vendor}: anchor LIKE '%Đắk Nông%' scan p50 {r['like_p50']:.1f} ms vs search "
            f"{r['phrase_p50']:.1f} ms: ratio {r['like_p50'] / r['phrase_p50']:.1f}x; "
            f"load {r['load_s']:.0f} s, index {r['index_s']:.0f} s "
            f"({r['articles'] / r['index_s']:,.0f} articles/s), database {r['size_mb']:,.0f} MB"
        )
    return lines


def _quality_table(reports: dict[str, Report]) -> list[str]:
    first = next(iter(reports.values()))
    lines = [
        f"search: quality on KTLab MDS-200 ({first['queries']} cluster names as queries, "
        f"{first['articles']} articles; recall@10 / MRR@10 / queries with no hit)",
        f"  {'mode':<28}" + "".join(f"{v:>30}" for v in reports),
    ]
    for key in first["metrics"]:
        cells = "".join(
            "{recall:>12.3f}{mrr:>9.3f}{empty:>9}".format(**r["metrics"][key])
            for r in reports.values()
        )
        lines.append(f"  {key:<28}{cells}")
    return lines


def run(articles: int = ARTICLES) -> None:
    vendors = [v for v in VENDORS if v == "sqlite" or _postgres_reachable()]
    if "postgresql" not in vendors:
        sys.stdout.write("search: PostgreSQL not reachable at 127.0.0.1:5432; SQLite only\n")
    parent = os.environ.get("PRESSWATCH_VAR_DIR") or None
    workdir = Path(tempfile.mkdtemp(prefix="bench-search-", dir=parent))
    try:
        latency = {v: _child(v, "latency", workdir, articles) for v in vendors}
        sys.stdout.write("\n".join(_latency_table(latency)) + "\n")
        if DATA.exists():
            quality = {v: _child(v, "quality", workdir, articles) for v in vendors}
            sys.stdout.write("\n".join(_quality_table(quality)) + "\n")
        else:
            sys.stdout.write(f"search: {DATA} not found; quality skipped\n")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# --- child: runs inside its own throwaway database ---------------------------------------------


def _progress(message: str) -> None:
    sys.stderr.write(f"  [search bench] {message}\n")


def _timings(function: Callable[[], object], rounds: int) -> list[float]:
    function()  # warm the caches
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18]


def _size_mb() -> float:
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "sqlite":
        path = Path(settings.DATABASES["default"]["NAME"])
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return float(cursor.fetchone()[0]) / 1e6


def _latency(articles: int) -> Report:
    from django.db import connection

    from bench.search_corpus import load_synthetic, typical_queries
    from monitoring.search import SearchQuery, get_backend, index_articles, search

    load_s, ids = load_synthetic(articles, _progress)
    _progress(f"{len(ids):,} articles loaded in {load_s:.0f} s; indexing")
    start = time.perf_counter()
    index_articles(ids, batch_size=2000)
    get_backend().optimize()
    index_s = time.perf_counter() - start
    _progress(f"indexed in {index_s:.0f} s; querying")
    rows, every = [], []
    for label, query in typical_queries():
        times = _timings(partial(search, query), ROUNDS)
        every.extend(times)
        hits = search(query).total
        rows.append(
            {"label": label, "p50": statistics.median(times), "p95": _p95(times), "hits": hits}
        )
    phrase = statistics.median(_timings(lambda: search(SearchQuery('"Đắk Nông"')), ROUNDS))

    def like() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM monitoring_article WHERE text LIKE %s", ["%Đắk Nông%"]
            )
            cursor.fetchone()

    return {
        "articles": len(ids),
        "load_s": load_s,
        "index_s": index_s,
        "queries": rows,
        "p50": statistics.median(every),
        "p95": _p95(every),
        "phrase_p50": phrase,
        "like_p50": statistics.median(_timings(like, 5)),
        "size_mb": _size_mb(),
    }


def _quality() -> Report:
    from bench.search_corpus import load_ktlab
    from core.text import fold_diacritics
    from monitoring.search import MatchMode, SearchQuery, search

    clusters, relevant = load_ktlab(DATA)
    _progress(f"KTLab loaded: {len(clusters)} clusters")

    def top10(text: str, mode: str) -> list[int]:
        match = MatchMode.ANY if mode == "any" else MatchMode.ALL
        result = search(SearchQuery(text, limit=10, match=match))
        if mode == "all, then any" and result.total == 0:
            result = search(SearchQuery(text, limit=10, match=MatchMode.ANY))
        return [hit.article_id for hit in result.hits]

    metrics: dict[str, dict[str, float]] = {}
    for mode in ("all", "any", "all, then any"):
        for accents in ("with diacritics", "without"):
            recalls, ranks, empty = [], [], 0
            for cluster_id, name in clusters:
                text = name if accents == "with diacritics" else fold_diacritics(name)
                found = top10(text, mode)
                wanted = relevant[cluster_id]
                recalls.append(len(wanted.intersection(found)) / len(wanted))
                first = next((i for i, pk in enumerate(found, 1) if pk in wanted), 0)
                ranks.append(1 / first if first else 0.0)
                empty += not found
            metrics[f"{mode} / {accents}"] = {
                "recall": statistics.fmean(recalls),
                "mrr": statistics.fmean(ranks),
                "empty": empty,
            }
    articles = sum(len(v) for v in relevant.values())
    return {"queries": len(clusters), "articles": articles, "metrics": metrics}


def _child_main(part: str, articles: int) -> None:
    sys.path.insert(0, str(SRC))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    report = _latency(articles) if part == "latency" else _quality()
    sys.stdout.write(json.dumps(report) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--child", choices=["latency", "quality"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child_main(args.child, args.articles)
    else:
        run(args.articles)


if __name__ == "__main__":
    main()
