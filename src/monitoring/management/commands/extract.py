"""`presswatch extract FILE.html [--url URL]`: the article of one saved page as JSON (no database).

Prints one JSON object (DECISIONS §3, docs/cli.md): ``url``, ``canonical_url``, ``title``,
``author``, ``published_at``, ``text``, ``language`` and ``attribution`` (``outlet``, ``author``,
``published_at``, ``raw``; empty strings and null when the page names no source). Exits 2 for a
missing or unreadable file and 1 for a page without an extractable article, with one line on
stderr.
"""

from __future__ import annotations

import datetime
import json
import logging
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from monitoring.pipeline.charset import decode_body, find_declared_charset
from monitoring.pipeline.extract import DEFAULT_MIN_CHARS, article_as_dict, extract_article
from monitoring.pipeline.types import FetchedPage, StageError

BAD_INPUT = 2
NO_ARTICLE = 1
#: Libraries that log every page they give up on; the command's own message says it once.
_QUIET_LOGGERS = ("trafilatura", "htmldate", "charset_normalizer", "courlan")


class Command(BaseCommand):
    help = "Print the article of a saved HTML page as one JSON object (needs no database)."
    requires_system_checks: list[str] = []  # no checks: the command needs no database

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.print_usage = lambda file=None: None  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE.html", help="the saved page (any charset)")
        parser.add_argument("--url", default="", help="the address the page was fetched from")
        parser.add_argument(
            "--min-chars",
            type=int,
            default=DEFAULT_MIN_CHARS,
            help=f"shortest text that counts as an article (default {DEFAULT_MIN_CHARS})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for name in _QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)
        path = Path(options["file"])
        body = _read(path)
        try:
            text, encoding = decode_body(
                body, header_charset=None, declared=find_declared_charset(body)
            )
            page = FetchedPage(
                url=options["url"],
                final_url=options["url"],
                status=200,
                content_type="text/html",
                body=body,
                text=text,
                encoding=encoding,
                fetched_at=datetime.datetime.now(datetime.UTC),
            )
            article = extract_article(page, min_chars=options["min_chars"])
        except StageError as error:
            raise CommandError(
                f"{path}: no extractable article: {error.reason}", returncode=NO_ARTICLE
            ) from error
        self.stdout.write(json.dumps(article_as_dict(article), ensure_ascii=False))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file", returncode=BAD_INPUT) from None
    except OSError as error:
        raise CommandError(
            f"{path}: cannot read: {error.strerror or error}", returncode=BAD_INPUT
        ) from None
