"""The pipeline order, readable in one place (house rule 4).

poll a source:  fetch → discover (feed | sitemap | listing | page) → store new articles → enqueue
process one:    fetch → extract → normalise/hash → dedup → store (+ version, raw HTML) → index
recheck one:    fetch → gone? (404/410, soft 404, redirect home) | changed? (new version, diff)
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from monitoring import signals, store
from monitoring.choices import RemovalKind, SourceKind
from monitoring.models import Article, RawPage, Source, SourcePoll
from monitoring.pipeline import charset, discover, extract, fetch, politeness, polling, robots
from monitoring.pipeline.types import (
    DiscoveredLinks,
    ExtractedArticle,
    FeedEntry,
    FetchedPage,
    FetchPolicy,
    SkipError,
    StageError,
    Validators,
)

GZIP_TYPES = ("application/gzip", "application/x-gzip")


def policy(*, gzip_allowed: bool = False) -> FetchPolicy:
    base = FetchPolicy(
        min_interval_seconds=settings.MONITORING_MIN_INTERVAL_SECONDS,
        respect_robots=settings.MONITORING_RESPECT_ROBOTS,
        block_private=True,
        private_allowed=tuple(settings.MONITORING_PRIVATE_ALLOWED),
    )
    if gzip_allowed:  # sitemaps are often served as .xml.gz
        return dataclasses.replace(base, allowed_types=base.allowed_types + GZIP_TYPES)
    return base


def _redis_client() -> Any:
    """A Redis client for the crawl's shared tables, or None without Redis. No retries: without
    an answer at once, each process's own table serves."""
    if not settings.REDIS_URL:
        return None
    import redis  # only installations with Redis talk to it
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2, retry=Retry(NoBackoff(), 0)
    )


#: robots.txt answers and per-host start times: shared by every worker process and machine when
#: the installation has Redis, else by the jobs of this worker process.
_CLIENT = _redis_client()
PROCESS_ROBOTS: robots.RobotsStore = (
    robots.SharedRobots() if _CLIENT is None else robots.RedisRobots(_CLIENT)
)
PROCESS_STARTS: politeness.StartsTable = (
    politeness.SharedStarts() if _CLIENT is None else politeness.RedisStarts(_CLIENT)
)


def fetch_one(
    url: str, validators: Validators | None = None, *, gzip_allowed: bool = False
) -> FetchedPage:
    """Fetch one URL with a short-lived async client (one job, one page).

    robots.txt and the per-host interval are shared with the process's other jobs.
    """
    fetch_policy = policy(gzip_allowed=gzip_allowed)

    async def run() -> FetchedPage:
        async with httpx.AsyncClient(follow_redirects=False) as client:
            rules = robots.RobotsCache(
                robots.shared_fetcher(fetch.robots_fetcher(client, fetch_policy), PROCESS_ROBOTS)
            )
            gate = politeness.HostGate(
                min_interval_seconds=fetch_policy.min_interval_seconds,
                max_per_host=fetch_policy.max_per_host,
                shared=PROCESS_STARTS,
            )
            return await fetch.fetch_page(
                url,
                client=client,
                policy=fetch_policy,
                validators=validators,
                robots=rules,
                gate=gate,
            )

    return asyncio.run(run())


def discover_links(source: Source, page: FetchedPage) -> DiscoveredLinks:
    if source.kind == SourceKind.FEED:  # keep what a slightly broken feed still offers
        return discover.parse_feed(page.body, url=page.final_url, lenient=True)
    if source.kind == SourceKind.SITEMAP:
        return discover.parse_sitemap(page.body, url=page.final_url)
    if source.kind == SourceKind.LISTING:
        return discover.parse_listing(page.text, url=page.final_url, pattern=source.url_pattern)
    return DiscoveredLinks(entries=(FeedEntry(url=source.url, title=source.name),))


