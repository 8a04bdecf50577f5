"""`presswatch monitoring_import_posts`: JSON report with line and field, all or nothing."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from monitoring.choices import SourceKind
from monitoring.models import Article, Source

pytestmark = pytest.mark.django_db


def test_csv_with_a_bad_line_writes_nothing_then_skips_it(tmp_path: Path) -> None:
    source = Source.objects.create(name="Xuất", kind=SourceKind.FILE)
    path = tmp_path / "posts.csv"
    path.write_text(
        "url,text,published_at\n"
        "https://mxh.example/p/1,Đắk Nông mưa lớn,2026-11-20T08:00:00+07:00\n"
        "https://mxh.example/p/2,Sạt lở ở Đắk Glong,hôm qua\n",
        encoding="utf-8",
    )
    out = StringIO()
    with pytest.raises(SystemExit) as stop:
        call_command("monitoring_import_posts", str(source.pk), str(path), stdout=out)
    assert stop.value.code == 1
    report = json.loads(out.getvalue())
    assert report["errors"] == [
        {"line": 3, "field": "published_at", "reason": "not an ISO 8601 time: 'hôm qua'"}
    ]
    assert report["applied"] is False and Article.objects.count() == 0
    out = StringIO()
    call_command("monitoring_import_posts", str(source.pk), str(path), "--skip-invalid", stdout=out)
    assert json.loads(out.getvalue())["created"] == 1
    assert Article.objects.get().published_at is not None
