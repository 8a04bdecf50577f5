"""Choices of the analysis app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ToneLabel(models.TextChoices):
    NEGATIVE = "negative", _("Negative")
    NEUTRAL = "neutral", _("Neutral")
    POSITIVE = "positive", _("Positive")


class CorrectionField(models.TextChoices):
    TONE = "tone", _("Tone")
    SECTORS = "sectors", _("Primary sector")
    ABOUT_PROVINCE = "about_province", _("About the province")
    LOCALITY = "locality", _("Locality")


class RuleKind(models.TextChoices):
    TOPIC_MATCH = "topic_match", _("Topic match")
    NEGATIVE_ABOUT_PROVINCE = "negative_about_province", _("Negative news about the province")
    SPIKE = "spike", _("Unusual volume (spike)")
    FINDING = "finding", _("Violation finding")


class Batching(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    HOURLY = "hourly", _("Hourly digest")
    DAILY = "daily", _("Daily digest")


class Channel(models.TextChoices):
    INBOX = "inbox", _("Inbox")
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Webhook")


class AlertState(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ASSIGNED = "assigned", _("Assigned")
    MUTED = "muted", _("Muted")


class DeliveryState(models.TextChoices):
    COLLECTING = "collecting", _("Collecting (digest)")
    PENDING = "pending", _("Waiting")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class LexiconKind(models.TextChoices):
    TONE_NEGATIVE = "tone_negative", _("Negative tone word")
    TONE_POSITIVE = "tone_positive", _("Positive tone word")
    TONE_NEGATOR = "tone_negator", _("Negation word")
    TONE_NEUTRALIZER = "tone_neutralizer", _("Neutralizing word (prevention)")
    TONE_INTENSIFIER = "tone_intensifier", _("Intensifying word")
    SECTOR = "sector", _("Sector keyword")
