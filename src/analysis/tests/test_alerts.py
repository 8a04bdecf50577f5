"""Alert rules fire for the right people, once per story, and respect mutes and routing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Sector, UnitKind, User
from accounts.tests.factories import AreaFactory, make_unit
from analysis import alerting, routing
from analysis.alerting import AlertDraft
from analysis.choices import AlertState, RuleKind, ToneLabel
from analysis.models import Alert, LocalityRoute, RuleMute, Topic
from analysis.tests.factories import make_analysis, make_article, make_rule
from core.access import Role

pytestmark = pytest.mark.django_db
MakeUser = Callable[..., User]


@pytest.fixture
def province(make_user: MakeUser) -> dict[str, Any]:
    """A health department, a commune with its area, and a liaison for each."""
    health = make_unit(code="so-y-te", name="Sở Y tế")
    Sector.objects.update_or_create(
        code="y_te", defaults={"name": "Y tế", "name_en": "Health", "responsible_unit": health}
    )
    area = AreaFactory.create(code="xa-quang-son", name="Quảng Sơn")
    commune = make_unit(
        code="ubnd-quang-son", name="UBND xã Quảng Sơn", kind=UnitKind.COMMUNE, area=area
    )
    return {
        "health": health,
        "commune": commune,
        "health_liaison": make_user(Role.UNIT_LIAISON, unit=health),
        "commune_liaison": make_user(Role.UNIT_LIAISON, unit=commune),
        "officer": make_user(Role.OFFICER),
    }


def test_routed_units_are_the_sector_unit_then_the_communes(province: dict[str, Any]) -> None:
    units = routing.routed_units(["y_te", "giao_duc"], ["xa-quang-son"], timezone.localdate())
    assert [u.code for u in units] == ["so-y-te", "ubnd-quang-son"]


def test_a_locality_route_replaces_the_commune_default(province: dict[str, Any]) -> None:
    other = make_unit(code="ubnd-khac", name="UBND phường Khác", kind=UnitKind.COMMUNE)
    LocalityRoute.objects.create(place_code="xa-quang-son", unit=other)
    units = routing.locality_units(["xa-quang-son"], timezone.localdate())
    assert [u.code for u in units] == ["ubnd-khac"]


def test_negative_item_goes_to_routed_liaisons_and_listed_officers(
    province: dict[str, Any],
) -> None:
    rule = make_rule(users=[province["officer"]])
    article = make_article("Sạt lở ở Quảng Sơn")
    analysis = make_analysis(article, localities=["xa-quang-son"])
    created = alerting.evaluate_article(article, analysis, [])
    assert {a.user for a in created} == {
        province["officer"],
        province["health_liaison"],
        province["commune_liaison"],
    }
    alert = created[0]
    assert alert.rule == rule and alert.story_key == f"article:{article.pk}"
    assert [u["code"] for u in alert.units] == ["so-y-te", "ubnd-quang-son"]
    assert alert.explanation[0][0] == "alert.negative_about_province"


def test_one_alert_per_story_even_for_copies_and_reruns(province: dict[str, Any]) -> None:
    make_rule(users=[province["officer"]], route_to_units=False)
    original = make_article("Sạt lở ở Quảng Sơn")
    copy = make_article("Sạt lở ở Quảng Sơn (đăng lại)", duplicate_of=original)
    first = alerting.evaluate_article(original, make_analysis(original), [])
    again = alerting.evaluate_article(original, original.analysis, [])
    from_copy = alerting.evaluate_article(copy, make_analysis(copy), [])
    assert len(first) == 1 and again == [] and from_copy == []
    assert Alert.objects.count() == 1


def test_neutral_or_outside_items_raise_nothing(province: dict[str, Any]) -> None:
    make_rule(users=[province["officer"]])
    neutral = make_article("Hội nghị")
    outside = make_article("Sạt lở ở tỉnh khác")
    assert (
        alerting.evaluate_article(neutral, make_analysis(neutral, tone=ToneLabel.NEUTRAL), []) == []
    )
    assert (
        alerting.evaluate_article(outside, make_analysis(outside, about_province=False), []) == []
    )


def test_old_articles_raise_no_alert(province: dict[str, Any]) -> None:
    make_rule(users=[province["officer"]])
    old = make_article("Sạt lở năm ngoái", published_at=timezone.now() - timedelta(days=30))
    assert alerting.evaluate_article(old, make_analysis(old), []) == []


def test_muted_rule_and_personal_mute(province: dict[str, Any]) -> None:
    officer = province["officer"]
    rule = make_rule(users=[officer], route_to_units=False)
    RuleMute.objects.create(rule=rule, user=officer, until=timezone.now() + timedelta(hours=2))
    article = make_article("Sạt lở")
    assert alerting.evaluate_article(article, make_analysis(article), []) == []
    RuleMute.objects.all().delete()
    rule.mute_until = timezone.now() + timedelta(hours=1)
    rule.save()
    assert alerting.evaluate_article(article, article.analysis, []) == []
    rule.mute_until = timezone.now() - timedelta(minutes=1)
    rule.save()
    assert len(alerting.evaluate_article(article, article.analysis, [])) == 1


def test_people_without_the_alert_capability_are_skipped(make_user: MakeUser) -> None:
    press = make_user(Role.PRESS_AGENCY)
    officer = make_user(Role.OFFICER)
    rule = make_rule(users=[press, officer], route_to_units=False)
    assert alerting.recipients(rule) == [officer]


def test_topic_rule_fires_for_its_topic_only(make_user: MakeUser) -> None:
    officer = make_user(Role.OFFICER)
    watched = Topic.objects.create(name="Sạt lở", query='"sạt lở"', owner=officer)
    other = Topic.objects.create(name="Khác", query="khác")
    make_rule(RuleKind.TOPIC_MATCH, topic=watched, users=[officer])
    article = make_article("Sạt lở")
    analysis = make_analysis(article, tone=ToneLabel.NEUTRAL)
    assert alerting.evaluate_article(article, analysis, [other.pk]) == []
    created = alerting.evaluate_article(article, analysis, [watched.pk, other.pk])
    assert [(a.user, a.state) for a in created] == [(officer, AlertState.NEW)]
    assert created[0].explanation[0] == ["alert.topic_match", {"topic": "Sạt lở"}]


def test_notify_routes_a_spike_and_keeps_one_per_window(province: dict[str, Any]) -> None:
    make_rule(RuleKind.SPIKE, users=[province["officer"]])
    draft = AlertDraft("spike:sector:y_te:2026112608", "Y tế: 9 / 1.0")
    created = alerting.notify(RuleKind.SPIKE, draft, routing.sector_units(["y_te"]))
    assert {a.user for a in created} == {province["officer"], province["health_liaison"]}
    assert alerting.notify(RuleKind.SPIKE, draft, routing.sector_units(["y_te"])) == []
