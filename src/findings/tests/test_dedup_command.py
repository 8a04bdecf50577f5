"""`presswatch dedup --jsonl IN` (DECISIONS §3): output contract and bad input."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from findings.tests.test_engine_dedup import STORY_A, STORY_B


def _run(path: Path, *extra: str) -> list[dict[str, object]]:
    out = StringIO()
    call_command("dedup", "--jsonl", str(path), *extra, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def _write(tmp_path: Path, rows: list[object]) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows)
        + "\n",
        encoding="utf-8",
    )
    return path


def test_one_line_per_input_in_order(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            {
                "id": "copy",
                "title": "t",
                "text": STORY_A,
                "published_at": "2026-03-12T10:00:00+07:00",
            },
            {"id": "b", "title": "t", "text": STORY_B},
            "",
            {
                "id": "orig",
                "title": "t",
                "text": STORY_A,
                "outlet": "baolamdong.vn",
                "url": "https://baolamdong.vn/x",
                "published_at": "2026-03-12T09:00:00+07:00",
                "licensed_press": True,
            },
        ],
    )
    assert _run(path) == [
        {"id": "copy", "cluster": "c-orig", "duplicate_of": "orig", "similarity": 1.0},
        {"id": "b", "cluster": "c-b", "duplicate_of": None, "similarity": 0.0},
        {"id": "orig", "cluster": "c-orig", "duplicate_of": None, "similarity": 1.0},
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ('["a"]', "line 2: not a JSON object"),
        ('{"text": "x"}', "line 2: field 'id': missing"),
        ('{"id": "z", "title": "t"}', "line 2: field 'text': missing"),
        ('{"id": "z", "text": "x", "published_at": "yesterday"}', "line 2: field 'published_at'"),
        ('{"id": "z", "text": "x", "outlet": 5}', "line 2: field 'outlet': not a string"),
        ('{"id": "z", "text": "x", "licensed_press": "yes"}', "line 2: field 'licensed_press'"),
        ('{"id": "a", "text": "x"}', "line 2: field 'id': duplicate of line 1"),
    ],
)
def test_bad_lines_name_line_and_field(tmp_path: Path, line: str, message: str) -> None:
    path = _write(tmp_path, [{"id": "a", "title": "t", "text": STORY_A}, line])
    with pytest.raises(CommandError, match=message) as error:
        _run(path)
    assert error.value.returncode == 1
    assert "\n" not in str(error.value)


def test_missing_file_and_bad_threshold(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file") as error:
        _run(tmp_path / "absent.jsonl")
    assert error.value.returncode == 2
    path = _write(tmp_path, [{"id": "a", "text": STORY_A}])
    with pytest.raises(CommandError, match="threshold") as error:
        _run(path, "--threshold", "0")
    assert error.value.returncode == 2
