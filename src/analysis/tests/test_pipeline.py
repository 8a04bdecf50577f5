"""The analysis pipeline end to end: signal → durable job → tags, topic matches, alerts;
re-analysis on edits, cache refresh on configuration changes, spikes and retraining."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Sector, UnitKind, User
from accounts.tests.factories import AreaFactory, make_unit
from analysis import runtime, services, spikes, tasks, training
from analysis.choices import CorrectionField, RuleKind, ToneLabel
from analysis.engine.tone import ToneModel
from analysis.models import Alert, ArticleAnalysis, ToneModelFile, Topic, TopicMatch
from analysis.tests.factories import make_analysis, make_article, make_rule
from core.access import Role
from core.models import Job
from monitoring.models import Article
from monitoring.signals import article_stored

pytestmark = pytest.mark.django_db
Capture = Callable[..., object]
MakeUser = Callable[..., User]

TITLE = "Sạt lở nghiêm trọng ở phường Bắc Gia Nghĩa, nhiều nhà dân bị thiệt hại"
TEXT = (
    "Đêm qua mưa lớn gây sạt lở đất tại phường Bắc Gia Nghĩa, tỉnh Lâm Đồng.\n"
    "Nhiều hộ dân bị thiệt hại, giao thông bị chia cắt. Chính quyền đã di dời người dân."
)


def _store(article: Article, capture: Capture) -> None:
    with capture(execute=True):  # type: ignore[attr-defined]
        article_stored.send(sender=Article, article_id=article.pk, edited=False)


@pytest.fixture
def ward(make_user: MakeUser) -> dict[str, Any]:
    area = AreaFactory.create(code="bac-gia-nghia", name="Bắc Gia Nghĩa")
    unit = make_unit(
        code="ubnd-bac-gia-nghia",
        name="UBND phường Bắc Gia Nghĩa",
        kind=UnitKind.COMMUNE,
        area=area,
    )
    return {"unit": unit, "liaison": make_user(Role.UNIT_LIAISON, unit=unit)}


def test_a_stored_article_is_tagged_matched_and_alerted(
    ward: dict[str, Any], make_user: MakeUser, django_capture_on_commit_callbacks: Capture
) -> None:
    officer = make_user(Role.OFFICER)
    topic = Topic.objects.create(
        name="Sạt lở", query='"sạt lở" OR "lũ quét"', owner=officer, alert_on_match=True
    )
    services.sync_topic_rule(topic)
    make_rule(users=[officer])
    article = make_article(TITLE, TEXT)
    _store(article, django_capture_on_commit_callbacks)

    analysis = ArticleAnalysis.objects.get(article=article)
    assert analysis.about_province is True
    assert "lam-dong/bac-gia-nghia" in analysis.localities
    assert analysis.tone == ToneLabel.NEGATIVE and analysis.tone_score < 0
    assert analysis.sectors and analysis.sector_evidence[analysis.sectors[0]]
    assert analysis.content_hash == article.content_hash
    assert [item[0] for item in analysis.explanation][-2:] == ["sector.evidence", "tone.drivers"]
    assert "decision_about" in [item[0] for item in analysis.explanation]
    assert list(TopicMatch.objects.values_list("topic_id", "article_id")) == [
        (topic.pk, article.pk)
    ]

    alerts = {(a.user_id, a.rule.kind) for a in Alert.objects.select_related("rule")}
    assert alerts == {
        (officer.pk, RuleKind.TOPIC_MATCH),
        (officer.pk, RuleKind.NEGATIVE_ABOUT_PROVINCE),
        (ward["liaison"].pk, RuleKind.NEGATIVE_ABOUT_PROVINCE),
    }
    routed = Alert.objects.get(user=ward["liaison"]).units
    assert [u["code"] for u in routed] == ["ubnd-bac-gia-nghia"]


def test_an_edit_is_analysed_again_and_the_same_content_is_not(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    article = make_article("Khánh thành trường học ở Gia Nghĩa", "Tin vui cho học sinh.")
    _store(article, django_capture_on_commit_callbacks)
    _store(article, django_capture_on_commit_callbacks)
    assert Job.objects.filter(kind=tasks.ANALYZE).count() == 1
    first = ArticleAnalysis.objects.get(article=article)

    article.title, article.text = TITLE, TEXT
    article.content_hash = hashlib.sha256(TEXT.encode()).hexdigest()
    article.save()
    _store(article, django_capture_on_commit_callbacks)
    assert Job.objects.filter(kind=tasks.ANALYZE).count() == 2
    second = ArticleAnalysis.objects.get(article=article)
    assert second.tone == ToneLabel.NEGATIVE and second.analysed_at > first.analysed_at


def test_new_topics_and_units_reach_the_cached_engine(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    first = make_article(TITLE, TEXT)
    _store(first, django_capture_on_commit_callbacks)
    assert TopicMatch.objects.count() == 0

    topic = Topic.objects.create(name="Giao thông", query='"giao thông" AND "chia cắt"')
    make_unit(code="doi-cuu-ho-thu", name="Đội Cứu hộ Thử Nghiệm Bắc Gia Nghĩa")
    second = make_article(TITLE, TEXT + "\nĐội Cứu hộ Thử Nghiệm Bắc Gia Nghĩa có mặt.")
    _store(second, django_capture_on_commit_callbacks)
    assert TopicMatch.objects.get().topic == topic
    assert "doi-cuu-ho-thu" in ArticleAnalysis.objects.get(article=second).units


def test_corrections_survive_a_new_analysis(
    make_user: MakeUser, django_capture_on_commit_callbacks: Capture
) -> None:
    Sector.objects.update_or_create(code="xay_dung", defaults={"name": "Xây dựng", "name_en": "C"})
    officer = make_user(Role.OFFICER)
    article = make_article(TITLE, TEXT)
    _store(article, django_capture_on_commit_callbacks)
    services.correct(article, CorrectionField.TONE, ToneLabel.NEUTRAL, officer)
    services.correct(article, CorrectionField.SECTORS, "xay_dung", officer)
    article.text = TEXT + "\nCập nhật."
    article.content_hash = "edited"
    article.save()
    _store(article, django_capture_on_commit_callbacks)
    analysis = ArticleAnalysis.objects.get(article=article)
    assert analysis.tone == ToneLabel.NEUTRAL and analysis.sectors[0] == "xay_dung"
    assert analysis.corrected is True


def test_spike_alerts_once_per_key_and_hour(make_user: MakeUser) -> None:
    officer = make_user(Role.OFFICER)
    make_rule(RuleKind.SPIKE, users=[officer])
    topic = Topic.objects.create(name="Cháy rừng", query='"cháy rừng"')
    now = timezone.now()
    last_hour = spikes.hour_start(now) - timedelta(hours=1)
    for hours_ago in range(2, 60, 12):  # a quiet baseline: one match every 12 hours
        article = make_article(f"Tin {hours_ago}")
        TopicMatch.objects.create(
            topic=topic, article=article, matched_at=last_hour - timedelta(hours=hours_ago)
        )
    for minute in range(6):
        article = make_article(f"Cháy rừng {minute}")
        TopicMatch.objects.create(
            topic=topic, article=article, matched_at=last_hour + timedelta(minutes=minute * 5)
        )
    created = spikes.run_hourly(now)
    assert [(a.user, a.story_key) for a in created] == [
        (officer, f"spike:topic:{topic.pk}:{last_hour:%Y%m%d%H}")
    ]
    assert created[0].explanation[0][1]["current"] == 6
    assert spikes.run_hourly(now) == []


def test_daily_spike_against_the_week_before(make_user: MakeUser) -> None:
    officer = make_user(Role.OFFICER)
    make_rule(RuleKind.SPIKE, users=[officer])
    topic = Topic.objects.create(name="Sạt lở", query='"sạt lở"')
    now = timezone.now()
    yesterday = spikes.day_start(now) - timedelta(days=1)
    for days_ago in range(1, 8):  # one match a day for a week
        TopicMatch.objects.create(
            topic=topic,
            article=make_article(f"Tin {days_ago}"),
            matched_at=yesterday - timedelta(days=days_ago) + timedelta(hours=9),
        )
    for n in range(9):  # then nine in one day
        TopicMatch.objects.create(
            topic=topic,
            article=make_article(f"Sạt lở {n}"),
            matched_at=yesterday + timedelta(hours=8, minutes=n),
        )
    created = spikes.run_daily(now)
    assert [a.story_key for a in created] == [f"spike:topic:{topic.pk}:d{yesterday:%Y%m%d}"]
    assert created[0].explanation[0][1]["window"] == "day"
    assert spikes.run_daily(now) == []


def _label(make_user: MakeUser, count: int) -> User:
    officer = make_user(Role.OFFICER)
    for i in range(count):
        negative = i % 2 == 0
        title = "Sạt lở, thiệt hại nặng" if negative else "Khánh thành cầu mới"
        article = make_article(f"{title} {i}", "Nội dung.")
        make_analysis(article, tone=ToneLabel.NEUTRAL)
        value = ToneLabel.NEGATIVE if negative else ToneLabel.POSITIVE
        services.correct(article, CorrectionField.TONE, value, officer)
    return officer


def test_retraining_stores_a_model_the_engine_can_load(make_user: MakeUser) -> None:
    _label(make_user, 8)
    stored = training.retrain()
    assert stored is not None and stored.example_count == 8
    assert stored.format_version == ToneModel.FORMAT_VERSION
    assert stored.metrics["labels"] == {"negative": 4, "positive": 4}
    model = runtime.TONE_MODEL.get().value
    assert model is not None and model.n_examples == 8


def test_enough_corrections_enqueue_a_retraining(
    make_user: MakeUser, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        _label(make_user, training.RETRAIN_AFTER)
    assert Job.objects.filter(kind=training.RETRAIN).count() == 1
    assert ToneModelFile.objects.count() == 1


def test_an_incompatible_stored_model_is_retrained(make_user: MakeUser) -> None:
    _label(make_user, 8)
    ToneModelFile.objects.create(format_version=0, blob=b"an older format")
    assert runtime.TONE_MODEL.get().value is None
    assert Job.objects.filter(kind=training.RETRAIN).count() == 1
    training.check_stored_model()  # the hourly check asks for the same retraining only once
    assert Job.objects.filter(kind=training.RETRAIN).count() == 1
