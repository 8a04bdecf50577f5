"""Publication-to-alert latency in the demo news ecosystem with the shortest poll interval.

The whole system runs as real processes, as ``make demo`` runs it: ``presswatch demo_sites`` (the
simulated outlets, ``--speed`` times faster than the scenario) and ``presswatch up --no-web`` (the
Huey consumer with the periodic scheduler), after ``migrate``, ``bootstrap --demo`` and
``monitoring_demo_sources``. Every demo source is set to the shortest poll interval (1 minute,
minimum and maximum). The run lasts until the last item of the scenario has appeared, then until
every item that appeared is analysed (at most :data:`TAIL_SECONDS` more).

An item's publication time is the moment it appears on its outlet: the demo server's start
(printed in its banner, to the second) plus the item's scenario minute divided by the speed (see
``docs/demo.md``, "Timeline"); only items that appear after the start count. For every alert on
such an item, latency = ``Alert.created_at`` - publication, split into publication → discovered
(``Article.discovered_at``: the poll that found it), discovered → fetched (``fetched_at``),
fetched → analysed (``ArticleAnalysis.analysed_at``) and analysed → alert.
The anchor is the target of the issue: every alert within 120 s of publication.

Each backend runs in its own variable directory with its own database: SQLite + SqliteHuey, and,
when PostgreSQL answers at 127.0.0.1:5432 and Redis at 127.0.0.1:6379, PostgreSQL + RedisHuey (a
database created and dropped here, Redis database :data:`REDIS_DB`, flushed before and after).

    python -m bench.alert_latency [--speed 12]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
REDIS_DB = 13
REDIS = f"redis://127.0.0.1:6379/{REDIS_DB}"
#: The issue's bound: an alert within this many seconds of the item's publication.
TARGET_SECONDS = 120.0
#: After the last item appeared: seconds to wait at most for the analyses to finish.
TAIL_SECONDS = 240.0
STAGES = (
    ("publication → discovered", "published", "discovered"),
    ("discovered → fetched", "discovered", "fetched"),
    ("fetched → analysed", "fetched", "analysed"),
    ("analysed → alert", "analysed", "alert"),
)
Report = dict[str, Any]

# --- child: read the outcome from the database ----------------------------------------------


def _iso(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _collect() -> Report:
    """The demo articles with their times, analyses and alerts, and every source's polls."""
    from analysis.models import Alert, ArticleAnalysis
    from monitoring.models import Article, SourcePoll

    analysed = dict(ArticleAnalysis.objects.values_list("article_id", "analysed_at"))
    alerts: dict[int, list[dict[str, Any]]] = {}
    for article_id, user, kind, created, explanation in Alert.objects.values_list(
        "article_id", "user__username", "rule__kind", "created_at", "explanation"
    ):
        alerts.setdefault(article_id, []).append(
            {"user": user, "kind": kind, "created": _iso(created), "explained": bool(explanation)}
        )
    articles = [
        {
            "url": url,
            "canonical_url": canonical,
            "status": status,
            "discovered": _iso(discovered),
            "fetched": _iso(fetched),
            "analysed": _iso(analysed.get(pk)),
            "alerts": alerts.get(pk, []),
        }
        for pk, url, canonical, status, discovered, fetched in Article.objects.values_list(
            "pk", "url", "canonical_url", "status", "discovered_at", "fetched_at"
        )
    ]
    polls: dict[int, list[str | None]] = {}
    for source_id, started in SourcePoll.objects.order_by("started_at").values_list(
        "source_id", "started_at"
    ):
        polls.setdefault(source_id, []).append(_iso(started))
    return {"articles": articles, "polls": polls}


def _child_main() -> None:
    sys.path.insert(0, str(SRC))
    import django

    django.setup()
    sys.stdout.write(json.dumps(_collect()) + "\n")


# --- parent: one process set per backend ----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES + "postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(statement)


def _flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS, socket_connect_timeout=3).flushdb()


def _services_reachable() -> bool:
    try:
        _admin("SELECT 1")
        _flush_redis()
    except Exception:
        return False
    return True


