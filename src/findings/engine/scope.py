"""A magazine off its licensed scope (tôn chỉ mục đích), over a window of its items.

Pure (no framework imports). The registered scope is what ``registry.PressAgency`` keeps:
``scope_sectors`` (sector ids of DECISIONS §3), ``scope_keywords`` and ``is_science_journal``.

- An item is **in scope** when one of its sectors is a scope sector, or a scope keyword appears in
  its title, or at least ``min_keyword_hits`` times in its text (accent- and tone-insensitive).
  Each item says why (which sectors, which keywords).
- The **off-scope share** over the window gives a finding when it reaches the rule's threshold
  (default 0.3) over at least ``min_items`` items (default 10). Before 01/07/2026 the rule is the
  Press Law 2016 / QĐ 1418 one; from 01/07/2026 the Press Law 2025 one (news only about the
  governing body's field). Both are dated data in ``rules.json``.
- For a **science journal**, the share of incident, accident and crime items (the rule's term
  list, or an incident sector such as ``cong_an``) gives a second finding when it reaches its
  threshold.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from findings.engine.rules import Rule, RuleHit, make_hit, rules_for
from findings.engine.site_signals import Phrase, find_all, phrases, tokenize

DETECTOR = "scope"


@dataclass(frozen=True, slots=True)
class ScopeItem:
    id: str
    text: str
    sectors: tuple[str, ...] = ()  # primary first
    title: str = ""


@dataclass(frozen=True, slots=True)
class MagazineScope:
    scope_sectors: tuple[str, ...] = ()
    scope_keywords: tuple[str, ...] = ()
    is_science_journal: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.scope_sectors and not any(k.strip() for k in self.scope_keywords)


@dataclass(frozen=True, slots=True)
class ItemScope:
    id: str
    in_scope: bool
    matched_sectors: tuple[str, ...]
    matched_keywords: tuple[str, ...]
    incident: bool
    incident_terms: tuple[str, ...]

    @property
    def explanation(self) -> str:
        if self.matched_sectors:
            return "in scope: sector " + ", ".join(self.matched_sectors)
        if self.matched_keywords:
            return "in scope: keywords " + ", ".join(self.matched_keywords)
        return "outside the registered sectors and keywords"


@dataclass(frozen=True, slots=True)
class ScopeReport:
    items: tuple[ItemScope, ...]
    off_scope_share: float
    incident_share: float | None  # science journals only
    hits: tuple[RuleHit, ...]

    @property
    def off_scope(self) -> tuple[ItemScope, ...]:
        return tuple(i for i in self.items if not i.in_scope)


@dataclass(frozen=True, slots=True)
class IncidentTerms:
    """What makes an item incident, accident or crime news (from the rule's parameters)."""

    terms: tuple[str, ...]
    sectors: tuple[str, ...] = ()
    min_terms: int = 2

    @classmethod
    def of(cls, rule: Rule) -> IncidentTerms:
        return cls(
            tuple(rule.param("incident_terms", ())),
            tuple(rule.param("incident_sectors", ())),
            int(rule.param("min_incident_terms", 2)),
        )


def _keyword_counts(item: ScopeItem, keywords: Sequence[Phrase]) -> tuple[Counter[str], set[str]]:
    body = Counter(h.phrase.label for h in find_all(tokenize(item.text), keywords))
    in_title = {h.phrase.label for h in find_all(tokenize(item.title), keywords)}
    return body, in_title


def classify_item(
    item: ScopeItem,
    scope: MagazineScope,
    *,
    min_keyword_hits: int = 2,
    incidents: IncidentTerms | None = None,
) -> ItemScope:
    """Whether one item is within the scope, and why."""
    sectors = tuple(s for s in item.sectors if s in scope.scope_sectors)
    keywords = phrases(k for k in scope.scope_keywords if k.strip())
    body, in_title = _keyword_counts(item, keywords)
    matched = tuple(
        k.label for k in keywords if k.label in in_title or body[k.label] >= min_keyword_hits
    )
    found_terms: tuple[str, ...] = ()
    incident = False
    if incidents is not None:
        text = tokenize(f"{item.title}\n{item.text}")
        hits = find_all(text, phrases(incidents.terms))
        found_terms = tuple(dict.fromkeys(h.phrase.label for h in hits))
        incident = len(found_terms) >= incidents.min_terms or any(
            s in incidents.sectors for s in item.sectors[:1]
        )
    return ItemScope(
        id=item.id,
        in_scope=bool(sectors or matched),
        matched_sectors=sectors,
        matched_keywords=matched,
        incident=incident,
        incident_terms=found_terms,
    )


def _off_scope_hit(
    rule: Rule, subject: str, items: Sequence[ItemScope], share: float
) -> RuleHit | None:
    minimum = int(rule.param("min_items", 10))
    if len(items) < minimum:
        return None
    threshold = float(rule.param("off_scope_threshold", 0.3))
    outside = [i for i in items if not i.in_scope]
    passed = share < threshold
    return make_hit(
        rule,
        subject,
        passed=passed,
        score=share,
        template="%(outside)s of %(total)s items (%(share)s) are outside the licensed scope "
        "(threshold %(threshold)s)",
        params={
            "outside": len(outside),
            "total": len(items),
            "share": share,
            "threshold": threshold,
        },
        evidence=tuple(f"item {i.id}: {i.explanation}" for i in outside[:10]),
        figures={"off_scope_share": share, "items": len(items), "threshold": threshold},
    )


def _incident_hit(
    rule: Rule, subject: str, items: Sequence[ItemScope], share: float
) -> RuleHit | None:
    if len(items) < int(rule.param("min_items", 10)):
        return None
    threshold = float(rule.param("incident_share_threshold", 0.5))
    incidents = [i for i in items if i.incident]
    return make_hit(
        rule,
        subject,
        passed=share < threshold,
        score=share,
        template="%(incidents)s of %(total)s items (%(share)s) of a science journal are "
        "incident, accident or crime news (threshold %(threshold)s)",
        params={
            "incidents": len(incidents),
            "total": len(items),
            "share": share,
            "threshold": threshold,
        },
        evidence=tuple(f"item {i.id}: {', '.join(i.incident_terms)}" for i in incidents[:10]),
        figures={"incident_share": share, "items": len(items), "threshold": threshold},
    )


def assess_scope(
    items: Sequence[ScopeItem],
    scope: MagazineScope,
    *,
    on: datetime.date,
    subject: str = "",
) -> ScopeReport:
    """Classify a window of a magazine's items against its registered scope (rules of ``on``)."""
    rules = rules_for(DETECTOR, on, kind="magazine")
    off_rule = next((r for r in rules if r.param("off_scope_threshold") is not None), None)
    incident_rule = next((r for r in rules if r.param("incident_terms") is not None), None)
    min_hits = int(off_rule.param("min_keyword_hits", 2)) if off_rule else 2
    incidents = (
        IncidentTerms.of(incident_rule) if incident_rule and scope.is_science_journal else None
    )
    classified = tuple(
        classify_item(i, scope, min_keyword_hits=min_hits, incidents=incidents) for i in items
    )
    total = len(classified)
    off_share = round(sum(not i.in_scope for i in classified) / total, 3) if total else 0.0
    incident_share = (
        round(sum(i.incident for i in classified) / total, 3)
        if total and scope.is_science_journal
        else None
    )
    hits: list[RuleHit] = []
    if off_rule is not None and not scope.is_empty:
        hit = _off_scope_hit(off_rule, subject, classified, off_share)
        if hit is not None:
            hits.append(hit)
    if incident_rule is not None and incident_share is not None:
        hit = _incident_hit(incident_rule, subject, classified, incident_share)
        if hit is not None:
            hits.append(hit)
    return ScopeReport(classified, off_share, incident_share, tuple(hits))
