"""Tone of an item (negative / neutral / positive, as counted in the monthly press briefing).

Two methods, same result type:

- :class:`ToneLexicon` (works from a fresh install): terms with weights
  (``analysis/data/tone_lexicon.json``, editable). Each occurrence counts weight × field weight
  (title 2, lead 1.5, body 1; a term at most :data:`BODY_CAP` times in the body). A negator in the
  three syllables before a term in the same sentence flips it (``không vi phạm`` counts a
  little positive, ``chưa hiệu quả`` negative); a neutralizer (``phòng chống``, ``ngăn chặn`` …)
  cancels it; an intensifier next to it adds half. Score = (positive − negative) / (positive +
  negative + prior), the prior growing with the length (:data:`PRIOR`,
  :data:`PRIOR_PER_100_WORDS`) so that ordinary news stays neutral unless the evidence is clear;
  negative from −:data:`NEGATIVE_THRESHOLD`, positive from :data:`POSITIVE_THRESHOLD` (calibrated
  on the labelled set in ``bench/``).
- :class:`ToneModel`: multinomial logistic regression (numpy) over folded syllable uni- and bigrams
  plus the lexicon's sums, trained from the officers' corrections. Its bytes carry
  :attr:`ToneModel.FORMAT_VERSION`; another version raises :class:`IncompatibleModelError` so the
  caller retrains.

:func:`score_tone` uses the model when it is given and was trained on enough examples, else the
lexicon.
"""

from __future__ import annotations

import io
import json
import math
import re
import struct
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

import numpy as np

from analysis.engine.gazetteer import load_json
from analysis.engine.sectors import parse_term
from analysis.engine.tokens import PhraseMatcher, Token, is_accented_text, tokenize

LABELS = ("negative", "neutral", "positive")
FIELD_WEIGHTS: Mapping[str, float] = {"title": 2.0, "lead": 1.5, "body": 1.0}
BODY_CAP = 3
#: Evidence needed before a verdict: PRIOR + PRIOR_PER_100_WORDS × length (long articles gather
#: many weak terms). Thresholds are asymmetric: official news is full of weak positive words.
PRIOR = 1.0
PRIOR_PER_100_WORDS = 1.0
NEGATIVE_THRESHOLD = 0.25
POSITIVE_THRESHOLD = 0.5
NEGATION_WINDOW = 3
#: A negated negative term counts this share of its weight as positive, and vice versa.
NEGATED_NEGATIVE = 0.15
NEGATED_POSITIVE = 0.8
#: Fewest training examples (and labels) for :func:`score_tone` to prefer the model.
MIN_EXAMPLES = 30
_SENTENCE_BREAK = re.compile(r"[.!?;…\n]")


@dataclass(frozen=True)
class ToneResult:
    label: str  # "negative" | "neutral" | "positive"
    score: float  # -1 .. 1
    drivers: tuple[str, ...]  # terms ("−sạt lở", "+khánh thành") and the deciding sentence
    method: str  # "lexicon" | "model"


class IncompatibleModelError(ValueError):
    """The stored model was written by another format version (or is not a tone model)."""


@dataclass(frozen=True)
class _Contribution:
    phrase: str
    value: float  # signed
    field: str
    sentence: tuple[int, int]


@dataclass(frozen=True)
class LexiconScore:
    positive: float
    negative: float
    contributions: tuple[_Contribution, ...]
    texts: Mapping[str, str]
    words: int

    @property
    def score(self) -> float:
        prior = PRIOR + PRIOR_PER_100_WORDS * self.words / 100
        return (self.positive - self.negative) / (self.positive + self.negative + prior)


