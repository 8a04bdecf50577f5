"""The legal basis the compliance checks cite, as reference data, and which rule each kind of
finding rests on (:data:`RULES`).

Every entry carries its confidence from ``shared/reference/domain.md``: ``S`` (the cited source says
so; its URL is kept) or ``K`` (not confirmed by a source). Pages show a "needs verification" badge
beside every ``K`` entry and never present it as authoritative.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Confidence(StrEnum):
    CONFIRMED = "S"  # the cited source says this
    UNCONFIRMED = "K"  # background knowledge, not confirmed: shown as "needs verification"


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """One rule a finding rests on: short citation, what it says, confidence and source."""

    code: str
    citation: str | Promise
    description: str | Promise
    confidence: Confidence
    source_url: str = ""

    @property
    def needs_verification(self) -> bool:
        return self.confidence is Confidence.UNCONFIRMED


S, K = Confidence.CONFIRMED, Confidence.UNCONFIRMED

# --- Dates the checks depend on -------------------------------------------------------------------
#: Press Law 2025 in force (Press Law 2016 applies to changes before this day).
PRESS_LAW_2025_IN_FORCE = datetime.date(2026, 7, 1)
#: The last day of the 2021–2025 press-card term, as recorded on those cards.
CARD_TERM_2021_2025_ENDS = datetime.date(2025, 12, 31)
#: QĐ 4794/QĐ-BVHTTDL signed: from then, 2021–2025 cards are valid until…
CARD_EXTENSION_DECIDED = datetime.date(2025, 12, 19)
#: …this day.
CARD_TERM_2021_2025_EXTENDED_TO = datetime.date(2026, 3, 31)
#: A notice must reach the province at least this many days before the change.
NOTICE_MIN_DAYS = 5

# --- Licences -------------------------------------------------------------------------------------
LICENCE_TERM = LegalBasis(
    "licence-term",
    _("Licence term"),
    _(
        "The activity must be covered by a licence in force. Which article sanctions activity "
        "after a licence has expired, and the fine, are not confirmed."
    ),
    K,
)

# --- Press cards, representative offices and resident reporters -----------------------------------
PRESS_LAW_ART_22_HEAD_CARD = LegalBasis(
    "press-law-2016-art-22",
    _("Press Law 2016 (103/2016/QH13), Art 22"),
    _(
        "A representative office needs a real office and a head who holds a press card issued "
        "for that press agency."
    ),
    S,
    "https://luatduonggia.vn/?p=785396",
)
CARD_CHECK_PRACTICE = LegalBasis(
    "card-check-practice",
    _("Provincial practice: checks of offices and resident reporters"),
    _(
        "The press authority checks that the head of office and every resident reporter hold a "
        "valid press card of that press agency."
    ),
    S,
    "https://thanhhoa.dcs.vn/tinhuy/pages/2022-12-1/"
    "Tinh-hinh-hoat-dong-bao-chi-tren-dia-ban-tinhdj9ag69cssu7.aspx",
)
EXPIRED_CARD_SANCTION = LegalBasis(
    "nd-119-2020-art-6-1-a",
    _("NĐ 119/2020/NĐ-CP, Art 6(1)(a)"),
    _("Using an expired press card for press work: fine of 3–5 million VND (individual)."),
    S,
    "https://dhtn.ttxvn.org.vn/tintuc/xu-phat-vi-pham-su-dung-th-nha-bao-10639",
)
CARD_EXTENSION_2021_2025 = LegalBasis(
    "qd-4794-qd-bvhttdl",
    _("QĐ 4794/QĐ-BVHTTDL (19/12/2025)"),
    _("Press cards of the 2021–2025 term remain valid until 31/03/2026."),
    S,
    "https://baothanhhoa.vn/gia-han-su-dung-the-nha-bao-ky-han-2021-2025-den-het-ngay-31-3-2026-"
    "272539.htm",
)

# --- Notices of changes ---------------------------------------------------------------------------
NOTICE_PERIOD_2016 = LegalBasis(
    "press-law-2016-art-22-6",
    _("Press Law 2016, Art 22(6)"),
    _(
        "At least 5 days before an office moves or changes its head, a resident reporter is "
        "assigned or changed, or an office or reporter suspends or stops work, the press agency "
        "must notify the provincial People's Committee in writing."
    ),
    S,
    "http://118.69.201.251:801/phap-luat/khi-thay-doi-phong-vien-thuong-tru-thi-co-quan-bao-chi-"
    "phai-thong-bao-cho-co-quan-nha-nuoc-co-tham--169913-79003.html",
)
NOTICE_SANCTION = LegalBasis(
    "nd-119-2020-art-21-1",
    _("NĐ 119/2020/NĐ-CP, Art 21(1)(a),(b), amended by NĐ 14/2022/NĐ-CP"),
    _(
        "No written notice of a change of representative office or resident reporter: fine of "
        "3–5 million VND."
    ),
    S,
    "https://thuvienphapluat.vn/phap-luat/co-quan-bao-chi-xuat-ban-phu-truong-quang-cao-nhung-"
    "khong-thong-bao-cho-co-quan-nha-nuoc-co-tham-qu-763706-78937.html",
)
NOTICE_PERIOD_2025 = LegalBasis(
    "press-law-2025-offices",
    _("Press Law 2025 (in force 01/07/2026)"),
    _(
        "The new law keeps representative offices and resident reporters; its detailed notice "
        "rule and the sanction that goes with it are not confirmed."
    ),
    K,
    "https://vneconomy.vn/quoc-hoi-thong-qua-luat-bao-chi-sua-doi-voi-nhieu-diem-moi.htm",
)

# --- General e-information sites ------------------------------------------------------------------
PRESS_WORDS_FORM_CRITERION = LegalBasis(
    "qd-1418-form-1",
    _("QĐ 1418/QĐ-BTTTT (22/07/2022), form criterion 1"),
    _(
        "A domain containing words that suggest a press agency (Báo, Tạp chí, Tin, Tin tức, News, "
        "Times, Online, Daily…) is a sign that a site acts like the press (báo hóa)."
    ),
    S,
    "https://hochanhtinhoc.com/cach-nhan-dien-bao-hoa-trang-thong-tin-dien-tu-tong-hop",
)
SITE_NAME_RULE = LegalBasis(
    "nd-147-2024-name",
    _("NĐ 147/2024/NĐ-CP (name and domain of a general site)"),
    _(
        "A site of an organisation that is not a press agency must not use a name or domain "
        "identical or similar to a press agency's name, or containing words that could be "
        "confused with a press agency."
    ),
    S,
    "https://lsvn.vn/trang-thong-tin-dien-tu-tong-hop-duoc-phep-lien-ket-de-san-xuat-noi-dung-"
    "a150303.html",
)
PRESS_TITLE_FORM_CRITERION = LegalBasis(
    "qd-1418-form-5",
    _("QĐ 1418/QĐ-BTTTT, form criterion 5"),
    _(
        'A person responsible for content shown as "nhà báo" or "phóng viên" is a sign that '
        "a site acts like the press (báo hóa)."
    ),
    S,
    "https://lsvn.vn/nhan-dien-ve-hinh-thuc-cua-bao-hoa-trang-thong-tin-dien-tu1658918926-"
    "a121783.html",
)
PRESS_TITLE_BAN = LegalBasis(
    "nd-147-2024-art-28",
    _("NĐ 147/2024/NĐ-CP, Art 28"),
    _(
        "Staff and collaborators of a general site may not use the titles phóng viên, biên tập "
        "viên or nhà báo."
    ),
    S,
    "https://lsvn.vn/trang-thong-tin-dien-tu-tong-hop-duoc-phep-lien-ket-de-san-xuat-noi-dung-"
    "a150303.html",
)
#: The press titles a general site's staff may not use (NĐ 147/2024 Art 28).
PRESS_TITLES = ("nhà báo", "phóng viên", "biên tập viên")

# --- Spokespersons and state e-channels -----------------------------------------------------------
SPOKESPERSON_DUTY = LegalBasis(
    "nd-09-2017",
    _("NĐ 09/2017/NĐ-CP"),
    _(
        "A state administrative agency speaks to the press through its head or a spokesperson "
        "the head assigns to speak regularly."
    ),
    S,
    "https://www.nguoilambao.vn/chinh-phu-quy-dinh-phat-ngon-cung-cap-thong-tin-bao-chi-nguoi-"
    "lam-bao-n4792.html",
)
SPOKESPERSON_ANNOUNCEMENT = LegalBasis(
    "nd-09-2017-announcement",
    _("NĐ 09/2017/NĐ-CP (announcing the spokesperson)"),
    _(
        "The spokesperson's name, position, phone and e-mail are announced in writing to the "
        "press authority and posted on the agency's portal; confirmed only for a comparable "
        "ministry regulation."
    ),
    K,
    "https://thuvienphapluat.vn/phap-luat/nguoi-phat-ngon-cua-uy-ban-dan-toc-phai-phat-ngon-va-"
    "cung-cap-thong-tin-cho-bao-chi-trong-cac-truon-134650-99194.html",
)
STATE_CHANNEL_RULES = LegalBasis(
    "plan-state-channels",
    _("Provincial plan: state agencies' e-channels"),
    _(
        "Every state e-channel is listed with the unit that owns it, and the owner commits to the "
        "province's operating rules. The legal source of this duty is not confirmed."
    ),
    K,
)


# --- Which rule each kind of finding rests on ----------------------------------------------------
class Severity(models.TextChoices):
    """How a finding should be read."""

    BAD = "bad", _("Expired or violation")
    WARN = "warn", _("Expiring or suspicious")


class FindingKind(models.TextChoices):
    """Stable codes of the checks, in the order pages list them."""

    LICENCE_EXPIRED = "licence_expired", _("Licences past their expiry date")
    LICENCE_EXPIRING = "licence_expiring", _("Licences expiring soon")
    CARD_EXPIRED = "card_expired", _("Expired press cards")
    CARD_EXPIRING = "card_expiring", _("Press cards expiring soon")
    CARD_MISSING = "card_missing", _("Press card details not recorded")
    CARD_AGENCY = "card_agency", _("Press cards of another press agency")
    NOTICE_LATE = "notice_late", _("Notices sent less than 5 days ahead")
    SITE_PRESS_WORD = "site_press_word", _("Sites with press-like words")
    SITE_LIKE_AGENCY = "site_like_agency", _("Sites resembling a press agency")
    SITE_PRESS_TITLE = "site_press_title", _("Sites using press titles")
    NO_SPOKESPERSON = "no_spokesperson", _("Units without a current spokesperson")
    CHANNEL_NO_OWNER = "channel_no_owner", _("State e-channels without an owner unit")
    CHANNEL_NO_RULES = "channel_no_rules", _("State e-channels without accepted rules")


_KIND, BAD, WARN = FindingKind, Severity.BAD, Severity.WARN
#: Each kind's usual severity and legal basis (the rule it rests on first, then supporting rules).
RULES: Mapping[FindingKind, tuple[Severity, tuple[LegalBasis, ...]]] = {
    _KIND.LICENCE_EXPIRED: (BAD, (LICENCE_TERM,)),
    _KIND.LICENCE_EXPIRING: (WARN, (LICENCE_TERM,)),
    _KIND.CARD_EXPIRED: (BAD, (EXPIRED_CARD_SANCTION, CARD_CHECK_PRACTICE)),
    _KIND.CARD_EXPIRING: (WARN, (EXPIRED_CARD_SANCTION, CARD_CHECK_PRACTICE)),
    _KIND.CARD_MISSING: (WARN, (CARD_CHECK_PRACTICE, PRESS_LAW_ART_22_HEAD_CARD)),
    _KIND.CARD_AGENCY: (BAD, (PRESS_LAW_ART_22_HEAD_CARD,)),
    _KIND.NOTICE_LATE: (BAD, (NOTICE_PERIOD_2016, NOTICE_SANCTION)),
    _KIND.SITE_PRESS_WORD: (WARN, (PRESS_WORDS_FORM_CRITERION, SITE_NAME_RULE)),
    _KIND.SITE_LIKE_AGENCY: (WARN, (SITE_NAME_RULE,)),
    _KIND.SITE_PRESS_TITLE: (BAD, (PRESS_TITLE_BAN, PRESS_TITLE_FORM_CRITERION)),
    _KIND.NO_SPOKESPERSON: (WARN, (SPOKESPERSON_DUTY, SPOKESPERSON_ANNOUNCEMENT)),
    _KIND.CHANNEL_NO_OWNER: (WARN, (STATE_CHANNEL_RULES,)),
    _KIND.CHANNEL_NO_RULES: (WARN, (STATE_CHANNEL_RULES,)),
}


ALL: tuple[LegalBasis, ...] = (
    LICENCE_TERM,
    PRESS_LAW_ART_22_HEAD_CARD,
    CARD_CHECK_PRACTICE,
    EXPIRED_CARD_SANCTION,
    CARD_EXTENSION_2021_2025,
    NOTICE_PERIOD_2016,
    NOTICE_SANCTION,
    NOTICE_PERIOD_2025,
    PRESS_WORDS_FORM_CRITERION,
    SITE_NAME_RULE,
    PRESS_TITLE_FORM_CRITERION,
    PRESS_TITLE_BAN,
    SPOKESPERSON_DUTY,
    SPOKESPERSON_ANNOUNCEMENT,
    STATE_CHANNEL_RULES,
)