@dataclass(frozen=True, slots=True)
class PollResult:
    found: int
    new_article_ids: tuple[int, ...]
    not_modified: bool


def poll_source(source: Source) -> PollResult:
    """Poll once; raises the stage errors for the task layer to map."""
    poll = SourcePoll.objects.create(source=source)
    try:
        sitemap = source.kind == SourceKind.SITEMAP
        page = fetch_one(source.url, store.source_validators(source), gzip_allowed=sitemap)
        if page.not_modified:
            result = PollResult(0, (), not_modified=True)
        else:
            links = discover_links(source, page)
            entries = list(links.entries)
            for child in links.child_sitemaps[:20]:  # a sitemap index: read its children
                child_page = fetch_one(child, gzip_allowed=True)
                entries += discover.parse_sitemap(child_page.body, url=child).entries
            new_ids = store.save_discovered(source, entries)
            store.save_validators(source, page)
            result = PollResult(len(entries), tuple(new_ids), not_modified=False)
    except Exception as error:
        store.record_poll(source, poll, error=getattr(error, "reason", "") or repr(error))
        _schedule_next(source, new=0, total=0)
        raise
    poll.found, poll.new, poll.not_modified = (
        result.found,
        len(result.new_article_ids),
        (result.not_modified),
    )
    store.record_poll(source, poll)
    _schedule_next(source, new=len(result.new_article_ids), total=result.found)
    return result


def _schedule_next(source: Source, *, new: int, total: int) -> None:
    minutes = polling.next_interval(
        source.poll_minutes,
        new,
        total,
        minimum=source.min_poll_minutes,
        maximum=source.max_poll_minutes,
    )
    if source.error_count:  # back off on errors, within the maximum
        minutes = min(source.max_poll_minutes, source.min_poll_minutes * 2**source.error_count)
    source.poll_minutes = minutes
    source.next_poll_at = timezone.now() + datetime.timedelta(minutes=minutes)
    source.save()


def process_article(article: Article) -> None:
    """Fetch and extract one discovered article (idempotent: a stored article is left alone)."""
    store_page(article, fetch_one(article.url), first_check=True)
    signals.article_stored.send(sender=Article, article_id=article.pk, edited=False)


def store_page(article: Article, page: FetchedPage, *, first_check: bool) -> None:
    """Everything after the fetch: extract ``page``, then store and index it in one transaction.

    A page the extract stage refuses is still kept (raw HTML) before its error goes up to the
    task layer, which records the status. ``first_check`` schedules the first re-check.
    """
    article.fetched_at = timezone.now()
    try:
        extracted = extract.extract_article(page, fast=settings.MONITORING_EXTRACT_FAST)
    except StageError:
        store.save_raw(article, page)
        raise
    save_page(article, page, extracted, first_check=first_check)


def save_page(
    article: Article, page: FetchedPage, extracted: ExtractedArticle, *, first_check: bool
) -> None:
    """Raw HTML, text, version, search entry and re-check time of one article: all or nothing."""
    with transaction.atomic():
        store.save_raw(article, page)
        if first_check:  # saved with the article's other fields
            article.check_step = 0
            article.next_check_at = timezone.now() + datetime.timedelta(
                hours=settings.MONITORING_RECHECK_HOURS[0]
            )
        store.save_extracted(article, extracted)
        _index(article)


def index_and_schedule(article: Article) -> None:
    """After an article is stored from a push or file: index it (no re-checks: no page)."""
    _index(article)
    signals.article_stored.send(sender=Article, article_id=article.pk, edited=False)


def _index(article: Article) -> None:
    from monitoring.search import indexing  # the search layer sits beside the pipeline

    indexing.index_article(article)


def recheck_article(article: Article) -> str:
    """Look at a stored article again; record a removal or a new version. Returns what happened."""
    outcome = _recheck(article)
    steps = settings.MONITORING_RECHECK_HOURS
    article.check_step += 1
    article.next_check_at = (
        None
        if outcome.startswith("removed") or article.check_step >= len(steps)
        else timezone.now() + datetime.timedelta(hours=steps[article.check_step])
    )
    article.save(update_fields=["check_step", "next_check_at"])
    return outcome