class ToneLexicon:
    """Weighted positive and negative terms with negators, neutralizers and intensifiers."""

    def __init__(self, mapping: Mapping[str, Sequence[str]]) -> None:
        self.mapping = {k: list(v) for k, v in mapping.items() if not k.startswith("_")}
        entries: list[tuple[str, tuple[str, float]]] = []
        for kind, sign in (("negative", -1.0), ("positive", 1.0)):
            for term in mapping.get(kind, ()):
                phrase, weight = parse_term(term)
                entries.append((phrase, ("term", sign * weight)))
        for kind in ("neutral", "negators", "neutralizers", "intensifiers"):
            for phrase in mapping.get(kind, ()):
                entries.append((phrase, (kind, 0.0)))
        self._matcher: PhraseMatcher[tuple[str, float]] = PhraseMatcher(entries)

    @classmethod
    def default(cls) -> ToneLexicon:
        return _default_lexicon()

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Sequence[str]]) -> ToneLexicon:
        """Keys ``negative``, ``positive``, ``negators``, ``intensifiers``; optional
        ``neutralizers`` (cancel the next term) and ``neutral`` (phrases that hide a term)."""
        return cls(mapping)

    def measure(self, title: str, lead: str = "", body: str = "") -> LexiconScore:
        texts = {
            "title": unicodedata.normalize("NFC", title or ""),
            "lead": unicodedata.normalize("NFC", lead or ""),
            "body": unicodedata.normalize("NFC", body or ""),
        }
        tokenized = {name: tokenize(text) for name, text in texts.items()}
        accented = is_accented_text(list(tokenized.values()))
        positive = negative = 0.0
        contributions: list[_Contribution] = []
        body_uses: dict[str, int] = defaultdict(int)
        for name, tokens in tokenized.items():
            text = texts[name]
            hits = self._matcher.find(tokens, accent_sensitive=accented)
            breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text)] if hits else []
            for index, hit in enumerate(hits):
                kind, value = hit.value
                if kind != "term":
                    continue
                phrase = _surface(text, tokens, hit.first, hit.last)
                if name == "body":
                    body_uses[phrase.lower()] += 1
                    if body_uses[phrase.lower()] > BODY_CAP:
                        continue
                value *= FIELD_WEIGHTS[name]
                modifier = _modifier_before(hits, index, tokens, text)
                if modifier == "neutralizers":
                    continue
                if modifier == "negators":
                    value = -value * (NEGATED_NEGATIVE if value < 0 else NEGATED_POSITIVE)
                    phrase = _surface(text, tokens, _negator_start(hits, index), hit.last)
                elif _intensified(hits, index, tokens, text):
                    value *= 1.5
                if value < 0:
                    negative -= value
                else:
                    positive += value
                contributions.append(
                    _Contribution(
                        phrase, value, name, _sentence_of(breaks, text, tokens[hit.first].start)
                    )
                )
        words = sum(len(tokens) for tokens in tokenized.values())
        return LexiconScore(positive, negative, tuple(contributions), texts, words)

    def score(self, title: str, lead: str = "", body: str = "") -> ToneResult:
        measured = self.measure(title, lead, body)
        score = measured.score
        return ToneResult(_label(score), round(score, 4), _drivers(measured, score), "lexicon")


def _label(score: float) -> str:
    if score <= -NEGATIVE_THRESHOLD:
        return "negative"
    if score >= POSITIVE_THRESHOLD:
        return "positive"
    return "neutral"


def _surface(text: str, tokens: Sequence[Token], first: int, last: int) -> str:
    return text[tokens[first].start : tokens[last - 1].end]


def _same_sentence(text: str, start: int, end: int) -> bool:
    return _SENTENCE_BREAK.search(text, start, end) is None


def _modifier_before(hits: Sequence[Any], index: int, tokens: Sequence[Token], text: str) -> str:
    hit = hits[index]
    for previous in reversed(hits[:index]):
        if hit.first - previous.last > NEGATION_WINDOW:
            break
        kind = previous.value[0]
        if kind in ("negators", "neutralizers") and _same_sentence(
            text, tokens[previous.last - 1].end, tokens[hit.first].start
        ):
            return str(kind)
    return ""


def _negator_start(hits: Sequence[Any], index: int) -> int:
    for previous in reversed(hits[:index]):
        if previous.value[0] == "negators":
            return int(previous.first)
    return int(hits[index].first)


def _intensified(hits: Sequence[Any], index: int, tokens: Sequence[Token], text: str) -> bool:
    hit = hits[index]
    for other in (
        hits[index - 1] if index else None,
        hits[index + 1] if index + 1 < len(hits) else None,
    ):
        if other is None or other.value[0] != "intensifiers":
            continue
        gap = hit.first - other.last if other.last <= hit.first else other.first - hit.last
        if gap <= 2:
            return True
    return False


def _sentence_of(breaks: Sequence[int], text: str, position: int) -> tuple[int, int]:
    """The sentence around ``position``; ``breaks`` are the sorted sentence-break offsets."""
    index = bisect_right(breaks, position)
    start = breaks[index - 1] + 1 if index else 0
    end = breaks[index] if index < len(breaks) else len(text)
    return start, end


def _drivers(measured: LexiconScore, score: float, limit: int = 6) -> tuple[str, ...]:
    if not measured.contributions:
        return ()
    totals: dict[str, float] = defaultdict(float)
    for c in measured.contributions:
        totals[c.phrase.lower()] += c.value
    wanted = -1 if score < 0 else 1
    ordered = sorted(totals, key=lambda p: (-(totals[p] * wanted), p))
    terms = [
        ("+" if totals[p] > 0 else "\u2212") + p for p in ordered[:limit] if abs(totals[p]) > 0
    ]
    by_sentence: dict[tuple[str, tuple[int, int]], float] = defaultdict(float)
    for c in measured.contributions:
        by_sentence[(c.field, c.sentence)] += c.value
    field, (start, end) = max(by_sentence, key=lambda k: by_sentence[k] * wanted)
    sentence = measured.texts[field][start:end].strip()
    if len(sentence) > 240:
        sentence = sentence[:237].rstrip() + "…"
    if sentence and by_sentence[(field, (start, end))] * wanted > 0:
        terms.append(f"“{sentence}”")
    return tuple(terms)


