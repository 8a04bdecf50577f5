"""`POST /api/v1/ingest/`: token auth, errors naming item and field, create then update, limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import User
from core.access import Role
from monitoring.choices import SourceKind
from monitoring.models import Article, Source

pytestmark = pytest.mark.django_db
URL = "/api/v1/ingest/"


@pytest.fixture
def collector(make_user: Callable[..., User]) -> APIClient:
    cache.clear()
    client = APIClient()
    token = Token.objects.create(user=make_user(Role.OFFICER))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _post(client: APIClient, body: dict[str, Any]) -> Any:
    return client.post(URL, body, format="json")


def test_posts_are_stored_then_updated(collector: APIClient) -> None:
    source = Source.objects.create(name="Bộ thu thập MXH", kind=SourceKind.PUSH)
    item = {"url": "https://mxh.example/p/9", "text": "Dak Nong mua lon", "title": "Mưa"}
    first = _post(collector, {"source_id": source.pk, "items": [item]})
    assert first.status_code == 201 and first.json()["created"] == 1
    again = _post(
        collector, {"source_id": source.pk, "items": [{**item, "text": "Đắk Nông mưa lớn"}]}
    )
    assert again.json() == {"created": 0, "updated": 1, "article_ids": first.json()["article_ids"]}
    article = Article.objects.get()
    assert article.text == "Đắk Nông mưa lớn" and article.versions.count() == 2


def test_errors_name_the_item_and_field(collector: APIClient) -> None:
    source = Source.objects.create(name="Bộ thu thập", kind=SourceKind.PUSH)
    bad = _post(
        collector,
        {
            "source_id": source.pk,
            "items": [{"url": "https://a.example/1", "text": "x"}, {"url": "khong-phai-url"}],
        },
    )
    assert bad.status_code == 400
    errors = bad.json()["items"]  # DRF names the failing item by its index
    failing = errors if isinstance(errors, dict) else dict(enumerate(errors))
    assert {str(k) for k, v in failing.items() if v} == {"1"}
    assert set(failing.get("1") or failing.get(1) or {}) == {"url", "text"}
    feed = Source.objects.create(name="RSS", kind=SourceKind.FEED, url="https://b.example.vn/rss")
    assert "source_id" in _post(collector, {"source_id": feed.pk, "items": [{}]}).json()
    assert Article.objects.count() == 0


def test_anonymous_and_liaisons_are_refused(make_user: Callable[..., User]) -> None:
    client = APIClient()
    assert client.post(URL, {}, format="json").status_code in {401, 403}
    token = Token.objects.create(user=make_user(Role.UNIT_LIAISON))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.post(URL, {}, format="json").status_code == 403


def test_rate_limit_per_token(collector: APIClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from rest_framework.throttling import ScopedRateThrottle

    # the configured rate (PRESSWATCH_INGEST_RATE) is read once at import; lower it for the test
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"ingest": "2/min"})
    source = Source.objects.create(name="Bộ thu thập", kind=SourceKind.PUSH)
    body = {"source_id": source.pk, "items": [{"url": "https://a.example/1", "text": "x"}]}
    statuses = [_post(collector, body).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
