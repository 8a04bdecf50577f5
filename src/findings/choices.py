"""Choices of the findings app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Detector(models.TextChoices):
    """The detectors of ``findings/engine`` (the ``detector`` of each rule in ``rules.json``)."""

    REPUBLICATION = "republication", _("General-site republication")
    SITE_SIGNALS = "site_signals", _("Press-like form (báo hóa)")
    SCOPE = "scope", _("Magazine off its scope")
    ADVERTORIAL = "advertorial", _("Unlabelled advertorial")
    SOFTENED = "softened", _("Negative item removed or softened")
    CLAIMS = "claims", _("False claim")


class FindingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting review")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class ItemRole(models.TextChoices):
    EVIDENCE = "evidence", _("Evidence")
    SOURCE = "source", _("Source")
    COPY = "copy", _("Copy")


class ClaimLabel(models.TextChoices):
    """The labels of the Vietnam Anti-Fake-News Centre (VAFC)."""

    FAKE = "tin_gia", _("Fake news (tin giả)")
    FALSE = "tin_sai_su_that", _("Untrue information (tin sai sự thật)")
