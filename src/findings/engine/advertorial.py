"""Commercial signals on one item, for human review (never automatic findings).

Pure (no framework imports). Two detectors, both dated rules of ``rules.json`` with confidence
``K`` (provincial practice, no confirmed legal basis):

- :func:`assess_advertorial`: an advertorial without a label. Signals: prices (``1.200.000 đồng``,
  ``5 triệu``, ``VNĐ``, "giá chỉ"), phone numbers and hotlines, promotional wording (ưu đãi,
  khuyến mãi, liên hệ ngay, cam kết, tốt nhất…), and one brand name repeated. The weighted score
  (weights and threshold in the rule) flags an item only when no advertising label is present
  ("Thông tin quảng cáo", "PR", "Nội dung do … tài trợ"…).
- :func:`softened_after_negative`: a negative item removed or softened soon after publication
  (within the rule's hours): removed, or the tone score rose by at least the rule's amount, or
  sentences with negative wording were removed; the evidence is the removed sentences.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from core.text import fold_diacritics, normalize_text
from findings.engine.rules import RuleHit, make_hit, rules_for
from findings.engine.site_signals import find_all, phrases, tokenize

PROMOTION = (
    "ưu đãi", "khuyến mãi", "khuyến mại", "giảm giá", "liên hệ ngay", "đặt hàng", "mua ngay",
    "đăng ký ngay", "cam kết", "tốt nhất", "hàng đầu", "số 1", "chính hãng", "miễn phí",
    "quà tặng", "độc quyền", "uy tín", "số lượng có hạn", "giá chỉ", "giá ưu đãi", "bảo hành",
    "hiệu quả vượt trội", "đại lý", "showroom",
)  # fmt: skip
LABELS = (
    "thông tin quảng cáo", "bài quảng cáo", "nội dung quảng cáo", "nội dung tài trợ",
    "được tài trợ", "do nhà tài trợ", "sponsored", "advertorial", "thông tin doanh nghiệp",
)  # fmt: skip
#: "Nội dung do <brand> tài trợ": "do" then up to six words then "tài trợ".
_SPONSORED = re.compile(r"\bnoi dung do (?:\w+ ){1,6}tai tro\b")
_PR_LABEL = re.compile(r"(?:^|[\s(\[|])PR(?:$|[\s)\]|:.])")
_PRICE = re.compile(
    r"\b\d{1,3}(?:[.,]\d{3})+\s*(?:d|dong|vnd|vnđ)\b|\b\d+(?:[.,]\d+)?\s*(?:trieu|nghin|ngan|ty)"
    r"(?:\s*dong)?\b|\b\d+(?:[.,]\d+)?\s*(?:vnd|k)\b|\bgia (?:chi|tu|uu dai)\b"
)
_PHONE = re.compile(r"(?<!\d)(?:\+84|0)(?:[\s.\-]?\d){8,10}(?!\d)|\bhotline\b|\bzalo\b")
_BRAND = re.compile(r"\b(?:[A-ZĐ][\w&]*[A-Z0-9][\w&]*|[A-ZĐ][a-zà-ỹđ]+(?:\s+[A-ZĐ][\w]+){1,3})\b")
#: Capitalised names that are not brands (places, bodies, titles).
NOT_BRANDS = (
    "việt nam", "lâm đồng", "đắk nông", "gia nghĩa", "hà nội", "thành phố", "hồ chí minh",
    "ubnd", "hđnd", "sở", "bộ", "công an", "tp", "tỉnh", "huyện", "xã", "phường", "ông", "bà",
    "anh", "chị", "theo", "tại", "trong", "ngày", "những", "các", "khi", "với", "đây",
)  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")


@dataclass(frozen=True, slots=True)
class AdSignal:
    name: str  # prices, phones, promotion, brand
    count: int
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AdvertorialAssessment:
    score: float
    labelled: bool
    label: str
    signals: tuple[AdSignal, ...]
    brand: str
    hit: RuleHit | None  # None when no rule is in force on the day


def sentences(text: str) -> list[str]:
    """The sentences of a text (after normalisation), without empty ones."""
    return [s.strip() for s in _SENTENCE.split(normalize_text(text)) if s.strip()]


def _label(text: str) -> str:
    tokens = tokenize(text)
    hits = find_all(tokens, phrases(LABELS))
    if hits:
        return tokens.span(hits[0].first, hits[0].last)
    folded = fold_diacritics(text)
    sponsored = _SPONSORED.search(folded)
    if sponsored:
        return text[sponsored.start() : sponsored.end()]
    if _PR_LABEL.search(text):
        return "PR"
    lines = [line.strip(" :-[]()") for line in normalize_text(text).split("\n")]
    standalone = [line for line in lines if fold_diacritics(line) in ("quang cao", "qc")]
    return standalone[0] if standalone else ""


def _matches(pattern: re.Pattern[str], text: str) -> list[str]:
    """Matches of a pattern on the folded text, quoted from the original text."""
    folded = fold_diacritics(normalize_text(text))
    original = normalize_text(text)
    same_length = len(folded) == len(original)
    return [
        original[m.start() : m.end()] if same_length else m.group(0)
        for m in pattern.finditer(folded)
    ]


def _brand(text: str) -> tuple[str, int]:
    excluded = {fold_diacritics(n) for n in NOT_BRANDS}
    names: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for match in _BRAND.finditer(normalize_text(text)):
        name = match.group(0)
        key = fold_diacritics(name)
        if key in excluded or key.split()[0] in excluded:
            continue
        names[key] += 1
        shown.setdefault(key, name)
    if not names:
        return "", 0
    key, count = names.most_common(1)[0]
    return shown[key], count


def assess_advertorial(
    text: str, *, title: str = "", on: datetime.date, subject: str = ""
) -> AdvertorialAssessment:
    """The commercial signals of one item and, when it carries no label, a finding proposal."""
    rules = rules_for("advertorial", on)
    rule = rules[0] if rules else None
    params = rule.parameters if rule else {}
    weights: dict[str, float] = dict(params.get("weights", {}))
    full = text if not title else f"{title}\n{text}"
    prices = _matches(_PRICE, full)
    phones = _matches(_PHONE, full)
    tokens = tokenize(full)
    promotion = [tokens.span(h.first, h.last) for h in find_all(tokens, phrases(PROMOTION))]
    brand, mentions = _brand(full)
    brand_min = int(params.get("brand_min_mentions", 3))
    promotion_full_at = float(params.get("promotion_full_at", 3))
    distinct_promotion = len({fold_diacritics(p) for p in promotion})
    signals = (
        AdSignal("prices", len(prices), tuple(dict.fromkeys(prices))[:5]),
        AdSignal("phones", len(phones), tuple(dict.fromkeys(phones))[:5]),
        AdSignal("promotion", distinct_promotion, tuple(dict.fromkeys(promotion))[:8]),
        AdSignal("brand", mentions if mentions >= brand_min else 0,
                 (f"{brand} ×{mentions}",) if mentions >= brand_min else ()),
    )  # fmt: skip
    strength = {
        "prices": 1.0 if prices else 0.0,
        "phones": 1.0 if phones else 0.0,
        "promotion": min(1.0, distinct_promotion / promotion_full_at),
        "brand": 1.0 if mentions >= brand_min else 0.0,
    }
    score = round(min(1.0, sum(weights.get(n, 0.0) * s for n, s in strength.items())), 2)
    label = _label(full)
    hit = None
    if rule is not None:
        threshold = float(params.get("threshold", 0.5))
        flagged = score >= threshold and not label
        if label:
            template = "Commercial signals (score %(score)s), labelled as %(label)s"
        elif flagged:
            template = "Unlabelled advertorial signals (score %(score)s, threshold %(threshold)s)"
        else:
            template = "Few commercial signals (score %(score)s, threshold %(threshold)s)"
        hit = make_hit(
            rule,
            subject,
            passed=not flagged,
            score=score,
            template=template,
            params={"score": score, "threshold": threshold, "label": label},
            evidence=tuple(f"{s.name}: {e}" for s in signals for e in s.evidence)[:12],
            figures={**{s.name: s.count for s in signals}, "labelled": bool(label)},
        )
    return AdvertorialAssessment(score, bool(label), label, signals, brand, hit)


# --- Negative items removed or softened -----------------------------------------------------------
NEGATIVE_WORDS = (
    "sai phạm", "vi phạm", "tham nhũng", "tiêu cực", "bức xúc", "khiếu nại", "tố cáo",
    "ô nhiễm", "chậm trễ", "yếu kém", "thất thoát", "lãng phí", "sai sót", "bất thường",
    "gây thiệt hại", "nợ đọng", "lừa đảo", "trục lợi", "khuất tất", "xuống cấp",
    "thiếu trách nhiệm", "bỏ hoang", "sai quy định", "không đúng quy định", "chưa được xử lý",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ItemVersion:
    at: datetime.datetime
    text: str
    tone_score: float  # -1 (negative) .. 1 (positive), computed by the caller


def _sentence_key(sentence: str) -> str:
    return " ".join(fold_diacritics(sentence).split())


def softened_after_negative(
    versions: Sequence[ItemVersion],
    *,
    removed_at: datetime.datetime | None = None,
    subject: str = "",
) -> RuleHit | None:
    """Whether a negative item was removed or softened soon after publication.

    ``versions`` in any order; the first is the published one. Returns ``None`` when the item was
    not negative when published or no rule is in force; otherwise a hit (failed when flagged).
    """
    if not versions:
        return None
    ordered = sorted(versions, key=lambda v: v.at)
    first = ordered[0]
    rules = rules_for("softened", first.at.date())
    if not rules:
        return None
    rule = rules[0]
    if first.tone_score > float(rule.param("negative_at_most", -0.2)):
        return None
    window = datetime.timedelta(hours=float(rule.param("within_hours", 72)))
    deadline = first.at + window
    rise_needed = float(rule.param("tone_rise", 0.3))
    negative = phrases(NEGATIVE_WORDS)
    if removed_at is not None and removed_at <= deadline:
        hours = round((removed_at - first.at).total_seconds() / 3600, 1)
        removed = [s for s in sentences(first.text) if find_all(tokenize(s), negative)]
        return make_hit(
            rule,
            subject,
            passed=False,
            score=1.0,
            template="Negative item removed %(hours)s hours after publication",
            params={"hours": hours},
            evidence=tuple(removed[:5]),
            figures={"hours": hours, "tone_at_publication": first.tone_score},
        )
    later = [v for v in ordered[1:] if v.at <= deadline]
    if not later:
        return make_hit(
            rule, subject, passed=True, score=0.0,
            template="Negative item unchanged within %(hours)s hours",
            params={"hours": window.total_seconds() / 3600},
        )  # fmt: skip
    last = later[-1]
    kept = {_sentence_key(s) for s in sentences(last.text)}
    removed = [
        s
        for s in sentences(first.text)
        if _sentence_key(s) not in kept and find_all(tokenize(s), negative)
    ]
    rise = round(last.tone_score - first.tone_score, 3)
    hours = round((last.at - first.at).total_seconds() / 3600, 1)
    flagged = rise >= rise_needed or len(removed) >= int(rule.param("min_removed_negative", 1))
    return make_hit(
        rule,
        subject,
        passed=not flagged,
        score=max(min(1.0, rise / rise_needed) if rise_needed else 0.0, 1.0 if removed else 0.0),
        template=(
            "Negative item softened %(hours)s hours after publication: tone %(before)s → "
            "%(after)s, %(removed)s negative sentence(s) removed"
            if flagged
            else "Negative item edited %(hours)s hours after publication without softening"
        ),
        params={
            "hours": hours,
            "before": first.tone_score,
            "after": last.tone_score,
            "removed": len(removed),
        },
        evidence=tuple(removed[:5]),
        figures={"tone_rise": rise, "removed_negative_sentences": len(removed), "hours": hours},
    )
