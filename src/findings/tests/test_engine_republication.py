"""Republication checks of general sites (findings.engine.republication), by the rules in force."""

from __future__ import annotations

import datetime

import pytest

from findings.engine.republication import (
    Agreement,
    Attribution,
    RepublishedItem,
    SourceItem,
    check_republication,
    failures,
    same_outlet,
)
from findings.engine.rules import RuleHit

VN = datetime.timezone(datetime.timedelta(hours=7))


def at(day: str, hm: str = "08:00") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{hm}:00+07:00")


SOURCE_TIME = at("2026-03-02", "08:00")
AGREEMENTS = (Agreement("Báo Đắk Nông", datetime.date(2025, 1, 1), datetime.date(2026, 12, 31)),)


def source(**changes: object) -> SourceItem:
    values: dict[str, object] = {
        "outlet": "Báo Đắk Nông",
        "published_at": SOURCE_TIME,
        "similarity": 0.93,
        "is_press_agency": True,
    }
    values.update(changes)
    return SourceItem(**values)  # type: ignore[arg-type]


def item(posted: datetime.datetime | None = None, **changes: object) -> RepublishedItem:
    values: dict[str, object] = {
        "published_at": posted or at("2026-03-02", "09:30"),
        "attribution": Attribution("Bao Dak Nong", "Hà Linh", SOURCE_TIME),
    }
    values.update(changes)
    return RepublishedItem(**values)  # type: ignore[arg-type]


def by_rule(hits: list[RuleHit]) -> dict[str, RuleHit]:
    return {h.rule_code: h for h in hits}


def test_a_correct_republication_passes_every_check_in_force() -> None:
    hits = check_republication(item(), source(), AGREEMENTS, subject="item:1")
    assert set(by_rule(hits)) == {
        "rep-attribution-nd147", "rep-official-source-nd147", "rep-verbatim-nd147",
        "rep-delay-nd147", "rep-agreement-nd147",
    }  # fmt: skip
    assert failures(hits) == []
    assert all(h.subject == "item:1" and h.score == 0.0 for h in hits)


def test_rules_switch_on_25_december_2024() -> None:
    old = at("2024-12-24", "23:00")
    earlier = source(published_at=old - datetime.timedelta(minutes=5))
    hits = by_rule(check_republication(item(old), earlier, AGREEMENTS))
    assert set(hits) == {
        "rep-attribution-nd72",
        "rep-official-source-nd72",
        "rep-verbatim-nd72",
        "rep-consent-nd72",
    }  # fmt: skip — no 60-minute rule before NĐ 147/2024
    assert not hits["rep-consent-nd72"].passed  # the agreement starts in 2025
    new = at("2024-12-25", "00:30")
    earlier = source(published_at=new - datetime.timedelta(minutes=5))
    hits = by_rule(check_republication(item(new), earlier, AGREEMENTS))
    assert not hits["rep-delay-nd147"].passed
    assert hits["rep-delay-nd147"].figures["delay_minutes"] == 5.0


def test_day_is_taken_in_vietnam_time() -> None:
    # 17:30 UTC on 24/12 is 00:30 on 25/12 in Vietnam: NĐ 147/2024 applies
    moment = datetime.datetime(2024, 12, 24, 17, 30, tzinfo=datetime.UTC)
    hits = by_rule(check_republication(item(moment), source(published_at=moment), AGREEMENTS))
    assert "rep-delay-nd147" in hits


@pytest.mark.parametrize(
    ("attribution", "missing"),
    [
        (Attribution("", "Hà Linh", SOURCE_TIME), "source outlet"),
        (Attribution("Báo Đắk Nông", "", None), "source time"),
        (Attribution(), "source outlet, source time"),
    ],
)
def test_attribution_fields(attribution: Attribution, missing: str) -> None:
    hit = by_rule(check_republication(item(attribution=attribution), source()))[
        "rep-attribution-nd147"
    ]
    assert not hit.passed
    assert hit.params == {"missing": missing}
    assert hit.explanation == f"Attribution incomplete: missing {missing}"
    assert hit.needs_verification  # NĐ 147 attribution fields are not confirmed (K)


