"""Recursive-descent parser: query tokens → normalised syntax tree.

Grammar (precedence NEAR > NOT > AND > OR; bare juxtaposition is AND)::

    or    := and ("OR" and)*
    and   := not (["AND"] not)*
    not   := "NOT" not | near
    near  := primary ("NEAR" ["/" n] primary)*          (left-associative)
    primary := [field ":"] ( "(" or ")" | '"' phrase '"' | word | word "*" )

The tree is normalised on the way: nested AND/OR flattened, duplicate operands dropped,
``NOT NOT x`` = ``x``, field scopes pushed down to the terms.
"""

from __future__ import annotations

import re
import unicodedata

from analysis.engine.query.errors import QueryError
from analysis.engine.query.keys import key_of, words
from analysis.engine.query.lexer import Kind, Token, tokenize
from analysis.engine.query.limits import (
    MAX_DEPTH,
    MAX_PHRASE_WORDS,
    MAX_PREFIXES,
    MAX_TERMS,
    MIN_PREFIX_LENGTH,
)
from analysis.engine.query.nodes import And, Near, Node, Not, Or, Term

_SOURCE_TYPE = re.compile(r"[a-z0-9_\-]+")
_OPERAND_START = {Kind.WORD, Kind.PHRASE, Kind.FIELD, Kind.OPEN, Kind.NOT}
_AFTER_FIELD = {Kind.OPEN, Kind.PHRASE, Kind.WORD, Kind.FIELD}
_MAX_KEY = 60


class _Parser:
    def __init__(self, text: str, *, folded: bool) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0
        self.folded = folded
        self.terms = 0
        self.prefixes = 0

    # --- token stream ----------------------------------------------------------------------

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def here(self) -> int:
        token = self.peek()
        return token.position if token is not None else len(self.text)

    def require_operand(self, operator: Token) -> None:
        token = self.peek()
        if token is None or token.kind not in _OPERAND_START:
            raise QueryError.of(self.here(), "missing_operand", operator=operator.kind.value)

    # --- grammar ---------------------------------------------------------------------------

    def parse(self) -> Node:
        if not self.tokens:
            raise QueryError.of(0, "empty_query")
        node = self.parse_or(None, 0)
        token = self.peek()
        if token is not None:  # only a stray ")" can stop the top level early
            raise QueryError.of(token.position, "unexpected_parenthesis")
        return node

    def parse_or(self, field: str | None, depth: int) -> Node:
        position = self.here()
        children = [self.parse_and(field, depth)]
        while (token := self.peek()) is not None and token.kind is Kind.OR:
            self.take()
            self.require_operand(token)
            children.append(self.parse_and(field, depth))
        return _combine(Or, children, position)

    def parse_and(self, field: str | None, depth: int) -> Node:
        position = self.here()
        token = self.peek()
        if token is not None and token.kind in (Kind.AND, Kind.OR, Kind.NEAR):
            raise QueryError.of(token.position, "missing_left_operand", operator=token.kind.value)
        children = [self.parse_not(field, depth)]
        while (token := self.peek()) is not None:
            if token.kind is Kind.AND:
                self.take()
                self.require_operand(token)
            elif token.kind not in _OPERAND_START:
                break
            children.append(self.parse_not(field, depth))
        return _combine(And, children, position)

    def parse_not(self, field: str | None, depth: int) -> Node:
        token = self.peek()
        if token is not None and token.kind is Kind.NOT:
            self.take()
            if depth + 1 > MAX_DEPTH:
                raise QueryError.of(token.position, "too_deep", limit=MAX_DEPTH)
            self.require_operand(token)
            child = self.parse_not(field, depth + 1)
            return child.child if isinstance(child, Not) else Not(child, token.position)
        return self.parse_near(field, depth)

    def parse_near(self, field: str | None, depth: int) -> Node:
        left_position = self.here()
        left = self.parse_primary(field, depth)
        while (token := self.peek()) is not None and token.kind is Kind.NEAR:
            self.take()
            following = self.peek()
            if following is None or following.kind not in _OPERAND_START - {Kind.NOT}:
                if following is not None and following.kind is Kind.NOT:
                    raise QueryError.of(following.position, "near_operand")
                raise QueryError.of(self.here(), "missing_operand", operator="NEAR")
            right_position = following.position
            right = self.parse_primary(field, depth)
            for side, at in ((left, left_position), (right, right_position)):
                if not _spannable(side):
                    raise QueryError.of(at, "near_operand")
            scopes = sorted({f for f in _fields(left) | _fields(right) if f is not None})
            if len(scopes) > 1:
                raise QueryError.of(token.position, "near_fields", left=scopes[0], right=scopes[1])
            left = Near(left, right, token.distance, left.position)
        return left

    def parse_primary(self, field: str | None, depth: int) -> Node:
        token = self.peek()
        if token is None:
            raise QueryError.of(len(self.text), "empty_query")
        if token.kind in (Kind.AND, Kind.OR, Kind.NEAR):
            raise QueryError.of(token.position, "missing_left_operand", operator=token.kind.value)
        if token.kind is Kind.CLOSE:
            raise QueryError.of(token.position, "unexpected_parenthesis")
        self.take()
        if token.kind is Kind.FIELD:
            return self.scoped(token, field, depth)
        if token.kind is Kind.OPEN:
            return self.group(token, field, depth)
        if token.kind is Kind.PHRASE:
            return self.phrase(token, field)
        return self.word(token, field)

    def scoped(self, token: Token, field: str | None, depth: int) -> Node:
        if field is not None:
            raise QueryError.of(token.position, "nested_field", outer=field, inner=token.text)
        following = self.peek()
        if following is None or following.kind not in _AFTER_FIELD:
            raise QueryError.of(token.position, "field_needs_operand", field=token.text)
        return self.parse_primary(token.text, depth)

    def group(self, token: Token, field: str | None, depth: int) -> Node:
        if depth + 1 > MAX_DEPTH:
            raise QueryError.of(token.position, "too_deep", limit=MAX_DEPTH)
        following = self.peek()
        if following is not None and following.kind is Kind.CLOSE:
            raise QueryError.of(token.position, "empty_group")
        if following is None:
            raise QueryError.of(token.position, "unclosed_parenthesis")
        node = self.parse_or(field, depth + 1)
        closing = self.peek()
        if closing is None or closing.kind is not Kind.CLOSE:
            raise QueryError.of(token.position, "unclosed_parenthesis")
        self.take()
        return node

    # --- terms -----------------------------------------------------------------------------

    def count_term(self, position: int, *, prefix: bool = False) -> None:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise QueryError.of(position, "too_many_terms", limit=MAX_TERMS)
        if prefix:
            self.prefixes += 1
            if self.prefixes > MAX_PREFIXES:
                raise QueryError.of(position, "too_many_wildcards", limit=MAX_PREFIXES)

    def keys(self, found: list[str], position: int) -> tuple[str, ...]:
        keys = tuple(key_of(w, folded=self.folded) for w in found)
        if not all(keys):
            raise QueryError.of(position, "word_too_long", limit=_MAX_KEY)
        return keys

    def phrase(self, token: Token, field: str | None) -> Term:
        if field == "source_type":
            raise QueryError.of(token.position, "source_type_value")
        found = [w.lower() for w in words(token.text)]
        if not found:
            raise QueryError.of(token.position, "empty_phrase")
        if len(found) > MAX_PHRASE_WORDS:
            raise QueryError.of(token.position, "phrase_too_long", limit=MAX_PHRASE_WORDS)
        self.count_term(token.position)
        keys = self.keys(found, token.position)
        return Term(tuple(found), keys, field, prefix=False, position=token.position)

    def word(self, token: Token, field: str | None) -> Term:
        text, position = token.text, token.position
        if field == "source_type":
            value = unicodedata.normalize("NFC", text).lower()
            if not _SOURCE_TYPE.fullmatch(value):
                raise QueryError.of(position, "source_type_value")
            self.count_term(position)
            return Term((value,), (value,), field, prefix=False, position=position)
        star = text.find("*")
        prefix = star >= 0
        if prefix and star != len(text) - 1:
            raise QueryError.of(position + star, "wildcard_position")
        if prefix:
            text = text[:-1]
        found = [w.lower() for w in words(text)]
        if prefix:
            if len(found) > 1:
                raise QueryError.of(position, "wildcard_compound")
            if not found or len(found[0]) < MIN_PREFIX_LENGTH:
                raise QueryError.of(position, "wildcard_too_short", limit=MIN_PREFIX_LENGTH)
        if len(found) > MAX_PHRASE_WORDS:
            raise QueryError.of(position, "phrase_too_long", limit=MAX_PHRASE_WORDS)
        self.count_term(position, prefix=prefix)
        keys = self.keys(found, position)
        return Term(tuple(found), keys, field, prefix=prefix, position=position)


