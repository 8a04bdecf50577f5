"""Press orders: the archive matcher, confirm/reject (htmx), progress."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from accounts.models import User
from core.access import Role
from monitoring.choices import SourceKind
from monitoring.models import Article, Source
from monitoring.search import index_articles
from plans import orders
from plans.models import PressOrder, PressOrderMatch
from registry.choices import AgencyLevel
from registry.models import PressAgency

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db

#: article key → (agency key, day of November, title, text)
ARTICLES = {
    "hit": ("ordered", 5, "Chợ Gia Nghĩa thanh toán không dùng tiền mặt",
            "Tiểu thương làm quen với thanh toán không dùng tiền mặt bằng mã QR."),
    "hit2": ("ordered", 20, "Hộ kinh doanh chuyển sang thanh toán không dùng tiền mặt",
             "Nhiều hộ kinh doanh đã mở tài khoản để nhận tiền không dùng tiền mặt."),
    "off_topic": ("ordered", 6, "Mùa cà phê mới", "Nông dân thu hoạch cà phê."),
    "too_late": ("ordered", 28, "Thanh toán không dùng tiền mặt ở bến xe",
                 "Không dùng tiền mặt khi mua vé."),
    "other_agency": ("other", 7, "Thanh toán không dùng tiền mặt tại trường học",
                     "Học phí thu không dùng tiền mặt."),
}  # fmt: skip


@pytest.fixture
def order() -> PressOrder:
    agencies = {
        "ordered": PressAgency.objects.create(name="Báo Đặt Hàng", level=AgencyLevel.PROVINCIAL),
        "other": PressAgency.objects.create(name="Báo Khác", level=AgencyLevel.CENTRAL),
    }
    sources = {
        key: Source.objects.create(
            name=f"{agency.name} RSS",
            kind=SourceKind.FEED,
            url=f"https://{key}.example.vn/rss",
            press_agency=agency,
        )
        for key, agency in agencies.items()
    }
    ids = []
    for key, (agency, day, title, text) in ARTICLES.items():
        url = f"https://{agency}.example.vn/{key}.html"
        article = Article.objects.create(
            source=sources[agency],
            url=url,
            url_key=url,
            title=title,
            text=text,
            published_at=datetime.datetime(2026, 11, day, 9, 0, tzinfo=TZ),
        )
        ids.append(article.pk)
    index_articles(ids)
    return PressOrder.objects.create(
        agency=agencies["ordered"],
        topic="Thanh toán không dùng tiền mặt",
        topic_query='"không dùng tiền mặt"',
        works_count=4,
        period_start=datetime.date(2026, 11, 1),
        period_end=datetime.date(2026, 11, 25),
        budget_vnd=40_000_000,
    )


def _titles(order: PressOrder) -> set[str]:
    return set(order.matches.values_list("article__title", flat=True))


def test_matcher_finds_the_agencys_articles_of_the_period(order: PressOrder) -> None:
    assert orders.find_matches(order) == 2
    assert _titles(order) == {ARTICLES["hit"][2], ARTICLES["hit2"][2]}
    assert orders.find_matches(order) == 0  # nothing new on a second run
    assert orders.progress(order) == {"confirmed": 0, "proposed": 2, "percent": 0}


def test_an_agency_without_sources_gets_no_match(db: None) -> None:
    agency = PressAgency.objects.create(name="Báo Chưa Theo Dõi", level=AgencyLevel.PROVINCIAL)
    order = PressOrder.objects.create(
        agency=agency,
        topic="Chuyển đổi số",
        works_count=2,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    assert orders.find_matches(order) == 0


def test_officer_confirms_and_rejects_with_htmx(
    client: Client, login: Callable[[Role], User], order: PressOrder
) -> None:
    user = login(Role.OFFICER)
    client.post(f"/plans/orders/{order.pk}/find/")
    first, second = order.matches.order_by("pk")
    response = client.post(f"/plans/matches/{first.pk}/confirm/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    row = response.content.decode()
    assert (
        row.lstrip().startswith(f'<tr id="match-{first.pk}"')
        and "Confirm" not in row.split("</span>")[0]
    )
    first.refresh_from_db()
    assert first.confirmed_by == user and first.state == "confirmed"
    client.post(f"/plans/matches/{second.pk}/reject/")
    second.refresh_from_db()
    assert second.state == "rejected"
    assert orders.progress(order) == {"confirmed": 1, "proposed": 0, "percent": 25}
    assert orders.find_matches(order) == 0  # decided matches are kept as they are
    assert client.post(f"/plans/matches/{first.pk}/other/").status_code == 404
    page = client.get(f"/plans/orders/{order.pk}/").content.decode()
    assert '<progress max="100" value="25"' in page
    assert "40.000.000" in page


def test_orders_are_office_only(
    client: Client, make_user: Callable[..., User], order: PressOrder
) -> None:
    client.force_login(make_user(Role.UNIT_LIAISON))
    assert client.get(f"/plans/orders/{order.pk}/").status_code == 404
    match = PressOrderMatch.objects.create(order=order, article=Article.objects.all()[0])
    assert client.post(f"/plans/matches/{match.pk}/confirm/").status_code == 403
    client.force_login(make_user(Role.LEADER))
    assert client.get(f"/plans/orders/{order.pk}/").status_code == 200
    assert client.get("/plans/orders/").status_code == 200
