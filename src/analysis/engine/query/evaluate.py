"""Exact evaluation of a syntax tree over a document's keys.

A tree is compiled once into nested closures (:func:`compile_node`), so evaluating a topic on an
article costs a few dictionary look-ups per term. Semantics:

- a word matches a key of the field (or of title, lead or body when no field is given);
- a phrase matches consecutive keys within one field;
- a prefix ``abc*`` matches any key whose letters start with ``abc``; in exact mode a tone mark
  written in the prefix must also be the key's tone (``hoà*`` matches ``hoàng``, not ``hoạch``);
- ``a NEAR/n b`` matches when an occurrence of ``a`` and one of ``b`` lie in the same field, do
  not overlap, and the second starts at most ``n`` words after the first ends (adjacent = 1), in
  either order; a NEAR match is itself an occurrence spanning both, so NEARs chain;
- ``source_type:v`` compares the document's source type as a whole, case-insensitively.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator

from analysis.engine.query.document import View
from analysis.engine.query.keys import split_tone
from analysis.engine.query.limits import TEXT_FIELDS
from analysis.engine.query.nodes import And, Near, Node, Not, Or, Term

#: (field, first word index, last word index)
Span = tuple[str, int, int]
Predicate = Callable[[View], bool]
Spans = Callable[[View], Iterator[Span]]


def compile_node(node: Node, *, folded: bool) -> Predicate:
    if isinstance(node, Term):
        return _term_predicate(node, folded=folded)
    if isinstance(node, And):
        parts = [compile_node(c, folded=folded) for c in _cheap_first(node.children)]

        return lambda view: all(part(view) for part in parts)
    if isinstance(node, Or):
        parts = [compile_node(c, folded=folded) for c in _cheap_first(node.children)]

        return lambda view: any(part(view) for part in parts)
    if isinstance(node, Not):
        part = compile_node(node.child, folded=folded)
        return lambda view: not part(view)
    return _near_predicate(node, folded=folded)


def _near_predicate(node: Near, *, folded: bool) -> Predicate:
    left = compile_node(node.left, folded=folded)
    right = compile_node(node.right, folded=folded)
    spans = compile_spans(node, folded=folded)
    return lambda view: left(view) and right(view) and next(spans(view), None) is not None


def _cost(node: Node) -> int:
    if isinstance(node, Term):
        return 0 if len(node.keys) == 1 and not node.prefix else 1
    if isinstance(node, Not):
        return _cost(node.child)
    if isinstance(node, Near):
        return 3
    return max(_cost(c) for c in node.children)


def _cheap_first(children: tuple[Node, ...]) -> list[Node]:
    return sorted(children, key=_cost)


def _fields_of(term: Term) -> tuple[str, ...]:
    return (term.field,) if term.field else TEXT_FIELDS


def _prefix_test(term: Term, *, folded: bool) -> tuple[str, Callable[[str], bool]]:
    if folded:
        return term.keys[0], lambda key: True
    letters, tone = split_tone(term.keys[0])
    if not tone:
        return letters, lambda key: True
    return letters, lambda key: split_tone(key)[1] == tone


def _term_predicate(term: Term, *, folded: bool) -> Predicate:
    if term.field == "source_type":
        value = term.keys[0]
        return lambda view: view.source_type == value
    fields = _fields_of(term)
    if len(term.keys) == 1 and not term.prefix:
        key = term.keys[0]
        if term.field is None:
            return lambda view: key in view.text_keys
        name = term.field
        return lambda view: key in view.fields[name].keyset
    spans = compile_spans(term, folded=folded)
    if term.prefix:
        start, accept = _prefix_test(term, folded=folded)
        return lambda view: any(
            accept(key) for f in fields for key in view.fields[f].starting_with(start)
        )
    keys = frozenset(term.keys)
    if term.field is None:
        return lambda view: keys <= view.text_keys and next(spans(view), None) is not None
    name = term.field
    return lambda view: keys <= view.fields[name].keyset and next(spans(view), None) is not None


def compile_spans(node: Node, *, folded: bool) -> Spans:
    """The occurrences of a term, an OR of them or a NEAR, as spans."""
    if isinstance(node, Term):
        return _term_spans(node, folded=folded)
    if isinstance(node, Or):
        parts = [compile_spans(c, folded=folded) for c in node.children]
        return lambda view: (span for p in parts for span in p(view))
    if isinstance(node, Near):
        return _near_spans(node, folded=folded)
    raise TypeError(f"not a span node: {type(node).__name__}")  # the parser refuses these


def _term_spans(term: Term, *, folded: bool) -> Spans:
    fields = _fields_of(term)
    keys = term.keys
    last = len(keys) - 1
    if term.prefix:
        return _prefix_spans(term, folded=folded)

    def spans(view: View) -> Iterator[Span]:
        for name in fields:
            field = view.fields[name]
            lists = [field.positions.get(key) for key in keys]
            if not all(lists):
                continue
            # scan the occurrences of the phrase's rarest word
            offset = min(range(len(keys)), key=lambda j: len(lists[j] or ()))
            words = field.keys
            for index in lists[offset] or ():
                start = index - offset
                if (
                    start >= 0
                    and start + last < len(words)
                    and all(words[start + j] == keys[j] for j in range(last + 1))
                ):
                    yield (name, start, start + last)

    return spans


def _prefix_spans(term: Term, *, folded: bool) -> Spans:
    fields = _fields_of(term)
    start, accept = _prefix_test(term, folded=folded)

    def spans(view: View) -> Iterator[Span]:
        for name in fields:
            field = view.fields[name]
            for key in field.starting_with(start):
                if accept(key):
                    for index in field.positions[key]:
                        yield (name, index, index)

    return spans


def _near_spans(node: Near, *, folded: bool) -> Spans:
    left = compile_spans(node.left, folded=folded)
    right = compile_spans(node.right, folded=folded)
    distance = node.distance

    def spans(view: View) -> Iterator[Span]:
        groups: dict[str, tuple[list[int], list[int]]] = {}
        longest = 0
        for name, b0, b1 in sorted(right(view)):
            starts, ends = groups.setdefault(name, ([], []))
            starts.append(b0)
            ends.append(b1)
            longest = max(longest, b1 - b0)
        if not groups:
            return
        for name, a0, a1 in left(view):
            group = groups.get(name)
            if group is None:
                continue
            starts, ends = group
            # the right side after the left: it starts 1..distance words after a1
            i = bisect_left(starts, a1 + 1)
            while i < len(starts) and starts[i] <= a1 + distance:
                yield (name, a0, max(a1, ends[i]))
                i += 1
            # the right side before the left: it ends 1..distance words before a0
            i = bisect_left(starts, a0 - distance - longest)
            while i < len(starts) and starts[i] < a0:
                if a0 - distance <= ends[i] < a0:
                    yield (name, starts[i], a1)
                i += 1

    return spans
