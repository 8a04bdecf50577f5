"""One alert per story: alerts of one rule and person about the same story are grouped.

Analysis raises one alert per rule, person and *its* story key (an article and its exact
duplicates); it sits below findings and cannot see copy clusters or stories. Once the story of an
article is known, every alert about the articles told as one with it (its story's members and its
copy cluster's) is grouped per rule and person: the earliest is the lead; each later alert still
new is marked muted, recorded as a :class:`~findings.models.GroupedAlert` of the lead, and taken
out of its unsent (pending or collecting) deliveries. Running it again changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from analysis.choices import AlertState, DeliveryState
from analysis.models import Alert, AlertDelivery
from findings.models import GroupedAlert, StoryCluster
from findings.stories import related_articles

UNSENT = (DeliveryState.PENDING, DeliveryState.COLLECTING)


def group_alerts(article_id: int) -> list[GroupedAlert]:
    """Group the alerts about ``article_id`` and the articles told as one with it; the new
    groupings."""
    ids, story_key, cluster = related_articles(article_id)
    if len(ids) < 2:
        return []
    grouped_already = set(
        GroupedAlert.objects.filter(alert__article_id__in=ids).values_list("alert_id", flat=True)
    )
    leads: dict[tuple[int, int], Alert] = {}
    created: list[GroupedAlert] = []
    alerts = Alert.objects.filter(article_id__in=ids).order_by("created_at", "pk")
    for alert in alerts:
        if alert.pk in grouped_already:
            continue
        lead = leads.setdefault((alert.rule_id, alert.user_id), alert)
        if lead.pk == alert.pk or alert.state != AlertState.NEW:
            continue
        created.append(_group(alert, lead, story_key, cluster))
    return created


def _group(alert: Alert, lead: Alert, story_key: str, cluster: StoryCluster | None) -> GroupedAlert:
    with transaction.atomic():
        row, _ = GroupedAlert.objects.get_or_create(
            alert=alert, defaults={"lead": lead, "story_key": story_key, "cluster": cluster}
        )
        Alert.objects.filter(pk=alert.pk, state=AlertState.NEW).update(
            state=AlertState.MUTED, grouped_into=lead
        )
        for delivery in AlertDelivery.objects.filter(alerts=alert, state__in=UNSENT):
            delivery.alerts.remove(alert)
    return row


def grouped_into(lead: Alert) -> list[Alert]:
    """The alerts grouped into ``lead`` (for its page), oldest first."""
    return [
        row.alert for row in GroupedAlert.objects.filter(lead=lead).select_related("alert__article")
    ]
