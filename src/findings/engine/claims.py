"""Claims already verified as false, and the items that repeat them (paraphrases included).

Pure (no framework imports, no model downloads). The register holds :class:`Claim` values
(``tin_gia`` fake news, ``tin_sai_su_that`` untrue information), each with keywords.
:func:`match_claims` compares the claim with every sentence of an item, and with every pair of
adjacent sentences (a paraphrase often spreads one claim over two sentences):

- **TF-IDF cosine** over folded syllables and syllable bigrams (accent-, tone-placement- and
  NFD-insensitive; function words dropped); IDF comes from the claims and the item's sentences;
- **keyword coverage**: the share of the claim's keywords found in the passage (accent-aware
  phrase matching, so ``tin`` never matches ``tín``; a keyword's words in another order count).

The similarity is ``0.6 × cosine + 0.4 × coverage`` when the claim has keywords, the cosine
otherwise. The best passage is the evidence. ``debunking`` says the item also contains refutation
wording ("tin giả", "sai sự thật", "bác bỏ"…): an item that reports a claim *as false* is not
spreading it, so officers see the flag first. :func:`claim_hits` turns matches into rule hits of
the rule for the publisher's kind (press, general site or social network) in force that day.
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from findings.engine.advertorial import sentences
from findings.engine.rules import RuleHit, make_hit, rules_for
from findings.engine.site_signals import Phrase, Tokens, find_all, phrases, tokenize

ClaimLabel = Literal["tin_gia", "tin_sai_su_that"]
DEFAULT_THRESHOLD = 0.45
COSINE_WEIGHT = 0.6
#: Function words (folded) that carry no claim content.
STOPWORDS = frozenset(
    [
        "va",
        "cua",
        "la",
        "co",
        "duoc",
        "cac",
        "nhung",
        "mot",
        "cho",
        "voi",
        "trong",
        "nay",
        "do",
        "da",
        "se",
        "thi",
        "ma",
        "nen",
        "vi",
        "de",
        "tu",
        "tai",
        "ra",
        "vao",
        "len",
        "nhu",
        "cung",
        "con",
        "khi",
        "theo",
        "ve",
        "hay",
        "hoac",
        "neu",
        "nhieu",
        "rat",
        "sau",
        "truoc",
        "den",
        "o",
        "nguoi",
        "ong",
        "ba",
        "anh",
        "chi",
        "em",
        "moi",
        "toi",
        "ho",
        "chung",
        "ta",
        "day",
        "kia",
        "ay",
        "bi",
        "boi",
        "nao",
        "gi",
        "sao",
        "lai",
        "chi",
        "van",
        "dang",
        "vua",
        "mat",
    ]
)
REFUTATION = (
    "tin giả", "sai sự thật", "không đúng sự thật", "bác bỏ", "thông tin thất thiệt",
    "không có căn cứ", "bịa đặt", "xuyên tạc", "cảnh báo", "khuyến cáo", "đính chính",
    "xác minh", "không chính xác",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    text: str
    label: ClaimLabel
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    claim_id: str
    similarity: float
    method: str  # "tfidf" or "tfidf+keywords"
    evidence_sentence: str
    cosine: float
    keyword_coverage: float
    matched_keywords: tuple[str, ...]
    label: ClaimLabel
    debunking: bool


def _features(text: str) -> Counter[str]:
    words = [t.folded for t in tokenize(text).tokens]
    content = [w for w in words if w not in STOPWORDS]
    features = Counter(content)
    features.update(f"{a}_{b}" for a, b in itertools.pairwise(words)
                    if a not in STOPWORDS or b not in STOPWORDS)  # fmt: skip
    return features


def _idf(documents: Sequence[Counter[str]]) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for document in documents:
        frequency.update(set(document))
    total = len(documents)
    return {term: math.log((1 + total) / (1 + df)) + 1.0 for term, df in frequency.items()}


def _vector(features: Counter[str], idf: Mapping[str, float]) -> dict[str, float]:
    vector = {t: (1 + math.log(n)) * idf.get(t, 1.0) for t, n in features.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _has_keyword(tokens: Tokens, keyword: Phrase) -> bool:
    """The keyword as a phrase, or all its words in any order (``đập … bị vỡ`` for "vỡ đập")."""
    if keyword.find(tokens):
        return True
    words = [w for w in keyword.label.split() if w]
    return len(words) > 1 and all(Phrase.of(w).find(tokens) for w in words)


def _passages(text: str) -> list[str]:
    parts = sentences(text)
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(parts)]
    return parts + pairs


def match_claims(
    item_text: str, claims: Sequence[Claim], *, threshold: float = DEFAULT_THRESHOLD
) -> list[ClaimMatch]:
    """The claims ``item_text`` repeats (similarity ≥ ``threshold``), best first."""
    passages = _passages(item_text)
    if not passages or not claims:
        return []
    passage_features = [_features(p) for p in passages]
    claim_features = [_features(c.text) for c in claims]
    idf = _idf(passage_features + claim_features)
    passage_vectors = [_vector(f, idf) for f in passage_features]
    passage_tokens = [tokenize(p) for p in passages]
    debunking = bool(find_all(tokenize(item_text), phrases(REFUTATION)))
    found: list[ClaimMatch] = []
    for claim, features in zip(claims, claim_features, strict=True):
        claim_vector = _vector(features, idf)
        keywords = phrases(k for k in claim.keywords if k.strip())
        best: ClaimMatch | None = None
        for passage, vector, tokens in zip(passages, passage_vectors, passage_tokens, strict=True):
            cosine = _cosine(claim_vector, vector)
            matched = tuple(k.label for k in keywords if _has_keyword(tokens, k))
            coverage = len(matched) / len(keywords) if keywords else 0.0
            score = COSINE_WEIGHT * cosine + (1 - COSINE_WEIGHT) * coverage if keywords else cosine
            if best is None or score > best.similarity:
                best = ClaimMatch(
                    claim_id=claim.id,
                    similarity=round(score, 3),
                    method="tfidf+keywords" if keywords else "tfidf",
                    evidence_sentence=passage,
                    cosine=round(cosine, 3),
                    keyword_coverage=round(coverage, 3),
                    matched_keywords=matched,
                    label=claim.label,
                    debunking=debunking,
                )
        if best is not None and best.similarity >= threshold:
            found.append(best)
    return sorted(found, key=lambda m: -m.similarity)


def claim_hits(
    matches: Sequence[ClaimMatch], *, kind: str, on: datetime.date, subject: str = ""
) -> list[RuleHit]:
    """Rule hits for the matches, under the false-information rule for ``kind`` on ``on``."""
    rules = rules_for("claims", on, kind=kind)
    if not rules:
        return []
    rule = rules[0]
    threshold = float(rule.param("similarity_threshold", DEFAULT_THRESHOLD))
    return [
        make_hit(
            rule,
            subject,
            passed=False,
            score=m.similarity,
            template=(
                "Repeats claim %(claim)s verified as %(label)s (similarity %(similarity)s)"
                if not m.debunking
                else "Mentions claim %(claim)s verified as %(label)s (similarity "
                "%(similarity)s), with refutation wording"
            ),
            params={"claim": m.claim_id, "label": m.label, "similarity": m.similarity},
            evidence=(m.evidence_sentence,),
            figures={
                "similarity": m.similarity,
                "cosine": m.cosine,
                "keyword_coverage": m.keyword_coverage,
                "method": m.method,
                "debunking": m.debunking,
            },
        )
        for m in matches
        if m.similarity >= threshold
    ]
