"""`presswatch extract FILE.html [--url URL]`: as integrators run it (a process) and in-process.

The process runs start together (one module fixture) because each pays Django's start-up; the
in-process cases use ``call_command`` on the same command class.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

PRESSWATCH = Path(sys.executable).with_name("presswatch")
PAGES = Path(__file__).resolve().parent / "samples" / "pages"
#: The schema fixed in DECISIONS §3.
KEYS = {
    "url", "canonical_url", "title", "author", "published_at", "text", "language", "attribution"
}  # fmt: skip
URL = "https://nongnghiepcaonguyen.example.vn/tin-tuc/sau-rieng?utm_source=zalo"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"

Result = subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Three `presswatch extract` processes, started at once, with an unreachable database."""
    var_dir = tmp_path_factory.mktemp("var")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PRESSWATCH_VAR_DIR": str(var_dir),
        "PRESSWATCH_DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",  # must not be needed
    }
    commands: dict[str, list[str]] = {
        "article": [str(PAGES / "nguon-bao-dak-nong.html"), "--url", URL],
        "missing": [str(var_dir / "missing.html")],
        "no article": [str(PAGES / "trang-ngan.html")],
    }
    processes = {
        name: subprocess.Popen(
            [str(PRESSWATCH), "extract", *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=environment,
        )
        for name, arguments in commands.items()
    }
    results = {}
    for name, process in processes.items():
        stdout, stderr = process.communicate(timeout=120)
        results[name] = subprocess.CompletedProcess(
            process.args, process.returncode, stdout, stderr
        )
    return results


@pytest.mark.slow
def test_prints_the_article_as_one_json_object(runs: dict[str, Result]) -> None:
    result = runs["article"]
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    article = json.loads(result.stdout)
    assert set(article) == KEYS
    assert article["url"] == URL
    assert article["canonical_url"].startswith("https://nongnghiepcaonguyen.example.vn/tin-tuc/")
    assert article["published_at"] == "2026-11-25T16:30:00+07:00"
    assert article["language"] == "vi"
    assert article["attribution"] == {
        "outlet": "Báo Đắk Nông",
        "author": "",
        "published_at": "2026-11-26T08:15:00+07:00",
        "raw": "Nguồn: Báo Đắk Nông, 08:15 26/11/2026",
    }
    assert unicodedata.is_normalized("NFC", article["text"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "returncode", "message"),
    [("missing", 2, "no such file"), ("no article", 1, "no extractable article")],
)
def test_bad_input_exits_non_zero_with_one_line(
    runs: dict[str, Result], name: str, returncode: int, message: str
) -> None:
    result = runs[name]
    assert result.returncode == returncode
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]


def extract(*arguments: str | Path) -> dict[str, object]:
    stdout = io.StringIO()
    call_command("extract", *map(str, arguments), stdout=stdout)
    parsed: dict[str, object] = json.loads(stdout.getvalue())
    return parsed


def windows_1258(text: str) -> bytes:
    """Text as a Vietnamese ANSI page stores it: base letters precomposed, tone marks apart."""
    encoded = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
        tones = "".join(c for c in decomposed if c in TONE_MARKS)
        encoded.append((base + tones).encode("cp1258"))
    return b"".join(encoded)


def test_page_without_source_line_has_empty_attribution() -> None:
    article = extract(PAGES / "khong-ghi-nguon.html")
    assert article["url"] == ""
    assert article["attribution"] == {"outlet": "", "author": "", "published_at": None, "raw": ""}


def test_legacy_charset_is_decoded(tmp_path: Path) -> None:
    html = (PAGES / "trang-tttdt-theo-ttxvn.html").read_text(encoding="utf-8")
    page = tmp_path / "cp1258.html"
    page.write_bytes(windows_1258(html.replace('charset="utf-8"', 'charset="windows-1258"')))
    article = extract(page, "--url", "https://taynguyen24h.example.vn/a.html")
    assert article["title"] == "Tỉnh triển khai tiêm chủng vắc xin sởi cho trẻ em vùng sâu"
    assert article["canonical_url"] == (
        "https://taynguyen24h.example.vn/suc-khoe/tiem-chung-vac-xin-soi-cho-tre-em-vung-sau-a8821.html"
    )


def test_unreadable_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read") as raised:
        extract(tmp_path)
    assert raised.value.returncode == 2


def test_min_chars_is_an_option() -> None:
    article = extract(PAGES / "trang-ngan.html", "--min-chars", "20")
    assert "cồng chiêng" in str(article["text"])
