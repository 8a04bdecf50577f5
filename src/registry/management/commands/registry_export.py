"""`presswatch registry_export TYPE FILE.csv|.xlsx`: write every record of a registry type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from registry.io import export_file
from registry.io.cli import BAD_ARGUMENTS, file_format_of, one_line_errors, registry_type_named
from registry.types import TYPES


class Command(BaseCommand):
    help = "Export every record of a registry type to a CSV or XLSX file (columns = field names)."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        return one_line_errors(super().create_parser(prog_name, subcommand, **kwargs))

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("type", metavar="TYPE", help=f"one of: {', '.join(TYPES)}")
        parser.add_argument("file", metavar="FILE", help="output file ending in .csv or .xlsx")

    def handle(self, *args: Any, **options: Any) -> None:
        registry_type = registry_type_named(options["type"])
        path = Path(options["file"])
        export = export_file(registry_type, file_format_of(path))
        try:
            path.write_bytes(export.content)
        except OSError as error:
            raise CommandError(
                f"{path}: cannot write: {error.strerror}", returncode=BAD_ARGUMENTS
            ) from error
        self.stdout.write(f"exported {export.rows} {registry_type.slug} to {path}")
