"""The pipeline end to end over real HTTP: poll → articles → extract → versions → removal."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test.utils import override_settings

from core import jobs
from monitoring import runner
from monitoring.choices import ArticleStatus, RemovalKind, SourceKind
from monitoring.models import Article, Source
from monitoring.tasks import POLL
from monitoring.tests.webfake import Site, article_html, rss, serve

pytestmark = pytest.mark.django_db
Capture = Callable[..., object]
FAST = override_settings(MONITORING_MIN_INTERVAL_SECONDS=0.0)


def _poll_one_article(site: Site, page: str, capture: Capture) -> None:
    """Serve ``page`` as the only item of a feed, add that feed as a source and poll it."""
    site.put("/a1", page)
    site.put("/feed", rss([("Tin", site.url("/a1"))]), content_type="application/rss+xml")
    source = Source.objects.create(name="Báo một tin", kind=SourceKind.FEED, url=site.url("/feed"))
    with capture(execute=True):  # type: ignore[attr-defined]
        jobs.enqueue(POLL, source.pk)


@FAST
def test_poll_extract_dedup_and_removal(django_capture_on_commit_callbacks: Capture) -> None:
    with serve() as site:
        site.put("/a1", article_html("Bắc Gia Nghĩa số hóa hồ sơ"))
        site.put("/a2", article_html("Đắk Nông mùa cà phê", extra="Cà phê Đắk Nông được mùa."))
        site.put(
            "/feed",
            rss([("Tin 1", site.url("/a1")), ("Tin 2", site.url("/a2"))]),
            content_type="application/rss+xml",
        )
        source = Source.objects.create(name="Báo thử", kind=SourceKind.FEED, url=site.url("/feed"))
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            jobs.enqueue(POLL, source.pk)
        articles = {a.url: a for a in Article.objects.all()}
        assert set(articles) == {site.url("/a1"), site.url("/a2")}
        first = articles[site.url("/a1")]
        assert first.status == ArticleStatus.EXTRACTED, first.status_reason
        assert first.title == "Bắc Gia Nghĩa số hóa hồ sơ"
        assert first.versions.count() == 1 and first.raw_pages.count() == 1
        source.refresh_from_db()
        assert source.error_count == 0 and source.last_success_at is not None

        # polling again finds nothing new and creates no duplicate
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            jobs.enqueue(POLL, source.pk, dedup_key="second poll")
        assert Article.objects.count() == 2

        # the article is edited, then removed
        site.put("/a1", article_html("Bắc Gia Nghĩa số hóa toàn bộ hồ sơ", extra="Đã cập nhật."))
        assert runner.recheck_article(first) == "edited"
        first.refresh_from_db()
        assert first.versions.count() == 2 and first.edited_at is not None
        del site.pages["/a1"]
        assert runner.recheck_article(first).startswith("removed")
        first.refresh_from_db()
        assert first.removal_kind == RemovalKind.GONE and first.removed_at is not None
        assert first.text  # the stored copy is kept


@FAST
def test_broken_pages_end_as_skipped_or_quarantined(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with serve() as site:
        site.put("/short", "<html><body><p>Ngắn.</p></body></html>")
        site.put("/pdf", "%PDF-1.4", content_type="application/pdf")
        site.put(
            "/feed",
            rss([("a", site.url("/short")), ("b", site.url("/pdf")), ("c", site.url("/missing"))]),
            content_type="application/rss+xml",
        )
        source = Source.objects.create(name="Hỏng", kind=SourceKind.FEED, url=site.url("/feed"))
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            jobs.enqueue(POLL, source.pk)
    statuses = {a.url.rsplit("/", 1)[1]: (a.status, a.status_reason) for a in Article.objects.all()}
    assert {name: status for name, (status, _) in statuses.items()} == {
        "short": ArticleStatus.SKIPPED,
        "pdf": ArticleStatus.SKIPPED,
        "missing": ArticleStatus.SKIPPED,
    }
    assert all(reason for _, reason in statuses.values())


@FAST
def test_a_malformed_feed_is_recorded_on_the_source(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with serve() as site:
        site.put(
            "/feed",
            "<html><body>Trang này không phải RSS</body></html>",
            content_type="application/rss+xml",
        )
        source = Source.objects.create(name="Vỡ", kind=SourceKind.FEED, url=site.url("/feed"))
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            jobs.enqueue(POLL, source.pk)
    source.refresh_from_db()
    assert source.error_count == 1 and source.last_error
    assert source.polls.get().ok is False


@FAST
def test_raw_html_is_kept_for_its_period_only(django_capture_on_commit_callbacks: Capture) -> None:
    import datetime

    from django.utils import timezone

    from monitoring.models import RawPage
    from monitoring.tasks import purge_expired_raw_pages

    with serve() as site:
        _poll_one_article(site, article_html("Tin lưu trữ"), django_capture_on_commit_callbacks)
    raw = RawPage.objects.get()
    assert raw.keep_until > timezone.now() + datetime.timedelta(days=80)
    assert purge_expired_raw_pages() == 0
    RawPage.objects.update(keep_until=timezone.now() - datetime.timedelta(seconds=1))
    assert purge_expired_raw_pages() == 1
    assert Article.objects.get().text  # the extracted text and versions stay


@FAST
def test_raw_html_is_compressed_once(django_capture_on_commit_callbacks: Capture) -> None:
    from django.db import connection

    from monitoring.models import RawPage

    page = article_html("Tin nén một lần", paragraphs=200)
    with serve() as site:
        _poll_one_article(site, page, django_capture_on_commit_callbacks)
    raw = RawPage.objects.get()
    assert raw.body.decode() == page
    assert len(bytes(raw.body_compressed)) < len(page.encode()) // 10
    if connection.vendor == "postgresql":  # out of line, no second (pglz) compression
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attstorage FROM pg_attribute "
                "WHERE attrelid = 'monitoring_rawpage'::regclass AND attname = 'body_compressed'"
            )
            assert cursor.fetchone() == ("e",)


@FAST
@override_settings(MONITORING_RECHECK_HOURS=(2, 30))
def test_rechecks_follow_the_configured_hours(django_capture_on_commit_callbacks: Capture) -> None:
    import datetime

    from django.utils import timezone

    def hours_ahead(article: Article) -> float:
        article.refresh_from_db()
        assert article.next_check_at is not None
        return (article.next_check_at - timezone.now()) / datetime.timedelta(hours=1)

    with serve() as site:
        _poll_one_article(
            site, article_html("Tin kiểm tra lại"), django_capture_on_commit_callbacks
        )
        article = Article.objects.get()
        assert 1.9 < hours_ahead(article) <= 2
        assert runner.recheck_article(article) == "unchanged"
        assert 29.9 < hours_ahead(article) <= 30
        runner.recheck_article(article)
        article.refresh_from_db()
        assert article.check_step == 2 and article.next_check_at is None  # the schedule is over
