"""The dated rule data (findings.engine.rules and data/rules.json)."""

from __future__ import annotations

import datetime
import re

import pytest

from findings.engine.rules import RuleHit, all_rules, rule, rules_for, sanctions

#: The sanction rows of the domain reference, in order 1..28 (shared with helper "documents").
SANCTION_CODES = [
    "nd119-6-1-a", "nd119-6-1-c", "nd119-6-2-a", "nd119-6-2-b", "nd119-6-2-c", "nd119-5-3-b",
    "nd119-8-1", "nd119-8-4-e", "nd119-8-false-info", "nd119-8-top", "nd119-11-1",
    "nd119-11-2-6", "nd119-12-1-2", "nd119-info-refusal", "nd119-info-false",
    "nd119-obstruct-journalist", "nd119-20-1-dd", "nd119-20-no-consent", "nd119-20-4-d",
    "nd119-20-antistate", "nd119-20-false-info", "nd119-20-customs", "nd119-21-1-a-b",
    "nd119-21-1-dd", "nd119-21-2", "nd119-21-3", "nd15-101-1", "unlicensed-site",
]  # fmt: skip
#: Rows marked UNCERTAIN (or with an unconfirmed article, clause or range) in the reference.
UNCERTAIN_ROWS = {6, 8, 9, 14, 15, 16, 17, 18, 20, 21, 22, 27, 28}
DETECTORS = {"site_signals", "republication", "scope", "advertorial", "softened", "claims"}


def test_sanction_rows_in_order_with_uncertain_flags() -> None:
    table = sanctions()
    assert list(table) == SANCTION_CODES
    assert [r.row for r in table.values()] == list(range(1, 29))
    assert {r.row for r in table.values() if r.uncertain} == UNCERTAIN_ROWS


def test_every_rule_is_well_formed() -> None:
    for item in all_rules():
        assert item.detector in DETECTORS, item.code
        assert item.confidence in ("S", "K"), item.code
        assert item.valid_to is None or item.valid_from <= item.valid_to, item.code
        assert item.description and item.legal_basis, item.code
        assert item.confidence == "K" or item.source_url.startswith("http"), item.code
        assert set(item.sanction_refs) <= set(SANCTION_CODES), item.code
        assert re.fullmatch(r"[a-z0-9-]+", item.code), item.code


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024-12-24", {"rep-attribution-nd72", "rep-official-source-nd72", "rep-verbatim-nd72",
                        "rep-consent-nd72", "rep-self-produced"}),
        ("2024-12-25", {"rep-attribution-nd147", "rep-official-source-nd147",
                        "rep-verbatim-nd147", "rep-delay-nd147", "rep-takedown-nd147",
                        "rep-agreement-nd147", "rep-self-produced"}),
    ],
)  # fmt: skip
def test_general_site_rules_switch_on_nd147(day: str, expected: set[str]) -> None:
    on = datetime.date.fromisoformat(day)
    assert {r.code for r in rules_for("republication", on)} == expected


def test_magazine_rules_switch_on_press_law_2025() -> None:
    def codes(day: str) -> set[str]:
        on = datetime.date.fromisoformat(day)
        return {r.code for r in rules_for("scope", on) if r.param("off_scope_threshold")}

    assert codes("2026-06-30") == {"magazine-off-scope-2016"}
    assert codes("2026-07-01") == {"magazine-off-scope-2025"}


def test_rules_for_filters_by_kind() -> None:
    on = datetime.date(2026, 3, 1)
    assert [r.code for r in rules_for("claims", on, kind="social_network")] == [
        "false-claim-social"
    ]
    assert rules_for("site_signals", on, kind="press") == []


def test_unconfirmed_rules_and_uncertain_sanctions_need_verification() -> None:
    assert rule("site-comments-nd147").needs_verification  # confidence K
    assert rule("rep-agreement-nd147").uncertain_sanctions == ("nd119-20-no-consent",)
    assert rule("rep-agreement-nd147").needs_verification
    assert not rule("rep-delay-nd147").needs_verification
    assert not rule("rep-takedown-nd147").needs_verification  # row 19 is confirmed
    with pytest.raises(KeyError):
        rule("no-such-rule")


def test_rule_hit_explanation_is_a_template_with_params() -> None:
    params = {"outside": 4, "total": 10}
    template = "%(outside)s of %(total)s items"
    hit = RuleHit("scope", "magazine-off-scope-2016", "agency:1", passed=False, score=0.4,
                  template=template, params=params)  # fmt: skip
    assert hit.explanation == "4 of 10 items"
    data = hit.as_dict()
    assert data["template"] == "%(outside)s of %(total)s items" and data["params"]["total"] == 10
    assert RuleHit("x", "y", "z", passed=True, score=0.0, template="100% fine").explanation == (
        "100% fine"
    )