def test_attribution_to_another_outlet() -> None:
    wrong = Attribution("Báo Gia Lai", "", SOURCE_TIME)
    hit = by_rule(check_republication(item(attribution=wrong), source()))["rep-attribution-nd147"]
    assert not hit.passed and "Báo Gia Lai" in hit.explanation


def test_source_must_be_press_or_state_body() -> None:
    blog = source(outlet="Góc Nhìn Blog", is_press_agency=False)
    named = item(attribution=Attribution("Góc Nhìn Blog", "", SOURCE_TIME))
    hits = by_rule(check_republication(named, blog))
    assert not hits["rep-official-source-nd147"].passed
    state = source(outlet="UBND tỉnh Lâm Đồng", is_press_agency=False, is_state_body=True)
    named = item(attribution=Attribution("UBND tỉnh Lâm Đồng", "", SOURCE_TIME))
    hits = by_rule(check_republication(named, state))
    assert hits["rep-official-source-nd147"].passed


def test_verbatim_threshold_comes_from_the_rule() -> None:
    hits = by_rule(check_republication(item(), source(similarity=0.62)))
    verbatim = hits["rep-verbatim-nd147"]
    assert not verbatim.passed
    assert verbatim.figures == {"similarity": 0.62, "threshold": 0.8}
    assert by_rule(check_republication(item(), source(similarity=0.8)))["rep-verbatim-nd147"].passed


def test_posted_before_the_source_is_possible_laundering() -> None:
    early = item(at("2026-03-02", "07:40"))
    delay = by_rule(check_republication(early, source()))["rep-delay-nd147"]
    assert not delay.passed and "source laundering" in delay.explanation
    assert delay.params == {"minutes": 20.0}


@pytest.mark.parametrize(
    ("removed", "now", "expected"),
    [
        (at("2026-03-03", "12:30"), None, True),  # 2.5 h after the source
        (at("2026-03-03", "13:30"), None, False),  # 3.5 h after
        (None, at("2026-03-03", "11:00"), None),  # still online, 1 h: not judged yet
        (None, at("2026-03-03", "20:00"), False),  # still online after 10 h
        (None, None, None),  # still online, no clock given: not judged
    ],
)
def test_takedown_within_three_hours(
    removed: datetime.datetime | None, now: datetime.datetime | None, expected: bool | None
) -> None:
    removed_source = source(removed_at=at("2026-03-03", "10:00"))
    hits = by_rule(check_republication(item(removed_at=removed), removed_source, now=now))
    hit = hits.get("rep-takedown-nd147")
    assert (hit.passed if hit else None) is expected
    if hit is not None and not hit.passed:
        assert hit.sanction_refs == ("nd119-20-4-d",)


def test_agreements_by_validity_date() -> None:
    expired = (Agreement("BÁO ĐẮK NÔNG", datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)),)
    hit = by_rule(check_republication(item(), source(), expired))["rep-agreement-nd147"]
    assert not hit.passed and hit.explanation.startswith("The agreement with Báo Đắk Nông")
    none = by_rule(check_republication(item(), source(), ()))["rep-agreement-nd147"]
    assert none.explanation == "No written agreement with Báo Đắk Nông"
    assert none.needs_verification  # points to an UNCERTAIN sanction row


def test_no_source_is_self_produced_content() -> None:
    hits = by_rule(check_republication(item(attribution=Attribution()), None))
    assert set(hits) == {"rep-attribution-nd147", "rep-self-produced"}
    assert hits["rep-self-produced"].explanation == (
        "No press or official source found: self-produced content"
    )
    claimed = by_rule(check_republication(item(), None))["rep-self-produced"]
    assert "names Bao Dak Nong" in claimed.explanation and claimed.score == 0.6


def test_outlet_names_compare_without_accents_or_spacing() -> None:
    assert same_outlet("Báo Đắk Nông", "bao dak nong")
    assert same_outlet("BÁO ĐẮK NÔNG ĐIỆN TỬ", "Báo Đắk Nông")
    assert not same_outlet("Báo Gia Lai", "Báo Đắk Nông")
    assert not same_outlet("", "Báo Đắk Nông")
