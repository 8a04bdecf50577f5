"""Splitting the officer's text into query tokens, with their character positions.

Positions refer to the text as typed (before any normalisation), so an error can point at it.
Operators are upper case: ``AND``/``VÀ``, ``OR``/``HOẶC``, ``NOT``/``KHÔNG``, ``NEAR`` and
``NEAR/n``; lower-case ``and``, ``và``, ``không``… are ordinary words. A run of characters with
no letter, digit or ``*`` (a dash between words, say) is ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from analysis.engine.query.errors import QueryError
from analysis.engine.query.limits import (
    DEFAULT_NEAR_DISTANCE,
    FIELDS,
    MAX_NEAR_DISTANCE,
    MAX_QUERY_LENGTH,
)


class Kind(Enum):
    WORD = "word"
    PHRASE = "phrase"
    FIELD = "field"
    OPEN = "("
    CLOSE = ")"
    AND = "AND"
    OR = "OR"
    NOT = "NOT"
    NEAR = "NEAR"


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str
    position: int
    distance: int = 0  # NEAR only


_OPEN_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb'
_CLOSE_QUOTES = '"\u201c\u201d\u00bb'
_STOP = set("()") | set(_OPEN_QUOTES)
_OPERATORS = {"AND": Kind.AND, "VÀ": Kind.AND, "OR": Kind.OR, "HOẶC": Kind.OR}
_OPERATORS |= {"NOT": Kind.NOT, "KHÔNG": Kind.NOT}
_FIELD = re.compile(r"([A-Za-z_]+):(.*)", re.DOTALL)
_NEAR = re.compile(r"NEAR(?:/(.*))?", re.DOTALL)
_MEANINGFUL = re.compile(r"[^\W_]|\*")


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError.of(MAX_QUERY_LENGTH, "query_too_long", limit=MAX_QUERY_LENGTH)
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char == "(":
            tokens.append(Token(Kind.OPEN, char, i))
            i += 1
        elif char == ")":
            tokens.append(Token(Kind.CLOSE, char, i))
            i += 1
        elif char in _OPEN_QUOTES:
            end = next((j for j in range(i + 1, n) if text[j] in _CLOSE_QUOTES), -1)
            if end < 0:
                raise QueryError.of(i, "unclosed_quote")
            tokens.append(Token(Kind.PHRASE, text[i + 1 : end], i))
            i = end + 1
        else:
            end = i
            while end < n and not text[end].isspace() and text[end] not in _STOP:
                end += 1
            _chunk(text, i, end, tokens)
            i = end
    return tokens


def _chunk(text: str, start: int, end: int, tokens: list[Token]) -> None:
    chunk = text[start:end]
    field = _FIELD.fullmatch(chunk)
    if field is not None:
        name = field.group(1).lower()
        if name not in FIELDS:
            raise QueryError.of(
                start, "unknown_field", field=field.group(1), fields=", ".join(FIELDS)
            )
        tokens.append(Token(Kind.FIELD, name, start))
        rest = start + len(field.group(1)) + 1
        if rest < end:
            _chunk(text, rest, end, tokens)
        elif end >= len(text) or text[end] not in _STOP or text[end] == ")":
            raise QueryError.of(start, "field_needs_operand", field=name)
        return
    upper = unicodedata.normalize("NFC", chunk)
    if upper in _OPERATORS:
        tokens.append(Token(_OPERATORS[upper], upper, start))
        return
    near = _NEAR.fullmatch(upper)
    if near is not None:
        tokens.append(Token(Kind.NEAR, upper, start, _near_distance(near.group(1), start)))
        return
    if _MEANINGFUL.search(chunk):
        tokens.append(Token(Kind.WORD, chunk, start))


def _near_distance(written: str | None, position: int) -> int:
    if written is None:
        return DEFAULT_NEAR_DISTANCE
    if not (written.isascii() and written.isdigit()) or not 1 <= int(written) <= MAX_NEAR_DISTANCE:
        raise QueryError.of(position, "near_distance", limit=MAX_NEAR_DISTANCE)
    return int(written)
