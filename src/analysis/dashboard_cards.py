"""Dashboard cards of the analysis app."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from analysis.choices import AlertState, ToneLabel
from analysis.models import ArticleAnalysis
from analysis.services import inbox
from core.access import Capability
from core.dashboard import Card, register


@register(Capability.RECEIVE_ALERTS, order=30)
def alert_cards(user: Any) -> list[Card]:
    unread = inbox(user).filter(state=AlertState.NEW).count()
    url = reverse("analysis:inbox") + "?state=new"
    return [Card(_("Unread alerts"), unread, url, tone="warn" if unread else "")]


@register(Capability.VIEW_MONITORING, order=31)
def today_cards(user: Any) -> list[Card]:
    today = timezone.localdate()
    about = ArticleAnalysis.objects.filter(about_province=True, analysed_at__date=today)
    negative = about.filter(tone=ToneLabel.NEGATIVE).count()
    url = reverse("analysis:overview") + "?days=7"
    return [
        Card(_("Articles about the province today"), about.count(), url),
        Card(_("Negative about the province today"), negative, url, tone="bad" if negative else ""),
    ]
