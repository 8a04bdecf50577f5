"""`presswatch analyze --jsonl IN [--topics FILE]` (DECISIONS §3): in-process and as a process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

PRESSWATCH = Path(sys.executable).with_name("presswatch")
KEYS = {
    "id", "about_province", "localities", "sectors", "tone", "tone_score", "explanation",
    "matched_topics",
}  # fmt: skip
ARTICLES = [
    {
        "id": "a1",
        "title": "Sạt lở đất ở xã Quảng Phú, huyện Krông Nô",
        "text": "Mưa lớn gây sạt lở, nhiều nhà dân bị thiệt hại.\n\nChính quyền huyện Krông Nô"
        " đã di dời người dân đến nơi an toàn.",
        "url": "https://baodaknong.example.vn/sat-lo",
        "outlet": "Báo Đắk Nông",
        "published_at": "2025-03-02T08:15:00+07:00",
    },
    {"id": 2, "title": "Khánh thành trường học mới ở Hà Nội", "text": "Học sinh phấn khởi."},
    {"id": "a3", "title": unicodedata.normalize("NFD", "Đắk Mil được mùa cà phê"), "text": ""},
]


def _write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


def _run(*arguments: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command("analyze", *arguments, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_line_per_article_in_the_contract_schema(tmp_path: Path) -> None:
    rows = _run("--jsonl", str(_write_jsonl(tmp_path / "in.jsonl", ARTICLES)))
    assert [r["id"] for r in rows] == ["a1", 2, "a3"]
    assert all(set(r) == KEYS for r in rows)
    first = rows[0]
    assert first["about_province"] is True
    assert first["localities"] == ["krong-no", "krong-no/quang-phu"]  # by weight
    assert first["sectors"][0] == "nong_nghiep_moi_truong"
    assert first["tone"] == "negative"
    assert isinstance(first["tone_score"], float)
    assert first["matched_topics"] == []
    assert any("Tone negative" in e for e in first["explanation"])
    assert rows[1]["about_province"] is False
    assert rows[1]["tone"] == "positive"
    assert rows[2]["localities"] == ["dak-mil"]
    text = json.dumps(rows, ensure_ascii=False)
    assert unicodedata.normalize("NFC", text) == text


def test_topics_are_matched(tmp_path: Path) -> None:
    topics = tmp_path / "topics.json"
    topics.write_text(
        json.dumps(
            [
                {"id": "sat-lo", "query": "sạt lở"},
                {"id": "truong", "query": "truong hoc", "accent_insensitive": True},
                {"id": "none", "query": "bóng đá"},
            ]
        ),
        "utf-8",
    )
    rows = _run(
        "--jsonl", str(_write_jsonl(tmp_path / "in.jsonl", ARTICLES)), "--topics", str(topics)
    )
    assert [r["matched_topics"] for r in rows] == [["sat-lo"], ["truong"], []]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "line 2: not valid JSON"),
        ('{"id": "x", "text": "t"}', "line 2: field 'title'"),
        ('{"id": true, "title": "t", "text": "t"}', "line 2: field 'id'"),
        ('{"id": "a1", "title": "t", "text": "t"}', "line 2: field 'id': 'a1' appears twice"),
        (
            '{"id": "b", "title": "t", "text": "t", "published_at": "hôm qua"}',
            "line 2: field 'published_at'",
        ),
        ("[1, 2]", "line 2: expected a JSON object"),
    ],
)
def test_bad_lines_name_line_and_field(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(ARTICLES[0], ensure_ascii=False) + "\n" + line + "\n", "utf-8")
    with pytest.raises(CommandError, match=message) as raised:
        _run("--jsonl", str(path))
    assert raised.value.returncode == 2


def test_bad_topics(tmp_path: Path) -> None:
    articles = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    topics = tmp_path / "topics.json"
    topics.write_text(json.dumps([{"id": "t", "query": "(sạt lở"}]), "utf-8")
    with pytest.raises(CommandError, match="topic 1: field 'query'"):
        _run("--jsonl", str(articles), "--topics", str(topics))
    topics.write_text(json.dumps({"id": "t"}), "utf-8")
    with pytest.raises(CommandError, match="JSON list"):
        _run("--jsonl", str(articles), "--topics", str(topics))
    with pytest.raises(CommandError, match="no such file"):
        _run("--jsonl", str(tmp_path / "missing.jsonl"))


def test_runs_as_a_process_without_a_database(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PRESSWATCH_VAR_DIR": str(tmp_path),
        "PRESSWATCH_DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",  # must not be needed
    }
    articles = _write_jsonl(tmp_path / "in.jsonl", ARTICLES)
    bad = _write_jsonl(tmp_path / "bad.jsonl", [{"id": "x", "title": 1, "text": ""}])
    good = subprocess.run(
        [str(PRESSWATCH), "analyze", "--jsonl", str(articles)],
        capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120, check=False,
    )  # fmt: skip
    assert good.returncode == 0, good.stderr
    assert len(good.stdout.splitlines()) == 3
    failed = subprocess.run(
        [str(PRESSWATCH), "analyze", "--jsonl", str(bad)],
        capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120, check=False,
    )  # fmt: skip
    assert failed.returncode == 2
    assert failed.stdout == ""
    assert failed.stderr.strip().count("\n") == 0
    assert "line 1: field 'title'" in failed.stderr
