"""Percolation: which of many saved topic queries match one incoming document.

Each topic is indexed under a few *anchors* (:meth:`Query.anchors`): keys such that any matching
document contains at least one of them — for an AND, the cheapest operand's anchors; for an OR,
the union of its operands'; for a phrase, its rarest word; NOT contributes nothing (the parser
refuses queries that would need no anchor). A document looks its own keys up in the anchor
index, prefixes by each indexed prefix length, and only the topics found there are evaluated
exactly. The result is therefore identical to evaluating every topic, while the work per
document grows with the number of topics that share its words, not with the number of topics.

"Cheapest" uses estimated document frequencies: pass ``frequencies`` (folded key → share of
documents containing it, e.g. from :func:`document_frequencies` over recent articles); unknown
keys are estimated from a short list of very common Vietnamese syllables and the key's length.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from analysis.engine.query.document import Document, View
from analysis.engine.query.keys import fold_key, split_tone
from analysis.engine.query.query import Anchor, Query

#: Very frequent syllables of Vietnamese news text (folded); poor anchors.
COMMON = frozenset(
    {
        "va",
        "cua",
        "la",
        "co",
        "cac",
        "nhung",
        "duoc",
        "trong",
        "cho",
        "voi",
        "khong",
        "nguoi",
        "nay",
        "da",
        "mot",
        "den",
        "khi",
        "ve",
        "theo",
        "tu",
        "tai",
        "nam",
        "ngay",
        "de",
        "thi",
        "cung",
        "nhu",
        "ra",
        "se",
        "do",
        "con",
        "lai",
        "cong",
        "ty",
        "so",
        "tinh",
        "thanh",
        "pho",
        "dan",
        "bao",
        "ho",
        "nhieu",
        "hien",
        "viec",
        "vao",
        "truoc",
        "sau",
        "tren",
        "duoi",
        "ban",
        "phai",
        "chi",
        "nhat",
        "hoac",
        "neu",
        "vi",
        "hay",
        "nen",
        "chinh",
        "quan",
        "huyen",
        "xa",
    }
)


def document_frequencies(docs: Iterable[Document]) -> dict[str, float]:
    """Share of ``docs`` whose title, lead or body contains each folded key (and pair of
    adjacent keys ``"a b"``)."""
    counts: Counter[str] = Counter()
    total = 0
    for doc in docs:
        counts.update(doc.folded.text_keys)
        counts.update(doc.folded.pairs)
        total += 1
    return {key: count / total for key, count in counts.items()} if total else {}


class Percolator:
    def __init__(self, *, frequencies: Mapping[str, float] | None = None) -> None:
        self._frequencies = frequencies or {}
        self._queries: dict[str, Query] = {}
        self._anchors: dict[str, frozenset[Anchor]] = {}
        self._guards: dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...] | None] = {}
        self._index: dict[str, dict[str, set[str]]] = {}
        self._prefix_lengths: dict[str, Counter[int]] = {"pe": Counter(), "pf": Counter()}

    def __len__(self) -> int:
        return len(self._queries)

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._queries

    def cost(self, anchor: Anchor) -> float:
        """Estimated share of documents an anchor selects (lower is a better anchor)."""
        namespace, key = anchor
        if namespace == "*":
            return 1.0
        if namespace == "s":
            return 0.9
        if namespace.endswith("f"):
            folded = key
        else:
            folded = " ".join(fold_key(part) for part in key.split(" "))
        known = self._frequencies.get(folded)
        if namespace in ("pe", "pf"):
            return 0.05 + 1.0 / (len(key) + 1)
        if namespace in ("oe", "of"):
            return 0.2
        if known is not None:
            return known
        if namespace in ("be", "bf"):
            first, second = key.split(" ")
            return 0.2 * min(self.cost((namespace[1], first)), self.cost((namespace[1], second)))
        if folded in COMMON or len(folded) <= 1:
            return 0.5
        return 0.3 / len(folded)

    def add(self, topic_id: str, query: Query) -> None:
        """Index ``query`` under ``topic_id`` (replacing any query the id had)."""
        if topic_id in self._queries:
            self.remove(topic_id)
        anchors = query.anchors(self.cost)
        if anchors is None:  # the parser guarantees anchors; keep the contract explicit
            raise ValueError(f"topic {topic_id!r} has no positive term to percolate on")
        self._queries[topic_id] = query
        self._anchors[topic_id] = anchors
        required = query.required_keys()
        self._guards[topic_id] = None if required is None else tuple(_split(r) for r in required)
        for namespace, key in anchors:
            self._index.setdefault(namespace, {}).setdefault(key, set()).add(topic_id)
            if namespace in self._prefix_lengths:
                self._prefix_lengths[namespace][len(key)] += 1

    def remove(self, topic_id: str) -> None:
        """Forget ``topic_id`` (nothing happens for an unknown id)."""
        anchors = self._anchors.pop(topic_id, frozenset())
        self._queries.pop(topic_id, None)
        self._guards.pop(topic_id, None)
        for namespace, key in anchors:
            table = self._index[namespace]
            topics = table[key]
            topics.discard(topic_id)
            if not topics:
                del table[key]
            if namespace in self._prefix_lengths:
                lengths = self._prefix_lengths[namespace]
                lengths[len(key)] -= 1
                if not lengths[len(key)]:
                    del lengths[len(key)]

    def candidates(self, doc: Document) -> set[str]:
        """The topics whose anchors the document contains (a superset of the matches)."""
        found: set[str] = set()
        index = self._index
        for mode, folded in (("e", False), ("f", True)):
            text = index.get(mode)
            pairs = index.get("b" + mode)
            prefixes = index.get("p" + mode)
            outlets = index.get("o" + mode)
            if not (text or pairs or prefixes or outlets):
                continue
            view = doc.view(folded=folded)
            if text:
                _look_up(view.text_keys, text, found)
            if pairs:
                _look_up(view.pairs, pairs, found)
            if prefixes:
                self._prefix_candidates(view, prefixes, found, folded=folded)
            if outlets:
                _look_up(view.fields["outlet"].keyset, outlets, found)
        always = index.get("*")
        if always:
            found |= always[""]
        source_types = index.get("s")
        if source_types:
            topics = source_types.get(doc.source_type.strip().lower())
            if topics:
                found |= topics
        return found

    def _prefix_candidates(
        self, view: View, prefixes: dict[str, set[str]], found: set[str], *, folded: bool
    ) -> None:
        lengths = sorted(self._prefix_lengths["pf" if folded else "pe"])
        for key in view.text_keys:
            letters = key if folded else split_tone(key)[0]
            for length in lengths:
                if length > len(letters):
                    break
                topics = prefixes.get(letters[:length])
                if topics:
                    found |= topics

    def match(self, doc: Document) -> list[str]:
        """The ids of the topics ``doc`` matches, sorted.

        Each candidate is first checked against its required keys (:meth:`Query.required_keys`,
        a few set inclusions) and only then evaluated exactly.
        """
        queries, guards = self._queries, self._guards
        found = []
        for topic in self.candidates(doc):
            query = queries[topic]
            guard = guards[topic]
            if guard is not None:
                view = doc.view(folded=query.accent_insensitive)
                for words, pairs in guard:
                    if words <= view.text_keys and (not pairs or pairs <= view.pairs):
                        break
                else:
                    continue
            if query.matches(doc):
                found.append(topic)
        return sorted(found)


def _look_up(keys: Iterable[str], table: dict[str, set[str]], found: set[str]) -> None:
    for key in keys:
        topics = table.get(key)
        if topics:
            found |= topics


def _split(required: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Required keys as (single keys, adjacent pairs "a b")."""
    pairs = frozenset(k for k in required if " " in k)
    return required - pairs, pairs
