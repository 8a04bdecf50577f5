"""Bootstrap steps of cases: the default deadline rules (always) and demo cases (--demo).

Both are idempotent: rules are created only when missing (the office's values are kept); demo
cases are matched by their source reference ("demo", key) and created once.
"""

from __future__ import annotations

from typing import Any

from accounts.models import Sector, Unit, User
from cases import deadlines, services
from cases.choices import IntakeKind, Urgency
from cases.models import Case
from core.access import Role
from core.bootstrap import BootstrapReport, step
from monitoring.models import Article

DEMO = "demo"

#: Fiction matching the demo news ecosystem (src/demo/content): a false claim about tap water
#: in phường Bắc Gia Nghĩa, followed up by the ward and the health department.
DEMO_CASES: tuple[dict[str, Any], ...] = (
    {
        "key": "water-rumour",
        "title": "Tin sai sự thật về nước sinh hoạt nhiễm hóa chất tại phường Bắc Gia Nghĩa",
        "summary": (
            "Một số trang mạng xã hội đăng tin nước máy trên địa bàn phường Bắc Gia Nghĩa "
            "bị nhiễm hóa chất, khuyên người dân không sử dụng. Đề nghị kiểm tra chất lượng "
            "nước, cung cấp thông tin chính thức và xác định trang đăng tin đầu tiên. "
            "(Dữ liệu minh họa, hư cấu.)"
        ),
        "sector": "y_te",
        "urgency": Urgency.URGENT,
        "subject_text": "Trang mạng xã hội “Chợ Gia Nghĩa Online”",
        "article_words": ("nước sinh hoạt",),
        "units": ("ubnd-phuong-bac-gia-nghia", "so-y-te-lam-dong"),
    },
    {
        "key": "land-dispute",
        "title": "Báo chí chuyển đơn phản ánh tranh chấp đất rẫy kéo dài ở Đắk R'lấp",
        "summary": (
            "Tạp chí chuyển đơn của người dân phản ánh tranh chấp đất rẫy kéo dài, đề nghị cơ "
            "quan có thẩm quyền xem xét, trả lời theo Điều 39 Luật Báo chí. "
            "(Dữ liệu minh họa, hư cấu.)"
        ),
        "sector": "nong_nghiep_moi_truong",
        "urgency": Urgency.NORMAL,
        "intake_kind": IntakeKind.PRESS_FORWARDED,
        "subject_text": "",
        "article_words": ("đất rẫy",),
        "units": ("so-nnmt-lam-dong",),
    },
)


@step(139)
def load_deadline_rules(report: BootstrapReport) -> None:
    for _ in range(deadlines.install_defaults()):
        report.count("cases.DeadlineRule", created=True)


def _articles(words: tuple[str, ...]) -> list[Article]:
    found: list[Article] = []
    for word in words:
        found += list(Article.objects.filter(title__icontains=word)[:2])
    return found


@step(140, demo_only=True)
def load_demo_cases(report: BootstrapReport) -> None:
    officer = User.objects.filter(role=Role.OFFICER, is_active=True).order_by("pk").first()
    if officer is None:
        return
    for spec in DEMO_CASES:
        if Case.objects.filter(source_kind=DEMO, source_id=spec["key"]).exists():
            continue
        articles = _articles(spec["article_words"])
        intake = services.Intake(
            title=spec["title"],
            intake_kind=spec.get(
                "intake_kind", IntakeKind.ARTICLE if articles else IntakeKind.MANUAL
            ),
            summary=spec["summary"],
            sector=Sector.objects.filter(code=spec["sector"]).first(),
            urgency=spec["urgency"],
            articles=articles,
            subject_text=spec["subject_text"],
            source_kind=DEMO,
            source_id=spec["key"],
            source_label="Dữ liệu minh họa",
        )
        case = services.open_case(intake, officer)
        units = list(Unit.objects.filter(code__in=spec["units"]))
        if units:
            services.assign(case, officer, units, comment="Dữ liệu minh họa")
        report.count("cases.Case", created=True)
