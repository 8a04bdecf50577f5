"""`presswatch plan_parse FILE` as a real process: JSON on stdout, one-line errors, no database."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from plans.parsing import parse_plan_file, plan_to_dict
from plans.tests.test_parsing_docx import TABLE_PLAN, build_docx

SAMPLES = Path(__file__).parent / "samples"
REPO = Path(__file__).resolve().parents[3]


def _run(var_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("presswatch")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "config.cli"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSWATCH_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", PRESSWATCH_VAR_DIR=str(var_dir))
    return subprocess.run(
        [*command, "plan_parse", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_prints_the_plan_as_json_without_a_database(tmp_path: Path) -> None:
    done = _run(tmp_path, str(SAMPLES / "prose_lamdong.txt"))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == plan_to_dict(parse_plan_file(SAMPLES / "prose_lamdong.txt"))
    assert "\\u" not in done.stdout  # not ASCII-escaped
    assert not (tmp_path / "presswatch.sqlite3").exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", "KẾ HOẠCH\nI. MỤC ĐÍCH\nKhông có nhiệm vụ.".encode(), "no tasks found"),
    ],
)
def test_bad_input_exits_1_with_one_line(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    done = _run(tmp_path, str(path))
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert message in lines[0]
    assert str(path) in lines[0]


def test_reads_markdown_and_docx_in_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("plan_parse", str(SAMPLES / "appendix_quangngai.md"))
    assert json.loads(capsys.readouterr().out)["number"] == "58/KH-UBND"
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(build_docx(TABLE_PLAN))
    call_command("plan_parse", str(path))
    assert [task["code"] for task in json.loads(capsys.readouterr().out)["tasks"]] == [
        "1",
        "1.1",
        "1.2",
        "2",
        "2.1",
        "2.2",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"%PDF-1.7", "unsupported file type '.pdf'"),
        ("broken.docx", b"not a zip", "not a .docx file (not a zip archive)"),
        ("binary.txt", b"\x00\x01\x02\xff", "not a text file"),
    ],
)
def test_bad_files_raise_a_command_error_with_returncode_1(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=re.escape(message)) as raised:
        call_command("plan_parse", str(path))
    assert raised.value.returncode == 1
