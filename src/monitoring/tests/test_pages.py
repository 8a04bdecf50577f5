"""Source and article pages: permissions, form checks, reader view."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import User
from core.access import Role
from core.models import Job
from monitoring.choices import SourceKind
from monitoring.models import Article, ArticleVersion, Source
from monitoring.tasks import POLL

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


def test_officer_queues_the_filtered_articles_for_reprocessing(
    client: Client, login: Callable[[Role], User]
) -> None:
    from core.models import Job
    from monitoring.choices import ArticleStatus
    from monitoring.tasks import REPROCESS

    source = Source.objects.create(name="Báo", kind=SourceKind.FEED, url="https://b.example.vn/")
    for n, status in enumerate([ArticleStatus.EXTRACTED, ArticleStatus.SKIPPED] * 2):
        Article.objects.create(source=source, url=f"https://b.example.vn/{n}", url_key=str(n),
                               status=status)  # fmt: skip
    login(Role.LEADER)  # reads articles, does not run the pipeline
    page = client.get("/monitoring/articles/")
    assert page.status_code == 200 and b"articles/reprocess/" not in page.content
    assert client.post("/monitoring/articles/reprocess/", {"stage": "index"}).status_code == 403
    login(Role.OFFICER)
    page = client.get("/monitoring/articles/?status=skipped")
    assert b"articles/reprocess/" in page.content
    answer = client.post(
        "/monitoring/articles/reprocess/", {"stage": "extract", "filters": "status=skipped"}
    )
    assert answer.status_code == 302 and answer["Location"].endswith("?status=skipped")
    targets = sorted(Job.objects.filter(kind=REPROCESS).values_list("target_id", flat=True))
    skipped = Article.objects.filter(status=ArticleStatus.SKIPPED).order_by("pk")
    assert targets == sorted(f"{a.pk}:extract" for a in skipped)
    assert client.post("/monitoring/articles/reprocess/", {"stage": "bogus"}).status_code == 302
    assert Job.objects.filter(kind=REPROCESS).count() == 2


def test_officer_imports_a_posts_file_all_or_nothing(
    client: Client, login: Callable[[Role], User]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    source = Source.objects.create(name="Xuất từ nền tảng", kind=SourceKind.FILE)
    good = '{"url": "https://mxh.example/p/1", "text": "Người dân phản ánh đường hỏng"}\n'
    bad = '{"url": "mxh.example/p/2", "text": "thiếu giao thức"}\n'
    login(Role.OFFICER)
    assert b"/import/" in client.get(f"/monitoring/sources/{source.pk}/").content
    url = f"/monitoring/sources/{source.pk}/import/"
    refused = client.post(url, {"file": SimpleUploadedFile("a.jsonl", (good + bad).encode())})
    assert refused.status_code == 200 and not refused.context["report"].applied
    assert b"not an http(s) address" in refused.content and Article.objects.count() == 0
    done = client.post(
        url,
        {"file": SimpleUploadedFile("a.jsonl", (good + bad).encode()), "skip_invalid": "on"},
    )
    assert done.context["report"].created == 1 and Article.objects.count() == 1
    again = client.post(url, {"file": SimpleUploadedFile("a.jsonl", good.encode())})
    assert again.context["report"].updated == 1 and Article.objects.count() == 1
    assert client.post(url, {}).status_code == 400
    feed = Source.objects.create(name="RSS", kind=SourceKind.FEED, url="https://b.example.vn/")
    assert client.get(f"/monitoring/sources/{feed.pk}/import/").status_code == 404
    login(Role.LEADER)
    assert client.get(url).status_code == 403


def test_officer_polls_a_source_now_and_its_articles_arrive(
    client: Client,
    login: Callable[[Role], User],
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    from monitoring.tests.webfake import article_html, rss, serve

    with serve() as site:
        site.put("/tin-1", article_html("Gia Nghĩa khai trương chợ đêm"))
        site.put("/feed", rss([("Tin", site.url("/tin-1"))]), content_type="application/rss+xml")
        source = Source.objects.create(name="Báo thử", kind=SourceKind.FEED, url=site.url("/feed"))
        login(Role.POLICE_LIAISON)  # sees sources, may not poll them
        assert client.post(f"/monitoring/sources/{source.pk}/poll/").status_code == 403
        assert source.polls.count() == 0
        login(Role.OFFICER)
        page = client.get(f"/monitoring/sources/{source.pk}/")
        assert f"/monitoring/sources/{source.pk}/poll/" in page.content.decode()
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            done = client.post(f"/monitoring/sources/{source.pk}/poll/")
        assert done.status_code == 302
    assert source.polls.filter(error="").count() == 1
    assert Article.objects.get().title == "Gia Nghĩa khai trương chợ đêm"


def test_push_sources_offer_no_poll(client: Client, login: Callable[[Role], User]) -> None:
    source = Source.objects.create(name="Bộ thu mạng xã hội", kind=SourceKind.PUSH)
    login(Role.OFFICER)
    assert "/poll/" not in client.get(f"/monitoring/sources/{source.pk}/").content.decode()
    refused = client.post(f"/monitoring/sources/{source.pk}/poll/", follow=True)
    assert [m.level_tag for m in refused.context["messages"]] == ["error"]
    assert not Job.objects.filter(kind=POLL).exists()