def _recheck(article: Article) -> str:
    try:
        page = fetch_one(article.url)
    except SkipError as error:
        if error.reason.startswith("gone"):
            return _removed(article, RemovalKind.GONE)
        raise
    if _redirected_home(article.url, page):
        return _removed(article, RemovalKind.REDIRECT_HOME)
    try:
        extracted = extract.extract_article(page, fast=settings.MONITORING_EXTRACT_FAST)
    except SkipError:
        return _removed(article, RemovalKind.SOFT_404)
    digest = store.content_hash(extracted.title + "\n" + extracted.text)
    if digest == article.content_hash:
        return "unchanged"
    article.edited_at = timezone.now()  # saved with the new text
    save_page(article, page, extracted, first_check=False)
    signals.article_stored.send(sender=Article, article_id=article.pk, edited=True)
    return "edited"


def _redirected_home(url: str, page: FetchedPage) -> bool:
    asked, landed = urlsplit(url), urlsplit(page.final_url)
    return bool(page.redirects) and landed.path in {"", "/"} and asked.path not in {"", "/"}


def _removed(article: Article, kind: RemovalKind) -> str:
    if article.removed_at is None:
        article.removed_at = timezone.now()
        article.removal_kind = kind
        article.save(update_fields=["removed_at", "removal_kind"])
        signals.article_removed.send(sender=Article, article_id=article.pk, removal_kind=kind)
    return f"removed: {kind}"


# --- reprocessing ---------------------------------------------------------------------------------
class Stage:
    """Where reprocessing starts; each stage runs every later one."""

    FETCH = "fetch"  # fetch the page again, then extract, index, analyse
    EXTRACT = "extract"  # extract again from the stored raw HTML (no network)
    INDEX = "index"  # rebuild the article's search entry, then analyse
    ANALYSE = "analyse"  # only tell the layers above to analyse the stored text again

    ALL = (FETCH, EXTRACT, INDEX, ANALYSE)


def reprocess(article: Article, stage: str) -> str:
    """Run ``article`` through the pipeline again from ``stage``; returns what was done.

    Raises the stage errors of fetching and extraction (the task layer records them).
    """
    if stage == Stage.FETCH:
        if not article.url.startswith(("http://", "https://")) or article.source.kind in {
            SourceKind.PUSH,
            SourceKind.FILE,
        }:
            raise SkipError("no page to fetch: the article came from a push or a file")
        store_page(article, fetch_one(article.url), first_check=False)
    elif stage == Stage.EXTRACT:
        raw = article.raw_pages.order_by("-fetched_at", "-pk").first()
        if raw is None:
            raise SkipError("no stored raw HTML (never fetched, or past its keeping period)")
        page = stored_page(article, raw)
        extracted = extract.extract_article(page, fast=settings.MONITORING_EXTRACT_FAST)
        with transaction.atomic():
            store.save_extracted(article, extracted)
            _index(article)
    elif stage == Stage.INDEX:
        _index(article)
    signals.article_stored.send(sender=Article, article_id=article.pk, edited=False, forced=True)
    return f"reprocessed from {stage}"


def stored_page(article: Article, raw: RawPage) -> FetchedPage:
    """The :class:`FetchedPage` a stored raw page stands for (decoded as when it was fetched)."""
    body = raw.body
    text, encoding = charset.decode_body(
        body, header_charset=raw.encoding or None, declared=charset.find_declared_charset(body)
    )
    return FetchedPage(
        url=article.url,
        final_url=raw.final_url,
        status=raw.http_status,
        content_type="text/html",
        body=body,
        text=text,
        encoding=encoding,
        fetched_at=raw.fetched_at,
    )
