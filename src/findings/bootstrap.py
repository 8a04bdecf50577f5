"""Demo data of the findings app: the water rumour of the demo ecosystem as a verified false claim.

Idempotent: the claim is matched by its text.
"""

from __future__ import annotations

from django.utils import timezone

from core.bootstrap import BootstrapReport, step
from findings.choices import ClaimLabel
from findings.models import FalseClaim

WATER_RUMOUR = (
    "Nước máy phường Bắc Gia Nghĩa bị nhiễm hóa chất từ nhà máy phía trên nguồn, "
    "người dân không được dùng nước máy để nấu ăn."
)
WATER_KEYWORDS = ["nước máy", "nhiễm hóa chất", "Bắc Gia Nghĩa", "nhà máy"]
WATER_NOTE = (
    "UBND phường Bắc Gia Nghĩa bác bỏ: kết quả xét nghiệm mẫu nước đạt quy chuẩn "
    "(thông báo trên cổng thông tin của phường, nội dung minh họa)."
)


@step(150, demo_only=True)
def demo_false_claims(report: BootstrapReport) -> None:
    _claim, created = FalseClaim.objects.get_or_create(
        text=WATER_RUMOUR,
        defaults={
            "label": ClaimLabel.FALSE,
            "keywords": WATER_KEYWORDS,
            "verified_on": timezone.localdate(),
            "source_note": WATER_NOTE,
            "active": True,
        },
    )
    report.count("false claim", created=created)
