"""Dated rule data for the detectors (``findings/data/rules.json``) and the common result type.

Pure (no framework imports). Every detector asks :func:`rules_for` which rules were in force on the
day of the event, so thresholds, dates and legal bases live in data, not in code:

- general sites: NĐ 72/2013 + NĐ 27/2018 up to 24/12/2024, NĐ 147/2024 from 25/12/2024;
- press and magazines: Press Law 2016 up to 30/06/2026, Press Law 2025 from 01/07/2026.

A :class:`Rule` carries its confidence (``S`` confirmed by a cited source, ``K`` not confirmed) and
the sanction rows it points to (codes of the sanctions reference table, rows 1..28 of the domain
reference). A rule with confidence ``K`` or pointing to an UNCERTAIN sanction row
:attr:`~Rule.needs_verification`: the UI must say so and never present it as authoritative.

Every detector returns :class:`RuleHit` values: one per check, passed or not, with the evidence
(short quotes), figures, and an English explanation built from a template (a msgid with
``%(name)s`` placeholders) and its parameters, so the UI can translate the template and fill it in.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "rules.json"

Confidence = Literal["S", "K"]
Figure = float | int | str | bool | None
KINDS = ("general_site", "magazine", "press", "social_network")


@dataclass(frozen=True, slots=True)
class SanctionRef:
    """One row of the sanctions reference table, as far as the detectors need it."""

    code: str
    row: int
    citation: str
    confidence: str  # "S", "S-case" or "K"
    uncertain: bool  # the row is marked UNCERTAIN: never show it as authoritative


@dataclass(frozen=True, slots=True)
class Rule:
    """One dated rule a detector applies."""

    code: str
    detector: str
    description: str
    legal_basis: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    parameters: Mapping[str, Any]
    sanction_refs: tuple[str, ...]
    confidence: Confidence
    source_url: str = ""
    applies_to: tuple[str, ...] = KINDS

    def in_force(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @property
    def uncertain_sanctions(self) -> tuple[str, ...]:
        """The referenced sanction rows that are marked UNCERTAIN."""
        table = sanctions()
        return tuple(code for code in self.sanction_refs if table[code].uncertain)

    @property
    def needs_verification(self) -> bool:
        """The rule or a sanction row it points to is not confirmed."""
        return self.confidence == "K" or bool(self.uncertain_sanctions)

    def param(self, name: str, default: Any = None) -> Any:
        return self.parameters.get(name, default)


@dataclass(frozen=True, slots=True)
class RuleHit:
    """The outcome of one check of one rule on one subject (an item, a site, a magazine)."""

    detector: str
    rule_code: str
    subject: str
    passed: bool
    score: float  # 0..1, how strongly the check failed (0.0 when passed)
    evidence: tuple[str, ...] = ()
    figures: Mapping[str, Figure] = field(default_factory=dict)
    template: str = ""  # English msgid with %(name)s placeholders
    params: Mapping[str, Figure] = field(default_factory=dict)
    sanction_refs: tuple[str, ...] = ()
    needs_verification: bool = False

    @property
    def explanation(self) -> str:
        """The English explanation (the UI translates :attr:`template` and fills :attr:`params`)."""
        return self.template % dict(self.params) if self.params else self.template

    def as_dict(self) -> dict[str, Any]:
        return {
            "detector": self.detector,
            "rule_code": self.rule_code,
            "subject": self.subject,
            "passed": self.passed,
            "score": self.score,
            "evidence": list(self.evidence),
            "figures": dict(self.figures),
            "explanation": self.explanation,
            "template": self.template,
            "params": dict(self.params),
            "sanction_refs": list(self.sanction_refs),
            "needs_verification": self.needs_verification,
        }


def make_hit(  # noqa: PLR0913 (a hit has this many parts)
    rule: Rule,
    subject: str,
    *,
    passed: bool,
    score: float,
    template: str,
    params: Mapping[str, Figure] | None = None,
    evidence: tuple[str, ...] = (),
    figures: Mapping[str, Figure] | None = None,
) -> RuleHit:
    """A :class:`RuleHit` for ``rule``, carrying its sanction references and verification flag."""
    return RuleHit(
        detector=rule.detector,
        rule_code=rule.code,
        subject=subject,
        passed=passed,
        score=0.0 if passed else round(min(max(score, 0.0), 1.0), 3),
        evidence=evidence,
        figures=dict(figures or {}),
        template=template,
        params=dict(params or {}),
        sanction_refs=rule.sanction_refs,
        needs_verification=rule.needs_verification,
    )


# --- Loading --------------------------------------------------------------------------------------
def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@cache
def _load() -> tuple[tuple[Rule, ...], Mapping[str, SanctionRef]]:
    data = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    table = {
        row["code"]: SanctionRef(
            row["code"], row["row"], row["citation"], row["confidence"], row["uncertain"]
        )
        for row in data["sanctions"]
    }
    rules: list[Rule] = []
    for raw in data["rules"]:
        unknown = set(raw["sanction_refs"]) - set(table)
        if unknown:
            raise ValueError(f"rule {raw['code']}: unknown sanction refs {sorted(unknown)}")
        if raw["confidence"] not in ("S", "K"):
            raise ValueError(f"rule {raw['code']}: confidence must be S or K")
        valid_from = _date(raw["valid_from"])
        if valid_from is None:
            raise ValueError(f"rule {raw['code']}: valid_from is required")
        rules.append(
            Rule(
                code=raw["code"],
                detector=raw["detector"],
                description=raw["description"],
                legal_basis=raw["legal_basis"],
                valid_from=valid_from,
                valid_to=_date(raw.get("valid_to")),
                parameters=raw.get("parameters", {}),
                sanction_refs=tuple(raw["sanction_refs"]),
                confidence=raw["confidence"],
                source_url=raw.get("source_url", ""),
                applies_to=tuple(raw.get("applies_to", KINDS)),
            )
        )
    codes = [r.code for r in rules]
    if len(codes) != len(set(codes)):
        raise ValueError("rules.json: duplicate rule codes")
    return tuple(rules), table


def all_rules() -> tuple[Rule, ...]:
    return _load()[0]


def sanctions() -> Mapping[str, SanctionRef]:
    """The sanction rows by code."""
    return _load()[1]


def rule(code: str) -> Rule:
    """The rule with this code (``KeyError`` if there is none)."""
    for candidate in all_rules():
        if candidate.code == code:
            return candidate
    raise KeyError(code)


def rules_for(detector: str, on: datetime.date, *, kind: str | None = None) -> list[Rule]:
    """The rules of ``detector`` in force on ``on`` (and applying to ``kind`` when given)."""
    return [
        r
        for r in all_rules()
        if r.detector == detector and r.in_force(on) and (kind is None or kind in r.applies_to)
    ]


def rule_for_check(
    detector: str, check: str, on: datetime.date, *, key: str = "check"
) -> Rule | None:
    """The one rule of ``detector`` whose ``parameters[key]`` is ``check``, in force on ``on``."""
    for candidate in rules_for(detector, on):
        if candidate.param(key) == check:
            return candidate
    return None
