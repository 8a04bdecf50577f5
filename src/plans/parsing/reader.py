"""Read a plan file (.txt, .md, .docx) into blocks: paragraph texts and tables, in reading order.

Text files may be UTF-8 (with or without BOM), UTF-16 with a BOM, or a legacy single-byte
encoding that charset-normalizer recognises. Markdown emphasis (``**…**``, ``*…*``) is removed from
.txt files too, because plans converted from Word often carry it. Pipe tables (``| a | b |``) are
read from both .txt and .md files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from charset_normalizer import from_bytes

from plans.parsing.docx import blocks_from_docx
from plans.parsing.types import Block, Table, UnreadableFileError, UnsupportedFormatError

#: The largest file read, in bytes (a plan is a few hundred kilobytes at most).
MAX_FILE_BYTES = 20 * 1024 * 1024

_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BULLET = re.compile(r"^(\s*)[*+•]\s+")
_STRONG = re.compile(r"\*\*|__")
_EMPHASIS = re.compile(r"(?<=\S)\*+|\*+(?=\S)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_MD_COMMENT = re.compile(r"<!--.*?-->")


def decode_text(data: bytes) -> str:
    """The text of a .txt/.md file; :class:`UnreadableFileError` if it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFileError("not a text file (broken UTF-16)") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best() if b"\x00" not in data else None
    if best is None:
        raise UnreadableFileError("not a text file (unknown encoding or binary content)")
    return str(best)


def clean_markup(line: str, *, markdown: bool) -> str:
    """Remove emphasis markers; in Markdown also heading marks, quotes, escapes and comments."""
    if markdown:
        line = _MD_COMMENT.sub("", line)
        line = _MD_QUOTE.sub("", line)
        line = _MD_HEADING.sub("", line)
    line = _BULLET.sub(r"\1- ", line)
    line = _STRONG.sub("", line)
    line = _EMPHASIS.sub("", line)
    if markdown:
        line = _MD_ESCAPE.sub(r"\1", line)
    return line


def _table_cells(line: str, *, markdown: bool) -> tuple[str, ...]:
    inner = line.strip()
    inner = inner.removeprefix("|")
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    cells = _CELL_SPLIT.split(inner)
    return tuple(
        "\n".join(clean_markup(part, markdown=markdown) for part in _BR.split(cell)).strip()
        for cell in cells
    )


def _is_table_line(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") and stripped.count("|") >= 2


def _table(lines: list[str], *, markdown: bool) -> Table:
    rows = tuple(
        _table_cells(line, markdown=markdown)
        for line in lines
        if not _TABLE_SEPARATOR.match(line.strip())
    )
    return Table(rows=rows)


def blocks_from_text(text: str, *, markdown: bool = False) -> tuple[Block, ...]:
    """Paragraph lines and pipe tables of a plain-text or Markdown document."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and _is_table_line(lines[end]):
            end += 1
        if end - index >= 2:  # a pipe table: two or more consecutive "| … |" lines
            blocks.append(_table(lines[index:end], markdown=markdown))
            index = end
            continue
        line = clean_markup(lines[index], markdown=markdown)
        if markdown:
            line = _BR.sub("\n", line)
        if line.strip():
            blocks.append(line)
        index += 1
    return tuple(blocks)


def _text_reader(*, markdown: bool) -> Callable[[bytes], tuple[Block, ...]]:
    def read(data: bytes) -> tuple[Block, ...]:
        return blocks_from_text(decode_text(data), markdown=markdown)

    return read


READERS: dict[str, Callable[[bytes], tuple[Block, ...]]] = {
    ".txt": _text_reader(markdown=False),
    ".md": _text_reader(markdown=True),
    ".markdown": _text_reader(markdown=True),
    ".docx": blocks_from_docx,
}


def read_blocks(path: Path) -> tuple[Block, ...]:
    """The blocks of the plan file at ``path``.

    Raises :class:`UnsupportedFormatError` for other file types and :class:`UnreadableFileError`
    for a missing, unreadable, oversized or broken file.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnsupportedFormatError(
            f"unsupported file type {path.suffix or '(none)'!r}; expected .txt, .md or .docx"
        )
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnreadableFileError(f"file larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFileError("no such file") from None
    except IsADirectoryError:
        raise UnreadableFileError("is a directory, not a file") from None
    except OSError as error:
        raise UnreadableFileError(f"cannot read: {error.strerror or error}") from None
    return reader(data)
