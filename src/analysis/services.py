"""User actions: inbox actions, tag corrections and keeping a topic's own alert rule."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from analysis.choices import AlertState, Batching, Channel, CorrectionField, RuleKind
from analysis.models import Alert, AlertRule, ArticleAnalysis, Correction, RuleMute, Topic
from monitoring.models import Article


def inbox(user: Any) -> QuerySet[Alert]:
    """The alerts a person sees: their own and those assigned to them, nobody else's."""
    if not getattr(user, "is_authenticated", False):
        return Alert.objects.none()
    return Alert.objects.filter(Q(user=user) | Q(assigned_to=user)).select_related(
        "rule", "article", "assigned_to"
    )


def acknowledge(alerts: QuerySet[Alert]) -> int:
    now = timezone.now()
    return alerts.filter(state__in=[AlertState.NEW, AlertState.ASSIGNED]).update(
        state=AlertState.ACKNOWLEDGED, acknowledged_at=now
    )


def assign(alert: Alert, assignee: User) -> None:
    alert.assigned_to = assignee
    alert.state = AlertState.ASSIGNED
    alert.save(update_fields=["assigned_to", "state"])


def mute(alert: Alert, user: User, hours: int) -> RuleMute:
    """Silence the alert's rule for this person for ``hours``; the alert is marked muted."""
    until = timezone.now() + timedelta(hours=hours)
    with transaction.atomic():
        row, _created = RuleMute.objects.update_or_create(
            rule=alert.rule, user=user, defaults={"until": until}
        )
        Alert.objects.filter(pk=alert.pk).update(state=AlertState.MUTED)
    return row


def _current(analysis: ArticleAnalysis, field: CorrectionField) -> Any:
    if field == CorrectionField.TONE:
        return analysis.tone
    if field == CorrectionField.SECTORS:
        return analysis.primary_sector
    if field == CorrectionField.ABOUT_PROVINCE:
        return analysis.about_province
    return list(analysis.localities)


def correct(article: Article, field: CorrectionField, value: Any, user: Any) -> Correction | None:
    """Record an officer's correction (a training label) and apply it to the stored tags.

    Returns None when the value is already the stored one."""
    with transaction.atomic():
        analysis = ArticleAnalysis.objects.select_for_update().get(article=article)
        old = _current(analysis, field)
        if old == value:
            return None
        row = Correction.objects.create(
            article=article,
            field=field,
            old_value=old,
            new_value=value,
            by=user if getattr(user, "is_authenticated", False) else None,
        )
        if field == CorrectionField.TONE:
            analysis.tone = str(value)
        elif field == CorrectionField.SECTORS:
            analysis.sectors = [value, *[s for s in analysis.sectors if s != value]]
        elif field == CorrectionField.ABOUT_PROVINCE:
            analysis.about_province = bool(value)
        else:
            analysis.localities = list(value)
        analysis.corrected = True
        analysis.save()
        if field == CorrectionField.TONE:
            from analysis import training  # the tone engine loads only when needed

            transaction.on_commit(training.after_correction)
    return row


def sync_topic_rule(topic: Topic) -> AlertRule | None:
    """A topic with "alert on match" has its own rule (owner's inbox, immediate)."""
    rule = AlertRule.objects.filter(topic=topic, kind=RuleKind.TOPIC_MATCH, name__startswith="#")
    existing = rule.first()
    if not topic.alert_on_match:
        if existing is not None and existing.active:
            existing.active = False
            existing.save()
        return existing
    if existing is None:
        existing = AlertRule(
            topic=topic,
            kind=RuleKind.TOPIC_MATCH,
            channels=[Channel.INBOX],
            batching=Batching.IMMEDIATE,
            route_to_units=False,
        )
    existing.name = f"# {_('Topic')}: {topic.name}"[:200]
    existing.active = True
    existing.save()
    if topic.owner_id is not None:
        existing.users.add(topic.owner_id)
    return existing
