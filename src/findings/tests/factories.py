"""Test helpers of the findings app: registered outlets, sources and articles (fiction)."""

from __future__ import annotations

import datetime
import hashlib
import itertools
from typing import Any

from django.utils import timezone

from monitoring.choices import ArticleStatus, SourceKind
from monitoring.models import Article, Source
from registry.models import GeneralSite, PressAgency, RepublicationAgreement, SocialAccount

_COUNTER = itertools.count(1)

STORY = (
    "Sáng nay, Ủy ban nhân dân phường Hòa Minh tổ chức lễ khởi công tuyến đường liên tổ dân phố "
    "dài hơn hai cây số, nối khu dân cư mới với chợ trung tâm. Công trình có tổng vốn đầu tư "
    "khoảng mười tám tỷ đồng từ ngân sách tỉnh và nguồn đóng góp của người dân. Theo kế hoạch, "
    "tuyến đường sẽ hoàn thành trước mùa mưa năm sau, giúp hàng trăm hộ dân đi lại thuận tiện "
    "hơn, nhất là học sinh và tiểu thương. Đại diện nhà thầu cam kết bảo đảm an toàn lao động, "
    "vệ sinh môi trường và chất lượng công trình trong suốt quá trình thi công."
)
OTHER_STORY = (
    "Hội nông dân xã Suối Mây vừa tổng kết mô hình trồng sầu riêng theo hướng hữu cơ với sự tham "
    "gia của bốn mươi hộ thành viên. Sau ba năm, năng suất bình quân đạt mười hai tấn mỗi héc ta, "
    "giá bán cao hơn sản phẩm thông thường nhờ có chứng nhận và truy xuất nguồn gốc rõ ràng. Các "
    "hộ tham gia được tập huấn kỹ thuật bón phân vi sinh, quản lý sâu bệnh và ghi chép nhật ký "
    "canh tác. Hội dự kiến mở rộng mô hình ra ba thôn lân cận trong năm tới."
)


def agency(name: str = "Báo Bình Minh Thử", **fields: Any) -> PressAgency:
    record: PressAgency = PressAgency.objects.create(
        name=name, media_types=fields.pop("media_types", ["bao_dien_tu"]), **fields
    )
    return record


def site(name: str = "Tin Nhanh Hòa Minh", **fields: Any) -> GeneralSite:
    record: GeneralSite = GeneralSite.objects.create(
        name=name, owner_organisation="Công ty Thử Nghiệm", **fields
    )
    return record


def agreement(for_site: GeneralSite, with_agency: PressAgency) -> RepublicationAgreement:
    return RepublicationAgreement.objects.create(
        site=for_site,
        press_agency=with_agency,
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2035, 1, 1),
    )


def account(name: str = "Hóng Chuyện Hòa Minh") -> SocialAccount:
    record: SocialAccount = SocialAccount.objects.create(
        platform="facebook", name=name, url=f"https://facebook.example.vn/p{next(_COUNTER)}"
    )
    return record


def source(kind: str = SourceKind.FEED, **links: Any) -> Source:
    number = next(_COUNTER)
    return Source.objects.create(
        name=f"Nguồn thử {number}", kind=kind, url=f"https://nguon{number}.example.vn/", **links
    )


def article(
    of: Source,
    text: str = STORY,
    *,
    title: str = "Khởi công tuyến đường liên tổ dân phố",
    published_at: datetime.datetime | None = None,
    minutes_ago: float = 0,
    **fields: Any,
) -> Article:
    number = next(_COUNTER)
    moment = published_at or timezone.now() - datetime.timedelta(minutes=minutes_ago)
    url = fields.pop("url", f"https://bai{number}.example.vn/tin-{number}.html")
    return Article.objects.create(
        source=of,
        url=url,
        url_key=f"bai{number}.example.vn/tin-{number}.html",
        title=title,
        text=text,
        status=ArticleStatus.EXTRACTED,
        published_at=moment,
        content_hash=hashlib.sha256(f"{number}\n{title}\n{text}".encode()).hexdigest(),
        **fields,
    )