class Backend:
    """One process set (demo sites + `up --no-web`) on its own variable directory and database."""

    def __init__(self, vendor: str, workdir: Path, speed: float) -> None:
        self.vendor = vendor
        self.speed = speed
        self.var = workdir / vendor
        self.var.mkdir(parents=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSWATCH_")}
        self.env |= {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PYTHONPATH": os.pathsep.join([str(SRC), str(ROOT)]),
            "PRESSWATCH_VAR_DIR": str(self.var),
            "PRESSWATCH_DEMO": "true",
            "PRESSWATCH_FETCH_PRIVATE_ALLOW": "127.0.0.0/8",
        }
        self.database = f"pw_bench_alerts_{os.getpid()}" if vendor == "postgresql" else ""
        if self.database:
            _admin(f'CREATE DATABASE "{self.database}"')
            _flush_redis()
            self.env["PRESSWATCH_DATABASE_URL"] = POSTGRES + self.database
            self.env["PRESSWATCH_REDIS_URL"] = REDIS
        self.processes: list[subprocess.Popen[bytes]] = []

    def presswatch(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "config.cli", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"presswatch {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def start(self, *args: str) -> Path:
        log = self.var / f"{args[0]}.log"
        with log.open("wb") as output:
            self.processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "config.cli", *args],
                    cwd=ROOT,
                    env=self.env,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            )
        return log

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.database:
            _admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            _flush_redis()

    def collect(self) -> Report:
        done = subprocess.run(
            [sys.executable, "-m", "bench.alert_latency", "--collect"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _banner_start(log: Path, timeout: float = 60) -> datetime.datetime:
    """The demo server's start time, from the first line it prints."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if "started " in text:
            stamp = text.split("started ", 1)[1].split(")", 1)[0]
            return datetime.datetime.fromisoformat(stamp)
        time.sleep(0.2)
    raise RuntimeError(f"the demo server printed no banner in {log}")


def _scenario(speed: float) -> list[tuple[str, str, str, float]]:
    """(key, outlet, path, minute) of every story that appears after the start."""
    sys.path.insert(0, str(SRC))
    from demo.content import load_ecosystem

    return [(s.key, s.outlet, s.path, s.at) for s in load_ecosystem().stories if s.at > 0]


def _story_of(url: str, base: str, paths: dict[tuple[str, str], str]) -> str | None:
    if not url.startswith(base + "/"):
        return None
    outlet, _, path = url[len(base) + 1 :].partition("/")
    return paths.get((outlet, urllib.parse.unquote(path)))


def run_backend(vendor: str, workdir: Path, speed: float) -> Report:
    backend = Backend(vendor, workdir, speed)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    scenario = _scenario(speed)
    try:
        backend.presswatch("migrate", "--no-input", "-v", "0")
        backend.presswatch("bootstrap", "--demo")
        backend.presswatch("monitoring_demo_sources", base)
        backend.presswatch(
            "shell",
            "-c",
            "from monitoring.models import Source; "
            "Source.objects.update(min_poll_minutes=1, max_poll_minutes=1, poll_minutes=1)",
        )
        start = _banner_start(
            backend.start("demo_sites", "--port", str(port), "--speed", str(speed))
        )
        backend.start("up", "--no-web")
        last = start + datetime.timedelta(minutes=max(at for *_, at in scenario) / speed)
        time.sleep(max(0.0, (last - datetime.datetime.now(start.tzinfo)).total_seconds()))
        deadline = time.monotonic() + TAIL_SECONDS
        while True:
            report = backend.collect()
            if _pending(report, base, scenario) == 0 or time.monotonic() > deadline:
                break
            time.sleep(10)
    finally:
        backend.stop()
    report |= {"start": start.isoformat(), "base": base, "speed": speed}
    return _measure(report, scenario)


def _pending(report: Report, base: str, scenario: list[tuple[str, str, str, float]]) -> int:
    """Scenario items not analysed yet (never discovered, or discovered and not analysed)."""
    paths = {(outlet, path): key for key, outlet, path, _ in scenario}
    done = {
        _story_of(a["url"], base, paths) for a in report["articles"] if a["analysed"] is not None
    }
    skipped = {
        _story_of(a["url"], base, paths)
        for a in report["articles"]
        if a["status"] in {"skipped", "quarantined", "failed", "duplicate"}
    }
    return len(set(paths.values()) - done - skipped)


def _seconds(later: str | None, earlier: datetime.datetime | str | None) -> float | None:
    if later is None or earlier is None:
        return None
    first = earlier if isinstance(earlier, datetime.datetime) else _parse(earlier)
    return (_parse(later) - first).total_seconds()


def _parse(stamp: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(stamp)


def _measure(report: Report, scenario: list[tuple[str, str, str, float]]) -> Report:
    start = _parse(report["start"])
    paths = {(outlet, path): (key, at) for key, outlet, path, at in scenario}
    keys = {(outlet, path): key for (outlet, path), (key, _at) in paths.items()}
    published = {
        key: start + datetime.timedelta(minutes=at / report["speed"])
        for (key, at) in paths.values()
    }
    items: dict[str, dict[str, Any]] = {}
    latencies: list[float] = []
    stages: dict[str, list[float]] = {name: [] for name, *_ in STAGES}
    item_latency: list[float] = []  # per scenario item: publication → analysed
    for article in report["articles"]:
        key = _story_of(article["url"], report["base"], keys)
        if key is None:
            continue
        items[key] = article
        moment = published[key]
        analysed = _seconds(article["analysed"], moment)
        if analysed is not None:
            item_latency.append(analysed)
        for alert in article["alerts"]:
            times = {
                "published": moment.isoformat(),
                "discovered": article["discovered"],
                "fetched": article["fetched"],
                "analysed": article["analysed"],
                "alert": alert["created"],
            }
            latency = _seconds(alert["created"], moment)
            if latency is None:
                continue
            latencies.append(latency)
            for name, earlier, later in STAGES:
                value = _seconds(times[later], times[earlier])
                if value is not None:
                    stages[name].append(value)
    gaps = [
        b - a
        for polls in report["polls"].values()
        for a, b in zip(
            [_parse(p).timestamp() for p in polls[1:-1]],
            [_parse(p).timestamp() for p in polls[2:]],
            strict=True,
        )
    ]  # from the second poll on: the first one waits for the base set
    return {
        "scenario_items": len(paths),
        "discovered": len(items),
        "analysed": len(item_latency),
        "alerted_items": sum(1 for a in items.values() if a["alerts"]),
        "alerts": len(latencies),
        "latency": latencies,
        "item_latency": item_latency,
        "stages": stages,
        "poll_gaps": gaps,
    }


# --- the table ------------------------------------------------------------------------------


def _quantile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def _stats(values: list[float]) -> str:
    if not values:
        return f"{'-':>8} {'-':>8} {'-':>8}"
    return f"{_quantile(values, 0.5):8.1f} {_quantile(values, 0.95):8.1f} {max(values):8.1f}"


def _table(vendor: str, report: Report) -> list[str]:
    latency = report["latency"]
    within = sum(1 for value in latency if value <= TARGET_SECONDS)
    lines = [
        f"  {vendor}: {report['scenario_items']} scenario items, {report['discovered']} "
        f"discovered, {report['analysed']} analysed; {report['alerts']} alerts on "
        f"{report['alerted_items']} items",
        f"    {'seconds':<46} {'p50':>8} {'p95':>8} {'max':>8}",
        f"    {'publication → alert (every alert)':<46} {_stats(latency)}",
    ]
    for name, *_ in STAGES:
        lines.append(f"      {name:<44} {_stats(report['stages'][name])}")
    lines.append(
        f"    {'publication → analysed (every item)':<46} {_stats(report['item_latency'])}"
    )
    lines.append(f"    {'gap between two polls of a source':<46} {_stats(report['poll_gaps'])}")
    verdict = "met" if latency and within == len(latency) else "MISSED"
    lines.append(
        f"    target: every alert within {TARGET_SECONDS:.0f} s of publication: {verdict} "
        f"({within}/{len(latency)})"
    )
    return lines


def run(speed: float = 12.0) -> None:
    vendors = ["sqlite"] + (["postgresql"] if _services_reachable() else [])
    parent = os.environ.get("PRESSWATCH_VAR_DIR") or None
    workdir = Path(tempfile.mkdtemp(prefix="bench-alert-latency-", dir=parent))
    try:
        reports = {vendor: run_backend(vendor, workdir, speed) for vendor in vendors}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    lines = [
        f"alert_latency: publication on a demo outlet → alert, demo ecosystem at speed {speed:g}, "
        "every source polled at its shortest interval (1 min); real processes "
        "(demo_sites + up --no-web)",
    ]
    names = {"sqlite": "SQLite + SqliteHuey", "postgresql": "PostgreSQL + RedisHuey"}
    for vendor, report in reports.items():
        lines += _table(names[vendor], report)
    if "postgresql" not in reports:
        lines.append("  PostgreSQL or Redis not reachable at 127.0.0.1: SQLite only")
    sys.stdout.write("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--collect", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--speed", type=float, default=12.0, help="demo scenario speed")
    options = parser.parse_args()
    if options.collect:
        _child_main()
    else:
        run(options.speed)


if __name__ == "__main__":
    main()
