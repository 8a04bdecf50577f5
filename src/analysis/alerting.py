"""Raising alerts: which rules fire for an article, who receives them, one alert per story.

An alert is one row per rule, person and story (the unique constraint makes a repeated or
concurrent run harmless). New alerts are handed to :mod:`analysis.delivery`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Unit, User
from analysis import delivery, routing
from analysis.choices import RuleKind, ToneLabel
from analysis.models import Alert, AlertRule, ArticleAnalysis, RuleMute, Topic
from core.access import Capability, is_allowed
from monitoring.models import Article

logger = logging.getLogger(__name__)

#: Articles published longer ago than this raise no alert (an archive import is not news).
MAX_AGE = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class AlertDraft:
    """What an alert says, before it is given to each recipient."""

    story_key: str
    title: str
    explanation: list[Any] = field(default_factory=list)
    article_id: int | None = None
    units: list[dict[str, Any]] = field(default_factory=list)


def story_key(article: Article) -> str:
    """The story an article belongs to: its original when it is a copy, else itself."""
    return f"article:{article.duplicate_of_id or article.pk}"


def _unit_refs(units: Sequence[Unit]) -> list[dict[str, Any]]:
    return [{"id": u.pk, "code": u.code, "name": u.name} for u in units]


def recipients(rule: AlertRule, routed: Sequence[Unit] = ()) -> list[User]:
    """The rule's users, the liaisons of its units and (when the rule routes) of ``routed``,
    without those who muted the rule and those who may not receive alerts."""
    units = list(rule.units.all())
    if rule.route_to_units:
        units.extend(routed)
    people = {u.pk: u for u in rule.users.filter(is_active=True)}
    people.update({u.pk: u for u in routing.liaisons(units)})
    muted = set(
        RuleMute.objects.filter(rule=rule, until__gt=timezone.now()).values_list(
            "user_id", flat=True
        )
    )
    return [
        user
        for pk, user in sorted(people.items())
        if pk not in muted and is_allowed(user, Capability.RECEIVE_ALERTS)
    ]


def raise_alerts(rule: AlertRule, draft: AlertDraft, users: Iterable[User]) -> list[Alert]:
    """Create the alert of ``draft`` for each user who has none for this story yet; schedule
    the deliveries of the new ones. Returns the new alerts."""
    created: list[Alert] = []
    for user in users:
        try:
            with transaction.atomic():
                alert = Alert.objects.create(
                    rule=rule,
                    user=user,
                    story_key=draft.story_key,
                    article_id=draft.article_id,
                    title=draft.title[:500],
                    explanation=draft.explanation,
                    units=draft.units,
                )
        except IntegrityError:
            continue  # this person already has an alert for this story and rule
        delivery.schedule(alert)
        created.append(alert)
    return created


def _active_rules(kind: RuleKind) -> Any:
    now = timezone.now()
    return (
        AlertRule.objects.filter(kind=kind, active=True)
        .filter(Q(mute_until__isnull=True) | Q(mute_until__lte=now))
        .prefetch_related("users", "units")
    )


def is_recent(article: Article) -> bool:
    moment = article.published_at or article.discovered_at
    return moment >= timezone.now() - MAX_AGE


def evaluate_article(
    article: Article, analysis: ArticleAnalysis, topic_ids: Sequence[int]
) -> list[Alert]:
    """Fire the topic-match and negative-about-the-province rules for one analysed article."""
    if not is_recent(article):
        return []
    title = article.title or article.feed_title or article.url
    created: list[Alert] = []
    if topic_ids:
        topics = {t.pk: t.name for t in Topic.objects.filter(pk__in=topic_ids)}
        for rule in _active_rules(RuleKind.TOPIC_MATCH).filter(topic_id__in=topic_ids):
            explanation = [["alert.topic_match", {"topic": topics.get(rule.topic_id, "")}]]
            draft = AlertDraft(
                story_key(article), title, explanation + analysis.explanation, article.pk
            )
            created += raise_alerts(rule, draft, recipients(rule))
    if analysis.about_province and analysis.tone == ToneLabel.NEGATIVE:
        day = timezone.localdate()
        routed = routing.routed_units(analysis.sectors, analysis.localities, day)
        explanation = [["alert.negative_about_province", {"score": round(analysis.tone_score, 2)}]]
        draft = AlertDraft(
            story_key(article),
            title,
            explanation + analysis.explanation,
            article.pk,
            _unit_refs(routed),
        )
        for rule in _active_rules(RuleKind.NEGATIVE_ABOUT_PROVINCE):
            created += raise_alerts(rule, draft, recipients(rule, routed))
    return created


def notify(kind: RuleKind, draft: AlertDraft, routed: Sequence[Unit] = ()) -> list[Alert]:
    """Fire every active rule of ``kind`` with ``draft`` (used by spikes and, from the layers
    above, by violation findings)."""
    created: list[Alert] = []
    if routed and not draft.units:
        draft = AlertDraft(
            draft.story_key, draft.title, draft.explanation, draft.article_id, _unit_refs(routed)
        )
    for rule in _active_rules(kind):
        created += raise_alerts(rule, draft, recipients(rule, routed))
    return created
