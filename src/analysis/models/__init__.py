"""Article tags, watch topics, alert rules, alerts and their deliveries."""

from analysis.models.alerts import Alert, AlertDelivery, AlertRule, RuleMute
from analysis.models.analyses import (
    ArticleAnalysis,
    ConfigVersion,
    Correction,
    LexiconEntry,
    ToneModelFile,
)
from analysis.models.routing import LocalityRoute
from analysis.models.topics import Topic, TopicMatch

__all__ = [
    "Alert",
    "AlertDelivery",
    "AlertRule",
    "ArticleAnalysis",
    "ConfigVersion",
    "Correction",
    "LexiconEntry",
    "LocalityRoute",
    "RuleMute",
    "ToneModelFile",
    "Topic",
    "TopicMatch",
]
