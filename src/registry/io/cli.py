"""Shared argument handling of the ``registry_import`` and ``registry_export`` commands."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from registry.io.reader import FileFormat, format_for
from registry.types import TYPES, RegistryType

BAD_ARGUMENTS = 2


def one_line_errors(parser: CommandParser) -> CommandParser:
    """Usage errors print one line on stderr (``presswatch CMD: error: …``), not the usage."""
    parser.print_usage = lambda file=None: None  # type: ignore[method-assign]
    return parser


def registry_type_named(slug: str) -> RegistryType:
    try:
        return TYPES[slug]
    except KeyError:
        raise CommandError(
            f"unknown registry type {slug!r}; one of: {', '.join(TYPES)}", returncode=BAD_ARGUMENTS
        ) from None


def file_format_of(path: Path) -> FileFormat:
    found = format_for(path.name)
    if found is None:
        raise CommandError(
            f"{path}: the file name must end in .csv or .xlsx", returncode=BAD_ARGUMENTS
        )
    return found
