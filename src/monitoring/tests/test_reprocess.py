"""Reprocessing stored articles from a chosen stage (command, job and runner)."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core import jobs
from core.models import Job
from monitoring import signals
from monitoring.choices import ArticleStatus, SourceKind
from monitoring.models import Article, Source
from monitoring.tasks import POLL, REPROCESS
from monitoring.tests.webfake import article_html, rss, serve

pytestmark = pytest.mark.django_db
Capture = Callable[..., object]


def _crawl(feed_url: str, capture: Any) -> Article:
    source = Source.objects.create(name="Báo thử", kind=SourceKind.FEED, url=feed_url)
    with capture(execute=True):
        jobs.enqueue(POLL, source.pk)
    return Article.objects.get()


def test_from_extract_uses_the_stored_page_without_the_network(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with serve() as site:
        site.put("/a1", article_html("Gia Nghĩa mở rộng đường nội ô"))
        site.put("/feed", rss([("Tin", site.url("/a1"))]), content_type="application/rss+xml")
        article = _crawl(site.url("/feed"), django_capture_on_commit_callbacks)
    # the site is gone now; a (simulated) bad earlier extraction is repaired from the raw page
    Article.objects.filter(pk=article.pk).update(text="hỏng", title="hỏng")
    heard: list[dict[str, object]] = []
    signals.article_stored.connect(lambda **kw: heard.append(kw), weak=False, dispatch_uid="t1")
    try:
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            call_command("monitoring_reprocess", "--from", "extract", stdout=StringIO())
    finally:
        signals.article_stored.disconnect(dispatch_uid="t1")
    article.refresh_from_db()
    assert article.title == "Gia Nghĩa mở rộng đường nội ô"
    assert article.status == ArticleStatus.EXTRACTED
    assert [kw["article_id"] for kw in heard] == [article.pk]
    assert Job.objects.filter(kind=REPROCESS, state="done").count() == 1


def test_from_fetch_records_a_new_version(django_capture_on_commit_callbacks: Capture) -> None:
    with serve() as site:
        site.put("/a1", article_html("Krông Nô làm đường"))
        site.put("/feed", rss([("Tin", site.url("/a1"))]), content_type="application/rss+xml")
        article = _crawl(site.url("/feed"), django_capture_on_commit_callbacks)
        site.put("/a1", article_html("Krông Nô làm xong đường", extra="Đã thông xe."))
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            call_command(
                "monitoring_reprocess", "--from", "fetch", "--ids", str(article.pk),
                stdout=StringIO(),
            )  # fmt: skip
    article.refresh_from_db()
    assert article.title == "Krông Nô làm xong đường"
    assert article.versions.count() == 2


def test_a_pushed_post_cannot_be_fetched_and_stays_as_it_was(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    source = Source.objects.create(name="Thu thập", kind=SourceKind.PUSH)
    post = Article.objects.create(
        source=source, url="https://social.example/p/1", url_key="social.example/p/1",
        status=ArticleStatus.EXTRACTED, text="Bài đăng", title="Bài đăng",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        call_command("monitoring_reprocess", "--from", "fetch", stdout=StringIO())
    post.refresh_from_db()
    assert post.status == ArticleStatus.EXTRACTED and post.text == "Bài đăng"
    job = Job.objects.get(kind=REPROCESS)
    assert job.state == "failed" and "no page to fetch" in job.last_error


def test_bad_arguments_are_named() -> None:
    with pytest.raises(CommandError, match="--since"):
        call_command("monitoring_reprocess", "--from", "index", "--since", "hôm qua")
    out = StringIO()
    call_command("monitoring_reprocess", "--from", "index", "--dry-run", stdout=out)
    assert "0 articles would be reprocessed" in out.getvalue()
