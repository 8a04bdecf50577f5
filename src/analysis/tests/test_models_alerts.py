"""Constraints and audit of the analysis models, and the cache version counters."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import IntegrityError, transaction

from accounts.models import User
from accounts.tests.factories import make_unit
from analysis import versions
from analysis.choices import LexiconKind, RuleKind
from analysis.models import Alert, LexiconEntry, Topic, TopicMatch
from analysis.tests.factories import make_article, make_rule
from core.access import Role
from core.models import ObjectChange

pytestmark = pytest.mark.django_db
MakeUser = Callable[..., User]


def test_one_alert_per_rule_person_and_story(make_user: MakeUser) -> None:
    user = make_user(Role.OFFICER)
    rule = make_rule()
    Alert.objects.create(rule=rule, user=user, story_key="article:1", title="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(rule=rule, user=user, story_key="article:1", title="b")
    Alert.objects.create(rule=make_rule(), user=user, story_key="article:1", title="c")


def test_topic_rules_need_a_topic() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make_rule(RuleKind.TOPIC_MATCH)


def test_sector_keywords_need_a_sector_and_others_none() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        LexiconEntry.objects.create(kind=LexiconKind.SECTOR, term="thuế")
    LexiconEntry.objects.create(kind=LexiconKind.TONE_NEGATIVE, term="ngập úng")
    with pytest.raises(IntegrityError), transaction.atomic():
        LexiconEntry.objects.create(kind=LexiconKind.TONE_NEGATIVE, term="ngập úng")


def test_a_topic_matches_an_article_once() -> None:
    topic = Topic.objects.create(name="t", query="a")
    article = make_article()
    TopicMatch.objects.create(topic=topic, article=article)
    with pytest.raises(IntegrityError), transaction.atomic():
        TopicMatch.objects.create(topic=topic, article=article)


def test_officer_edits_are_audited_and_secrets_redacted() -> None:
    topic = Topic.objects.create(name="Cháy rừng", query='"cháy rừng"')
    rule = make_rule(webhook_secret="very-secret")
    assert topic.changes().count() == 1
    snapshot = ObjectChange.objects.filter(object_id=str(rule.pk)).first()
    assert snapshot is not None and "very-secret" not in str(snapshot.postchange)


def test_changes_move_the_version_stamps() -> None:
    before = {name: versions.current(name) for name in (versions.TOPICS, versions.GAZETTEER)}
    Topic.objects.create(name="t", query="a")
    assert versions.current(versions.TOPICS) != before[versions.TOPICS]
    assert versions.current(versions.GAZETTEER) == before[versions.GAZETTEER]
    make_unit()
    assert versions.current(versions.GAZETTEER) != before[versions.GAZETTEER]


def test_a_cached_value_is_rebuilt_after_a_change() -> None:
    builds: list[int] = []

    def build() -> int:
        builds.append(1)
        return len(builds)

    cached = versions.Cached(versions.TOPICS, build)
    assert cached.get() == 1 and cached.get() == 1
    Topic.objects.create(name="t", query="a")
    assert cached.get() == 2
