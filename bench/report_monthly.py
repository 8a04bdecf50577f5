"""The monthly press briefing report (giao ban) on a large database: figures, then DOCX + XLSX.

Data (synthetic, built here; no article text is needed for the figures): 60 sources (10 of the
province's press agencies, 30 outside agencies, 20 other sites), ``--articles`` articles (default
300,000) with their analyses spread evenly over the two months before the report, so the reported
month holds half of them; ``--cases`` cases (default 2,000) with one assignment each, letters and
sanction decisions. Everything is inserted with ``bulk_create`` in batches.

Each database runs in two child processes with a throwaway database (a temporary SQLite file,
and a PostgreSQL database created and dropped here when 127.0.0.1:5432 answers): the first
builds the data (timed, not the benchmark), the second, a fresh process, measures:

- ``figures``: ``reports.figures.briefing.briefing(period)`` (all database aggregations);
- ``documents``: building the document with its three PNG charts, ``render_docx`` and
  ``render_xlsx``;
- peak memory: the process's maximum resident set size (``ru_maxrss``) after the timed run, and
  the peak of Python allocations (``tracemalloc``) in a second, separately traced run.

    python -m bench.report_monthly [--articles N] [--cases N]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
BATCH = 5000
SECTORS = ("y_te", "giao_duc", "xay_dung", "tai_chinh", "noi_vu", "van_hoa", "cong_an", "khac")
PLACES = tuple(f"lam-dong/xa-thu-{i:02d}" for i in range(30))
MONTH = (2026, 10)  # the reported month; the data covers September and October 2026
Report = dict[str, Any]


def _setup_django() -> None:
    sys.path.insert(0, str(SRC))
    import django

    django.setup()


def _build(articles: int, cases: int) -> Report:
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from accounts.models import Unit, UnitKind, User
    from analysis.models import ArticleAnalysis
    from cases.models import Assignment, Case, Letter, SanctionDecision
    from monitoring.models import Article, Source
    from registry.models import PressAgency, SanctionRule

    started = time.perf_counter()
    rng = random.Random(20261031)
    levels = ["provincial"] * 10 + ["central"] * 20 + ["other_province"] * 10
    agencies = PressAgency.objects.bulk_create(
        PressAgency(name=f"Cơ quan báo chí {i}", level=level) for i, level in enumerate(levels)
    )
    sources = Source.objects.bulk_create(
        [
            Source(name=a.name, kind="feed", url=f"https://a{i}.example.vn/rss", press_agency=a)
            for i, a in enumerate(agencies)
        ]
        + [
            Source(name=f"Trang {i}", kind="feed", url=f"https://s{i}.example.vn/rss")
            for i in range(20)
        ]
    )
    zone = timezone.get_current_timezone()
    first = datetime.datetime(2026, 9, 1, tzinfo=zone)
    span = (datetime.datetime(2026, 11, 1, tzinfo=zone) - first).total_seconds()
    tones = ["positive"] * 6 + ["neutral"] * 3 + ["negative"]
    made = 0
    while made < articles:
        size = min(BATCH, articles - made)
        batch = []
        for i in range(made, made + size):
            moment = first + datetime.timedelta(seconds=span * i / articles)
            batch.append(
                Article(
                    source=sources[i % len(sources)],
                    url=f"https://tin.example.vn/{i}",
                    url_key=f"tin.example.vn/{i}",
                    status="extracted",
                    title=f"Tin số {i}",
                    published_at=moment if i % 17 else None,
                    discovered_at=moment,
                )
            )
        created = Article.objects.bulk_create(batch)
        ArticleAnalysis.objects.bulk_create(
            ArticleAnalysis(
                article=article,
                about_province=rng.random() < 0.8,
                tone=(tone := rng.choice(tones)),
                tone_score={"positive": 0.5, "negative": -0.5}.get(tone, 0.0) * rng.random(),
                sectors=rng.sample(SECTORS, rng.randint(0, 2)),
                localities=rng.sample(PLACES, rng.randint(0, 2)),
            )
            for article in created
        )
        made += size
    units = Unit.objects.bulk_create(
        Unit(code=f"don-vi-{i}", name=f"Đơn vị {i}", kind=UnitKind.DEPARTMENT) for i in range(20)
    )
    officer = User.objects.create(username="bench", role="officer")
    rule = SanctionRule.objects.create(
        code="bench",
        version="bench",
        decree="119/2020/NĐ-CP",
        article="6",
        clause="1",
        violation="Thử",
        violator_type="organisation",
        fine_min=1,
        fine_max=2,
        confidence="S",
    )
    states = ["received", "assigned", "verifying", "responded", "closed"]
    case_rows = Case.objects.bulk_create(
        Case(
            year=2026,
            sequence=i + 1,
            title=f"Vụ việc {i}",
            intake_kind="manual",
            state=states[i % 5],
        )
        for i in range(cases)
    )
    for index, case in enumerate(case_rows):
        case.created_at = first + datetime.timedelta(seconds=span * index / cases)
        case.closed_at = (
            case.created_at + datetime.timedelta(days=5) if case.state == "closed" else None
        )
    Case.objects.bulk_update(case_rows, ["created_at", "closed_at"], batch_size=1000)
    Assignment.objects.bulk_create(
        Assignment(
            case=case,
            unit=units[i % len(units)],
            due_date=(first + datetime.timedelta(seconds=span * i / cases, days=15)).date(),
            state="pending" if i % 3 else "responded",
        )
        for i, case in enumerate(case_rows)
    )
    Letter.objects.bulk_create(
        Letter(
            case=case,
            kind="request",
            date=timezone.localtime(case.created_at).date(),
            subject="Đề nghị",
            body="Nội dung",
            signer_title="PGĐ",
            signer_name="A",
        )
        for case in case_rows[::4]
    )
    SanctionDecision.objects.bulk_create(
        SanctionDecision(
            case=case,
            rule=rule,
            violator_type="organisation",
            amount=10_000_000,
            status="approved",
            decision_date=timezone.localtime(case.created_at).date(),
            proposed_by=officer,
        )
        for case in case_rows[::40]
    )
    return {"articles": articles, "cases": cases, "build_seconds": time.perf_counter() - started}


def _measure() -> Report:
    from analysis.models import ArticleAnalysis
    from core.documents.docx_writer import render_docx
    from core.documents.xlsx_writer import render_xlsx
    from reports import documents, periods
    from reports.figures.articles import ArticleFilter
    from reports.figures.briefing import briefing

    period = periods.month(*MONTH)
    on = datetime.date(2026, 11, 5)
    in_period = ArticleFilter(period, about_province=False).analyses().count()
    about = ArticleFilter(period).analyses().count()

    def once() -> tuple[float, float, int, int]:
        start = time.perf_counter()
        data = briefing(period)
        middle = time.perf_counter()
        output = documents.briefing_document(data, "Định hướng.", on)
        docx = render_docx(output.document)
        xlsx = render_xlsx(output.title, output.sheets, issuer=output.document.issuer, on=on)
        end = time.perf_counter()
        assert data.articles == about
        return middle - start, end - middle, len(docx), len(xlsx)

    once()  # warm-up: caches (gazetteer, fonts), database pages
    figures, docs, docx_size, xlsx_size = once()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    once()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "total_articles": ArticleAnalysis.objects.count(),
        "in_period": in_period,
        "about_province": about,
        "figures_s": figures,
        "documents_s": docs,
        "maxrss_mb": rss_mb,
        "traced_peak_mb": peak / 2**20,
        "docx_kb": docx_size / 1024,
        "xlsx_kb": xlsx_size / 1024,
    }


def _child_main(step: str, articles: int, cases: int) -> None:
    _setup_django()
    result = _build(articles, cases) if step == "build" else _measure()
    sys.stdout.write(json.dumps(result) + "\n")


# --- parent: two children per database, then the side-by-side table --------------------------


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


def _run_child(env: dict[str, str], step: str, articles: int, cases: int) -> Report:
    command = [sys.executable, "-m", "bench.report_monthly", "--child", step]
    command += ["--articles", str(articles), "--cases", str(cases)]
    done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _vendor(vendor: str, workdir: Path, articles: int, cases: int) -> Report:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSWATCH_")}
    env |= {
        "PRESSWATCH_VAR_DIR": str(workdir / vendor),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": os.pathsep.join([str(SRC), str(ROOT)]),
    }
    database = f"pw_bench_reports_{os.getpid()}" if vendor == "postgresql" else ""
    if database:
        _admin(f'CREATE DATABASE "{database}"')
        env["PRESSWATCH_DATABASE_URL"] = POSTGRES + database
    try:
        built = _run_child(env, "build", articles, cases)
        return built | _run_child(env, "measure", articles, cases)
    finally:
        if database:
            _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def run(articles: int = 300_000, cases: int = 2_000) -> None:
    vendors = ["sqlite"] + (["postgresql"] if _postgres_reachable() else [])
    parent = os.environ.get("PRESSWATCH_VAR_DIR") or None
    workdir = Path(tempfile.mkdtemp(prefix="bench-reports-", dir=parent))
    try:
        reports = {vendor: _vendor(vendor, workdir, articles, cases) for vendor in vendors}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    first = next(iter(reports.values()))
    rows = [
        ("articles in the database", "total_articles", "{:,.0f}"),
        ("  of which in the month", "in_period", "{:,.0f}"),
        ("  of which about the province", "about_province", "{:,.0f}"),
        ("data build (bulk_create), s", "build_seconds", "{:.1f}"),
        ("figures: briefing(period), s", "figures_s", "{:.2f}"),
        ("documents: 3 charts + DOCX + XLSX, s", "documents_s", "{:.2f}"),
        ("total report generation, s", "", "{:.2f}"),
        ("peak RSS of the process, MB", "maxrss_mb", "{:.0f}"),
        ("peak Python allocations (tracemalloc), MB", "traced_peak_mb", "{:.1f}"),
        ("DOCX / XLSX size, kB", "", ""),
    ]
    lines = [
        f"report_monthly: monthly briefing report on {first['total_articles']:,} articles and "
        f"{first['cases']:,} cases (synthetic; September–October 2026, report on October)",
        "  " + f"{'':<44}" + "".join(f"{v:>14}" for v in reports),
    ]
    for label, key, fmt in rows:
        cells = []
        for report in reports.values():
            if label.startswith("total"):
                cells.append(fmt.format(report["figures_s"] + report["documents_s"]))
            elif label.startswith("DOCX"):
                cells.append(f"{report['docx_kb']:.0f} / {report['xlsx_kb']:.0f}")
            else:
                cells.append(fmt.format(report[key]))
        lines.append(f"  {label:<44}" + "".join(f"{c:>14}" for c in cells))
    if "postgresql" not in reports:
        lines.append("  PostgreSQL not reachable at 127.0.0.1:5432: SQLite only")
    sys.stdout.write("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--child", choices=("build", "measure"), help=argparse.SUPPRESS)
    parser.add_argument("--articles", type=int, default=300_000)
    parser.add_argument("--cases", type=int, default=2_000)
    args = parser.parse_args()
    if args.child:
        _child_main(args.child, args.articles, args.cases)
    else:
        run(args.articles, args.cases)


if __name__ == "__main__":
    main()
