"""Kinds and states of cases and their parts (TextChoices, house style)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    VERIFYING = "verifying", _("Verifying")
    RESPONDED = "responded", _("Responded")
    SANCTION_PROPOSED = "sanction_proposed", _("Sanction proposed")
    SANCTION_DECIDED = "sanction_decided", _("Sanction decided")
    PUBLISHED = "published", _("Result published")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    REFERRED = "referred", _("Referred elsewhere")


#: States in which nothing more is expected of anyone.
FINAL_STATES = frozenset({CaseState.CLOSED, CaseState.REJECTED, CaseState.REFERRED})


class IntakeKind(models.TextChoices):
    FINDING = "finding", _("Violation finding")
    ALERT = "alert", _("Monitoring alert")
    ARTICLE = "article", _("Article")
    UNIT_REPORT = "unit_report", _("Unit's report of an article about its field")
    POLICE_REFERRAL = "police_referral", _("Police referral")
    PRESS_FORWARDED = "press_forwarded", _("Matter forwarded by the press (Press Law Art 39)")
    CITIZEN_COMPLAINT = "citizen_complaint", _("Citizen complaint")
    MANUAL = "manual", _("Entered by hand")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")


class AssignmentState(models.TextChoices):
    PENDING = "pending", _("Waiting for the unit")
    VERIFYING = "verifying", _("Unit verifying")
    RESPONDED = "responded", _("Unit responded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class VerificationResult(models.TextChoices):
    CONFIRMED = "confirmed", _("Reported facts confirmed")
    PARTLY = "partly", _("Partly confirmed")
    NOT_CONFIRMED = "not_confirmed", _("Reported facts not confirmed")
    NOT_COMPETENT = "not_competent", _("Outside the unit's competence")


class EvidenceKind(models.TextChoices):
    URL = "url", _("Web capture (WARC)")
    STORED_RAW = "stored_raw", _("Stored page of a monitored article (WARC)")
    UPLOAD = "upload", _("Uploaded file")


class CaptureState(models.TextChoices):
    """Where the background capture of a URL stands (uploads and stored pages are captured)."""

    CAPTURING = "capturing", _("Capturing")
    CAPTURED = "captured", _("Captured")
    FAILED = "failed", _("Capture failed")


class LetterKind(models.TextChoices):
    REQUEST = "request", _("Request to the units")
    RESPONSE = "response", _("Reply on the handling result")


class SanctionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class ViolatorType(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    INDIVIDUAL = "individual", _("Individual")
