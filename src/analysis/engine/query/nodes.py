"""The syntax tree of a topic query and its canonical rendering.

Field scopes are pushed down to the terms while parsing (``title:(a OR b)`` becomes
``title:a OR title:b``), so only :class:`Term` carries a field. Positions (0-based characters of
the officer's text) are kept for error messages but take no part in equality.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field

from analysis.engine.query.limits import DEFAULT_NEAR_DISTANCE


@dataclass(frozen=True, slots=True)
class Term:
    """A word, a phrase (consecutive words) or a prefix (``word*``), maybe limited to a field.

    ``words`` are the lower-case NFC words as written; ``keys`` their matching keys in the
    query's mode (exact or folded). For ``source_type`` the single word is the value itself.
    """

    words: tuple[str, ...]
    keys: tuple[str, ...]
    field: str | None = None
    prefix: bool = False
    position: int = _field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Near:
    """Both sides within ``distance`` words of each other, in either order, in one field."""

    left: Node
    right: Node
    distance: int
    position: int = _field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]
    position: int = _field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]
    position: int = _field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Not:
    child: Node
    position: int = _field(default=0, compare=False)


Node = Term | Near | And | Or | Not


def render(node: Node) -> str:
    """The canonical text of ``node``: explicit operators, one field prefix per term."""
    if isinstance(node, Term):
        scope = f"{node.field}:" if node.field else ""
        if len(node.words) > 1:
            return f'{scope}"{" ".join(node.words)}"'
        return scope + node.words[0] + ("*" if node.prefix else "")
    if isinstance(node, Near):
        operator = "NEAR" if node.distance == DEFAULT_NEAR_DISTANCE else f"NEAR/{node.distance}"
        left = _wrap(node.left, (And, Or, Not))
        right = _wrap(node.right, (And, Or, Not, Near))
        return f"{left} {operator} {right}"
    if isinstance(node, And):
        return " AND ".join(_wrap(child, (Or,)) for child in node.children)
    if isinstance(node, Or):
        return " OR ".join(render(child) for child in node.children)
    return "NOT " + _wrap(node.child, (And, Or))


def _wrap(node: Node, kinds: tuple[type, ...]) -> str:
    text = render(node)
    return f"({text})" if isinstance(node, kinds) else text
