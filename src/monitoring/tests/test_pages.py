"""Source and article pages: permissions, form checks, reader view."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import User
from core.access import Role
from monitoring.choices import SourceKind
from monitoring.models import Article, ArticleVersion, Source

pytestmark = pytest.mark.django_db


def test_officer_adds_a_listing_source_and_bad_patterns_are_refused(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    base = {
        "name": "Trang tin thử",
        "kind": SourceKind.LISTING,
        "url": "tintucthu.example.vn",
        "active": "on",
        "min_poll_minutes": 10,
        "max_poll_minutes": 600,
    }
    refused = client.post("/monitoring/sources/new/", {**base, "url_pattern": "(a+)+$"})
    assert refused.status_code == 400
    assert refused.context["form"].errors["url_pattern"]
    missing = client.post("/monitoring/sources/new/", {**base, "url_pattern": ""})
    assert missing.context["form"].errors["url_pattern"]
    created = client.post("/monitoring/sources/new/", {**base, "url_pattern": r"/tin/\d+\.html$"})
    assert created.status_code == 302
    source = Source.objects.get()
    assert source.url == "https://tintucthu.example.vn"  # typed without a scheme
    assert client.get(f"/monitoring/sources/{source.pk}/").status_code == 200


def test_liaison_sees_no_monitoring(client: Client, login: Callable[[Role], User]) -> None:
    login(Role.UNIT_LIAISON)
    for path in ["/monitoring/sources/", "/monitoring/articles/", "/monitoring/search/"]:
        assert client.get(path).status_code == 403


def test_reader_shows_the_diff_between_versions(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.LEADER)
    source = Source.objects.create(
        name="Báo", kind=SourceKind.FEED, url="https://bao.example.vn/rss"
    )
    article = Article.objects.create(
        source=source,
        url="https://bao.example.vn/a",
        url_key="k",
        title="Tiêu đề mới",
        text="Đoạn một.\nĐoạn hai đã sửa.",
    )
    ArticleVersion.objects.create(
        article=article, content_hash="1", title="Tiêu đề", text="Đoạn một.\nĐoạn hai."
    )
    ArticleVersion.objects.create(
        article=article, content_hash="2", title="Tiêu đề mới", text="Đoạn một.\nĐoạn hai đã sửa."
    )
    page = client.get(f"/monitoring/articles/{article.pk}/").content.decode()
    assert "− Đoạn hai." in page and "+ Đoạn hai đã sửa." in page