def _combine(kind: type[And] | type[Or], children: list[Node], position: int) -> Node:
    flat: list[Node] = []
    for child in children:
        for item in child.children if isinstance(child, kind) else (child,):
            if item not in flat:
                flat.append(item)
    return flat[0] if len(flat) == 1 else kind(tuple(flat), position)


def _spannable(node: Node) -> bool:
    if isinstance(node, Term):
        return node.field != "source_type"
    if isinstance(node, Near):
        return True
    if isinstance(node, Or):
        return all(_spannable(child) for child in node.children)
    return False


def _fields(node: Node) -> set[str | None]:
    if isinstance(node, Term):
        return {node.field}
    if isinstance(node, Near):
        return _fields(node.left) | _fields(node.right)
    if isinstance(node, Or):
        return set().union(*(_fields(child) for child in node.children))
    return set()


def _positive(node: Node) -> Node | None:
    """None when every match needs some word or value present; else the offending operand."""
    if isinstance(node, (Term, Near)):
        return None
    if isinstance(node, Not):
        return node
    if isinstance(node, And):
        failures = [_positive(child) for child in node.children]
        return None if any(f is None for f in failures) else node
    for child in node.children:
        failure = _positive(child)
        if failure is not None:
            return failure
    return None


def parse(text: str, *, folded: bool) -> Node:
    node = _Parser(text, folded=folded).parse()
    failure = _positive(node)
    if failure is not None:
        raise QueryError.of(failure.position, "no_positive_term")
    return node
