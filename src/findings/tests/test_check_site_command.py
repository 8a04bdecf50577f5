"""`presswatch check_site`: as integrators run it (a process) and in-process for bad input."""

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

from findings.engine.site_signals import SIGNALS

PRESSWATCH = Path(sys.executable).with_name("presswatch")
SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.mark.slow
def test_process_prints_the_contract_without_a_database(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PRESSWATCH_VAR_DIR": str(tmp_path),
        "PRESSWATCH_DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",  # must not be needed
    }
    arguments = ["--html", str(SAMPLES / "baohoa_general_site.html"), "--domain",
                 "TinTucNamNung.vn", "--kind", "general_site", "--on", "2026-03-01"]  # fmt: skip
    done = subprocess.run(
        [str(PRESSWATCH), "check_site", *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == ["domain", "kind", "signals", "baohoa", "score"]
    assert (data["domain"], data["kind"], data["baohoa"]) == (
        "tintucnamnung.vn",
        "general_site",
        True,
    )
    assert list(data["signals"]) == list(SIGNALS)
    assert isinstance(data["score"], float) and 0.5 <= data["score"] <= 1.0
    evidence = data["signals"]["newsroom_terms"]["evidence"]
    assert evidence and all(unicodedata.is_normalized("NFC", e) for e in evidence)


def run(*arguments: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("check_site", *arguments, stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Text as windows-1258 writes it: base letters precomposed, tone marks combining."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if c not in TONES)
        out.append(
            unicodedata.normalize("NFC", base) + "".join(c for c in decomposed if c in TONES)
        )
    return "".join(out).encode("cp1258")


def test_in_process_press_names_and_windows_1258_bytes(tmp_path: Path) -> None:
    html = ("<html><head><meta charset='windows-1258'><title>Cao Nguyên Xanh</title></head>"
            "<body><footer>Tòa soạn: 2 Lê Lợi</footer></body></html>")  # fmt: skip
    path = tmp_path / "page.html"
    path.write_bytes(windows_1258(html))
    data = run("--html", str(path), "--domain", "cnx.vn", "--kind", "general_site",
               "--press-name", "Báo Cao Nguyên Xanh", "--on", "2026-03-01")  # fmt: skip
    signals = data["signals"]
    assert isinstance(signals, dict)
    assert signals["newsroom_terms"]["present"] is True
    assert signals["press_like_domain_or_name"]["present"] is True


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--html", "missing.html", "--domain", "x.vn", "--kind", "general_site"], "no such file"),
        (["--html", str(SAMPLES / "not_html.txt"), "--domain", "x.vn", "--kind", "press"],
         "not an HTML page"),
        (["--html", str(SAMPLES / "about_page.html"), "--domain", "x.vn", "--kind", "blog"],
         "unknown kind"),
        (["--html", str(SAMPLES / "about_page.html"), "--domain", "x.vn", "--kind", "press",
          "--on", "1/7/2026"], "not a date"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(arguments: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message) as caught:
        call_command("check_site", *arguments, stdout=io.StringIO())
    assert caught.value.returncode == 2
    assert "\n" not in str(caught.value)