@cache
def _default_lexicon() -> ToneLexicon:
    return ToneLexicon(load_json("tone_lexicon.json"))


# -- trained model ------------------------------------------------------------------------------

_MAGIC = b"PWTONE\x00"


def features(text: str) -> list[str]:
    """Folded syllable unigrams and bigrams of one text (the model's vocabulary units)."""
    keys = [t.fkey for t in tokenize(unicodedata.normalize("NFC", text)) if not t.fkey.isdigit()]
    return keys + [f"{a} {b}" for a, b in pairwise(keys)]


class ToneModel:
    """Multinomial logistic regression over n-grams and lexicon sums (numpy only)."""

    FORMAT_VERSION = 1
    _LEX_FEATURES = ("\x00lex_positive", "\x00lex_negative", "\x00lex_score")

    def __init__(
        self,
        vocabulary: Sequence[str],
        weights: np.ndarray,
        *,
        lexicon_mapping: Mapping[str, Sequence[str]],
        n_examples: int,
        labels: Sequence[str] = LABELS,
    ) -> None:
        self.vocabulary = list(vocabulary)
        self._index = {f: i for i, f in enumerate(self.vocabulary)}
        self.weights = weights  # (len(vocabulary) + 1 bias + 3 lexicon, len(labels))
        self.lexicon_mapping = {k: list(v) for k, v in lexicon_mapping.items()}
        self.lexicon = ToneLexicon(self.lexicon_mapping)
        self.n_examples = n_examples
        self.labels = tuple(labels)

    # feature rows: (indices, values); index len(vocab) = bias, then the lexicon sums
    def _row(
        self, text_parts: Sequence[str], measured: LexiconScore
    ) -> tuple[list[int], list[float]]:
        counts: dict[int, float] = defaultdict(float)
        for boost, part in zip((2.0, 1.0, 1.0), text_parts, strict=False):
            for feature in features(part):
                index = self._index.get(feature)
                if index is not None:
                    counts[index] += boost
        norm = math.sqrt(sum((1 + math.log(v)) ** 2 for v in counts.values())) or 1.0
        indices = list(counts)
        values = [(1 + math.log(counts[i])) / norm for i in indices]
        base = len(self.vocabulary)
        indices += [base, base + 1, base + 2, base + 3]
        values += [
            1.0,
            math.log1p(measured.positive) / 2,
            math.log1p(measured.negative) / 2,
            measured.score * 2,
        ]
        return indices, values

    @classmethod
    def train(
        cls,
        examples: Sequence[tuple[str, str]],
        *,
        lexicon: ToneLexicon,
        epochs: int = 300,
        l2: float = 1e-4,
        max_features: int = 40000,
    ) -> ToneModel:
        """Fit on (text, label) pairs: the text's first line is read as the title, the rest as
        the body. Labels outside negative/neutral/positive are refused."""
        for _text, label in examples:
            if label not in LABELS:
                raise ValueError(f"unknown tone label: {label!r}")
        document_frequency: dict[str, int] = defaultdict(int)
        for text, _ in examples:
            for feature in set(features(text)):
                document_frequency[feature] += 1
        min_df = 2 if len(examples) >= 200 else 1
        vocabulary = sorted(
            (f for f, n in document_frequency.items() if n >= min_df),
            key=lambda f: (-document_frequency[f], f),
        )[:max_features]
        vocabulary.sort()
        size = len(vocabulary) + 4
        model = cls(
            vocabulary,
            np.zeros((size, len(LABELS)), dtype=np.float64),
            lexicon_mapping=lexicon.mapping,
            n_examples=len(examples),
        )
        rows = []
        for text, _ in examples:
            title, _sep, rest = text.partition("\n")
            rows.append(model._row([title, "", rest], lexicon.measure(title, "", rest)))
        y = np.array([LABELS.index(label) for _t, label in examples])
        if len(examples):
            model.weights = _fit(rows, y, size, epochs=epochs, l2=l2)
        return model

    def _probabilities(
        self, title: str, lead: str, body: str
    ) -> tuple[np.ndarray, LexiconScore, tuple[list[int], list[float]]]:
        measured = self.lexicon.measure(title, lead, body)
        row = self._row([title, lead, body], measured)
        indices, values = row
        logits = (self.weights[indices] * np.asarray(values)[:, None]).sum(axis=0)
        logits -= logits.max()
        probabilities = np.exp(logits)
        return probabilities / probabilities.sum(), measured, row

    def predict(self, title: str, lead: str = "", body: str = "") -> ToneResult:
        probabilities, measured, (indices, values) = self._probabilities(title, lead, body)
        best = int(np.argmax(probabilities))
        label = self.labels[best]
        score = float(
            probabilities[LABELS.index("positive")] - probabilities[LABELS.index("negative")]
        )
        contributions = self.weights[indices, best] * np.asarray(values)
        order = np.argsort(-contributions)
        base = len(self.vocabulary)
        drivers = []
        for position in order[:8]:
            index = indices[int(position)]
            if contributions[position] <= 0 or index >= base:
                continue
            drivers.append(self.vocabulary[index])
        lexicon_drivers = _drivers(measured, score) if label != "neutral" else ()
        return ToneResult(label, round(score, 4), tuple(drivers[:5]) + lexicon_drivers[:3], "model")

    def to_bytes(self) -> bytes:
        header = json.dumps(
            {
                "vocabulary": self.vocabulary,
                "lexicon": self.lexicon_mapping,
                "n_examples": self.n_examples,
                "labels": list(self.labels),
            },
            ensure_ascii=False,
        ).encode("utf-8")
        buffer = io.BytesIO()
        np.save(buffer, self.weights.astype(np.float32), allow_pickle=False)
        return (
            _MAGIC
            + struct.pack(">HI", self.FORMAT_VERSION, len(header))
            + header
            + buffer.getvalue()
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> ToneModel:
        if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 6:
            raise IncompatibleModelError("not a tone model")
        version, length = struct.unpack_from(">HI", data, len(_MAGIC))
        if version != cls.FORMAT_VERSION:
            raise IncompatibleModelError(
                f"tone model format {version}, this version reads {cls.FORMAT_VERSION}"
            )
        start = len(_MAGIC) + 6
        try:
            header = json.loads(data[start : start + length].decode("utf-8"))
            weights = np.load(io.BytesIO(data[start + length :]), allow_pickle=False)
        except (ValueError, UnicodeDecodeError) as error:
            raise IncompatibleModelError(f"damaged tone model: {error}") from error
        return cls(
            header["vocabulary"],
            weights.astype(np.float64),
            lexicon_mapping=header["lexicon"],
            n_examples=int(header["n_examples"]),
            labels=header["labels"],
        )

    @property
    def usable(self) -> bool:
        return self.n_examples >= MIN_EXAMPLES


def _fit(
    rows: Sequence[tuple[list[int], list[float]]],
    y: np.ndarray,
    size: int,
    *,
    epochs: int,
    l2: float,
) -> np.ndarray:
    """Full-batch Adam on the class-balanced softmax loss over sparse rows."""
    n = len(rows)
    classes = len(LABELS)
    lengths = np.array([len(r[0]) for r in rows])
    indices = np.concatenate([np.asarray(r[0], dtype=np.int64) for r in rows])
    values = np.concatenate([np.asarray(r[1], dtype=np.float64) for r in rows])
    row_of = np.repeat(np.arange(n), lengths)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    counts = np.bincount(y, minlength=classes).astype(np.float64)
    class_weight = np.where(counts > 0, n / (classes * np.maximum(counts, 1)), 0.0)
    sample_weight = class_weight[y] / n
    target = np.zeros((n, classes))
    target[np.arange(n), y] = 1.0
    weights = np.zeros((size, classes))
    m = np.zeros_like(weights)
    v = np.zeros_like(weights)
    rate, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        products = weights[indices] * values[:, None]
        logits = np.add.reduceat(products, offsets, axis=0)
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        error = (probabilities - target) * sample_weight[:, None]
        per_value = error[row_of] * values[:, None]
        gradient: np.ndarray = (
            np.stack(
                [
                    np.bincount(indices, weights=per_value[:, c], minlength=size)
                    for c in range(classes)
                ],
                axis=1,
            ).astype(np.float64)
            + l2 * weights
        )
        m = beta1 * m + (1 - beta1) * gradient
        v = beta2 * v + (1 - beta2) * gradient**2
        m_hat = m / (1 - beta1**step)
        v_hat = v / (1 - beta2**step)
        weights -= rate * m_hat / (np.sqrt(v_hat) + eps)
    return weights


def score_tone(
    title: str,
    lead: str = "",
    body: str = "",
    *,
    lexicon: ToneLexicon | None = None,
    model: ToneModel | None = None,
) -> ToneResult:
    """The model's verdict when it is trained on enough examples, else the lexicon's."""
    if model is not None and model.usable:
        return model.predict(title, lead, body)
    return (lexicon or ToneLexicon.default()).score(title, lead, body)
