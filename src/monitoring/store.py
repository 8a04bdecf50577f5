"""The only translation between ORM rows and pipeline values (house rule: store.py)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.text import fold_diacritics, normalize_text
from monitoring.choices import ArticleStatus
from monitoring.models import Article, ArticleVersion, RawPage, Source, SourcePoll
from monitoring.pipeline import rawbody
from monitoring.pipeline.discover import canonical_url
from monitoring.pipeline.published import choose_published_at
from monitoring.pipeline.types import ExtractedArticle, FeedEntry, FetchedPage, Validators


@dataclass(frozen=True, slots=True)
class PushedItem:
    """A post as a collector or an export gives it (already text, no page to fetch)."""

    url: str
    title: str
    text: str
    author: str = ""
    published_at: datetime.datetime | None = None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_validators(source: Source) -> Validators:
    return Validators(
        etag=source.etag, last_modified=source.last_modified, content_hash=source.content_hash
    )


def save_discovered(source: Source, entries: Sequence[FeedEntry]) -> list[int]:
    """Insert the entries not seen before; return the new articles' ids.

    The unique ``url_key`` makes this safe to repeat after a crash: a URL already stored (by any
    source) is skipped, never duplicated.
    """
    keys = {canonical_url(entry.url): entry for entry in entries}
    known = set(Article.objects.filter(url_key__in=list(keys)).values_list("url_key", flat=True))
    created: list[int] = []
    for key, entry in keys.items():
        if key in known:
            continue
        try:
            with transaction.atomic():
                article = Article.objects.create(
                    source=source,
                    url=entry.url,
                    url_key=key,
                    feed_title=entry.title[:500],
                    published_at=entry.published_at,
                )
        except IntegrityError:  # another worker stored it meanwhile
            continue
        created.append(article.pk)
    return created


def record_poll(source: Source, poll: SourcePoll, *, error: str = "") -> None:
    now = timezone.now()
    poll.finished_at, poll.ok, poll.error = now, not error, error[:2000]
    poll.save()
    source.last_polled_at = now
    if error:
        source.error_count += 1
        source.last_error = error[:2000]
    else:
        source.error_count = 0
        source.last_success_at = now
        source.last_error = ""
    keep = SourcePoll.objects.filter(source=source).order_by("-started_at")[:50]
    SourcePoll.objects.filter(source=source).exclude(
        pk__in=list(keep.values_list("pk", flat=True))
    ).delete()


def save_validators(source: Source, page: FetchedPage) -> None:
    source.etag = page.validators.etag[:300]
    source.last_modified = page.validators.last_modified[:100]
    source.content_hash = page.validators.content_hash


def save_raw(article: Article, page: FetchedPage) -> None:
    days = settings.MONITORING_RAW_HTML_DAYS
    RawPage.objects.create(
        article=article,
        fetched_at=page.fetched_at,
        final_url=page.final_url[:1000],
        http_status=page.status,
        encoding=page.encoding[:40],
        body_compressed=rawbody.compress(page.body),
        sha256=hashlib.sha256(page.body).hexdigest(),
        keep_until=timezone.now() + timedelta(days=days),
    )


def title_key(title: str) -> str:
    return fold_diacritics(title)[:500]


@transaction.atomic(savepoint=False)  # inside save_page: no savepoint of its own
def save_extracted(article: Article, extracted: ExtractedArticle) -> None:
    """Store the extracted fields and the first version; mark a same-source copy as duplicate."""
    digest = content_hash(extracted.title + "\n" + extracted.text)
    article.title = extracted.title[:500]
    article.author = extracted.author[:250]
    article.published_at = choose_published_at(
        extracted.published_at, article.published_at, article.discovered_at
    )
    article.text = extracted.text
    article.language = extracted.language[:10]
    article.canonical_url = extracted.canonical_url[:1000]
    article.content_hash = digest
    article.title_key = title_key(extracted.title)
    attribution = extracted.attribution
    if attribution is not None:
        article.attribution_outlet = attribution.outlet[:250]
        article.attribution_author = attribution.author[:250]
        article.attribution_published_at = attribution.published_at
        article.attribution_raw = attribution.raw[:500]
    original_id = (
        Article.objects.filter(
            source_id=article.source_id, content_hash=digest, duplicate_of__isnull=True
        )
        .exclude(pk=article.pk)
        .values_list("pk", flat=True)
        .first()
    )
    if original_id is not None:
        article.duplicate_of_id = original_id
        article.status, article.status_reason = (
            ArticleStatus.DUPLICATE,
            f"same text as #{original_id}",
        )
    else:
        article.status, article.status_reason = ArticleStatus.EXTRACTED, ""
    fields = {"title": article.title, "text": article.text, "fetched_at": timezone.now()}
    if article.version_count == 0:  # the first text: nothing to look up
        ArticleVersion.objects.create(article=article, content_hash=digest, **fields)
        created = True
    else:
        _version, created = ArticleVersion.objects.get_or_create(
            article=article, content_hash=digest, defaults=fields
        )
    article.version_count += int(created)
    article.save()


def mark(article: Article, status: str, reason: str) -> None:
    Article.objects.filter(pk=article.pk).update(status=status, status_reason=reason[:300])


def save_pushed(source: Source, item: PushedItem) -> tuple[Article, bool]:
    """Store a post pushed by a collector or read from an export; returns (article, created).

    The same URL pushed again updates the stored text (a new version when it changed)."""
    key = canonical_url(item.url)
    article, created = Article.objects.get_or_create(
        url_key=key, defaults={"source": source, "url": item.url, "fetched_at": timezone.now()}
    )
    extracted = ExtractedArticle(
        url=item.url,
        canonical_url=key,
        title=normalize_text(item.title)[:500],
        author=normalize_text(item.author),
        published_at=item.published_at,
        text=normalize_text(item.text),
        language="vi",
    )
    previous = article.content_hash
    save_extracted(article, extracted)
    if not created and previous and previous != article.content_hash:
        article.edited_at = timezone.now()
        article.save(update_fields=["edited_at"])
    return article, created
