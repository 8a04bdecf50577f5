"""The press office's book of record (plan tasks 1, 2.2, 2.3, 7)."""

from registry.models.agencies import PressAgency
from registry.models.channels import Spokesperson, StateChannel
from registry.models.licences import Licence, LicenceAttachment, LicenceStatusChange
from registry.models.offices import Notice, RepresentativeOffice, ResidentReporter
from registry.models.reviews import ReporterEvaluation, ReviewCycle
from registry.models.sanctions import SanctionRule
from registry.models.sites import GeneralSite, RepublicationAgreement, SocialAccount, SocialNetwork

__all__ = [
    "GeneralSite",
    "Licence",
    "LicenceAttachment",
    "LicenceStatusChange",
    "Notice",
    "PressAgency",
    "ReporterEvaluation",
    "RepresentativeOffice",
    "RepublicationAgreement",
    "ResidentReporter",
    "ReviewCycle",
    "SanctionRule",
    "SocialAccount",
    "SocialNetwork",
    "Spokesperson",
    "StateChannel",
]
