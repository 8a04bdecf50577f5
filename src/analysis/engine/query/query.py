"""A parsed topic query: exact matching, required terms, archive pre-filter, percolation anchors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise, product

from analysis.engine.query.document import Document
from analysis.engine.query.evaluate import Predicate, compile_node
from analysis.engine.query.keys import index_key, split_tone
from analysis.engine.query.nodes import And, Near, Node, Not, Or, Term, render
from analysis.engine.query.parser import parse

#: Beyond this many alternatives the pre-filter drops AND operands (a looser but still safe filter).
MAX_ALTERNATIVES = 64

#: A percolation anchor: (namespace, key). Namespaces: "e"/"f" text key (exact/folded),
#: "be"/"bf" two adjacent keys "a b", "pe"/"pf" prefix letters, "oe"/"of" outlet key,
#: "s" source type, "*" every document.
Anchor = tuple[str, str]


@dataclass(frozen=True)
class Query:
    """Build with :func:`parse_query`. Equal queries have equal trees and the same accent mode."""

    root: Node
    accent_insensitive: bool = False
    _predicate: Predicate = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_predicate", compile_node(self.root, folded=self.accent_insensitive)
        )

    @property
    def text(self) -> str:
        """The canonical query text (explicit operators); ``parse_query(q.text)`` gives ``q``."""
        return render(self.root)

    def __str__(self) -> str:
        return self.text

    def matches(self, doc: Document) -> bool:
        return self._predicate(doc.view(folded=self.accent_insensitive))

    def terms(self) -> tuple[str, ...]:
        """The keys of the words and phrases the query looks for (not under NOT; no prefixes,
        no outlet/source_type values), sorted, spelt as the archive index spells them."""
        found: set[str] = set()
        _collect_terms(self.root, found, folded=self.accent_insensitive)
        return tuple(sorted(found))

    def prefilter(self) -> list[list[str]] | None:
        """Alternatives of index keys that must all appear in title, lead or body.

        Every matching document contains all the keys of at least one alternative (the
        alternatives over-approximate the query), so narrowing the archive with the full-text
        index and then running :meth:`matches` on each candidate gives exactly the matching
        documents. Keys are spelt as ``monitoring.search.query.exact_key`` (or ``folded_key``
        when :attr:`accent_insensitive`) spells them. None when some way of matching needs no
        ordinary word at all: only prefixes, ``outlet:`` or ``source_type:`` values.
        """
        required = self.required_keys()
        if required is None:
            return None
        folded = self.accent_insensitive
        words = _minimal([frozenset(k for k in keys if " " not in k) for keys in required])
        return sorted(sorted({index_key(k, folded=folded) for k in keys}) for keys in words)

    def required_keys(self) -> tuple[frozenset[str], ...] | None:
        """:meth:`prefilter` in this package's own key spelling (tone marks, not digits), with
        the adjacent pairs of each phrase as ``"a b"`` (see :attr:`View.pairs`)."""
        alternatives = _dnf(self.root)
        if any(not alternative for alternative in alternatives):
            return None
        return tuple(alternatives)

    def anchors(self, cost: Callable[[Anchor], float]) -> frozenset[Anchor] | None:
        """A cheap set of anchors such that every matching document has at least one."""
        found = _anchors(self.root, cost, folded=self.accent_insensitive)
        return None if found is None else found[0]


def parse_query(text: str, *, accent_insensitive: bool = False) -> Query:
    """Parse and normalise ``text``; raises :class:`QueryError` with the position of a problem."""
    root = parse(text, folded=accent_insensitive)
    return Query(root, accent_insensitive)


def _collect_terms(node: Node, found: set[str], *, folded: bool) -> None:
    if isinstance(node, Term):
        if not node.prefix and node.field not in ("outlet", "source_type"):
            found.update(index_key(k, folded=folded) for k in node.keys)
    elif isinstance(node, Near):
        _collect_terms(node.left, found, folded=folded)
        _collect_terms(node.right, found, folded=folded)
    elif isinstance(node, (And, Or)):
        for child in node.children:
            _collect_terms(child, found, folded=folded)


def _dnf(node: Node) -> list[frozenset[str]]:
    if isinstance(node, Term):
        if node.prefix or node.field in ("outlet", "source_type"):
            return [frozenset()]
        return [frozenset(node.keys) | frozenset(_pairs(node.keys))]
    if isinstance(node, Not):
        return [frozenset()]
    if isinstance(node, Or):
        return _minimal([a for child in node.children for a in _dnf(child)])
    children = (node.left, node.right) if isinstance(node, Near) else node.children
    parts = sorted((_dnf(child) for child in children), key=len)
    result = [frozenset[str]()]
    for part in parts:
        if part == [frozenset()]:
            continue
        if len(result) * len(part) > MAX_ALTERNATIVES:
            continue  # dropping an AND operand only widens the filter
        result = _minimal([a | b for a, b in product(result, part)])
    return result


def _minimal(alternatives: list[frozenset[str]]) -> list[frozenset[str]]:
    """Drop alternatives that contain another one (A or (A and B) = A)."""
    unique = sorted(set(alternatives), key=len)
    kept: list[frozenset[str]] = []
    for alternative in unique:
        if not any(k <= alternative for k in kept):
            kept.append(alternative)
    return kept


def _anchors(
    node: Node, cost: Callable[[Anchor], float], *, folded: bool
) -> tuple[frozenset[Anchor], float] | None:
    if isinstance(node, Term):
        best = min(_term_anchors(node, folded=folded), key=cost)
        return frozenset([best]), cost(best)
    if isinstance(node, Not):
        return None
    if isinstance(node, Or):
        union: set[Anchor] = set()
        for child in node.children:
            found = _anchors(child, cost, folded=folded)
            if found is None:
                return None
            union |= found[0]
        return frozenset(union), sum(cost(a) for a in union)
    children = (node.left, node.right) if isinstance(node, Near) else node.children
    options = [a for a in (_anchors(c, cost, folded=folded) for c in children) if a is not None]
    return min(options, key=lambda option: option[1]) if options else None


def _term_anchors(term: Term, *, folded: bool) -> list[Anchor]:
    mode = "f" if folded else "e"
    if term.field == "source_type":
        return [("s", term.keys[0])]
    if term.prefix and term.field == "outlet":
        return [("*", "")]  # rare: checked on every document
    if term.prefix:
        letters = term.keys[0] if folded else split_tone(term.keys[0])[0]
        return [("p" + mode, letters)]
    if term.field == "outlet":
        return [("o" + mode, key) for key in term.keys]
    return [(mode, key) for key in term.keys] + [("b" + mode, p) for p in _pairs(term.keys)]


def _pairs(keys: tuple[str, ...]) -> list[str]:
    return [f"{a} {b}" for a, b in pairwise(keys)]
