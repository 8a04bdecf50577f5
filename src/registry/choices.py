"""Choices of the registry app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MediaType(models.TextChoices):
    PRINT_NEWSPAPER = "bao_in", _("Print newspaper (báo in)")
    ONLINE_NEWSPAPER = "bao_dien_tu", _("Online newspaper (báo điện tử)")
    PRINT_MAGAZINE = "tap_chi_in", _("Print magazine (tạp chí in)")
    ONLINE_MAGAZINE = "tap_chi_dien_tu", _("Online magazine (tạp chí điện tử)")
    RADIO = "phat_thanh", _("Radio (phát thanh)")
    TELEVISION = "truyen_hinh", _("Television (truyền hình)")
    NEWS_AGENCY = "thong_tan", _("News agency (thông tấn)")


MAGAZINE_TYPES = frozenset({MediaType.PRINT_MAGAZINE, MediaType.ONLINE_MAGAZINE})


class AgencyLevel(models.TextChoices):
    CENTRAL = "central", _("Central")
    PROVINCIAL = "provincial", _("This province")
    OTHER_PROVINCE = "other_province", _("Another province")


class RecordStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")
    UNKNOWN = "unknown", _("Unknown")


class LicenceKind(models.TextChoices):
    PRESS = "press", _("Press activity licence")
    GENERAL_SITE = "general_site", _("General e-information site licence")
    SOCIAL_NETWORK = "social_network", _("Social network licence")
    SPECIAL_PAGE = "special_page", _("Special page (chuyên trang) licence")
    SUPPLEMENT = "supplement", _("Supplement or special issue licence")
    OTHER = "other", _("Other")


class LicenceStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    ZALO = "zalo", "Zalo"
    WEBSITE = "website", _("Website")
    OTHER = "other", _("Other")


class ChannelKind(models.TextChoices):
    PORTAL = "portal", _("E-portal (cổng thông tin điện tử)")
    WEBSITE = "website", _("Website (trang thông tin điện tử)")
    FANPAGE = "fanpage", _("Fanpage")
    ZALO_OA = "zalo_oa", _("Zalo Official Account")
    YOUTUBE = "youtube", _("YouTube channel")
    TIKTOK = "tiktok", _("TikTok channel")
    OTHER = "other", _("Other")


class NoticeKind(models.TextChoices):
    OPEN_OFFICE = "open_office", _("Office opened")
    MOVE_OFFICE = "move_office", _("Office moved")
    CHANGE_HEAD = "change_head", _("Head of office changed")
    SUSPEND_OFFICE = "suspend_office", _("Office suspended")
    CLOSE_OFFICE = "close_office", _("Office closed")
    ASSIGN_REPORTER = "assign_reporter", _("Resident reporter assigned")
    CHANGE_REPORTER = "change_reporter", _("Resident reporter changed")
    SUSPEND_REPORTER = "suspend_reporter", _("Resident reporter suspended or withdrawn")


class ReviewOutcome(models.TextChoices):
    MEETS = "meets", _("Meets the conditions")
    REMINDED = "reminded", _("Reminded / corrected")
    NOT_QUALIFIED = "not_qualified", _("Does not meet the conditions")
    STOPPED = "stopped", _("Activity stopped")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    PUBLISHED = "published", _("Published")
