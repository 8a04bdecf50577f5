"""Findings jobs (durable, see core.jobs) and the periodic check of watched pages. Thin: ids in."""

from __future__ import annotations

import datetime

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from core import jobs
from core.models import Job
from findings import alert_groups, pipeline
from findings.checks import claims, republication, site
from findings.models import FalseClaim
from findings.subjects import SOURCE_RELATED
from monitoring import runner
from monitoring.choices import SourceKind
from monitoring.models import Article, Source
from monitoring.pipeline.types import QuarantineError, RetryError, SkipError

CHECK = "findings.check_article"
REMOVED = "findings.article_removed"
SELF_PRODUCED = "findings.check_self_produced"
TAKEDOWN = "findings.check_takedown"
SITE_PAGES = "findings.check_site_pages"
SCAN_CLAIM = "findings.scan_claim"
GROUP_ALERTS = "findings.group_alerts"
#: Minutes after a source's removal when its copies are checked (3 hours plus a margin).
TAKEDOWN_AFTER_MINUTES = 185
#: Days of articles a new or edited false claim is compared with.
CLAIM_SCAN_DAYS = 30


def enqueue_check(article_id: int, content_hash: str, *, edited: bool, forced: bool) -> Job:
    """One check per article and content (an edit is checked again; a forced reprocess too)."""
    key = f"{CHECK}:{article_id}:{content_hash or '-'}"
    if forced:
        key += f":{timezone.now():%Y%m%d%H%M%S}"
    return jobs.enqueue(CHECK, f"{article_id}:{int(edited)}", dedup_key=key)


def enqueue_removed(article_id: int) -> Job:
    return jobs.enqueue(REMOVED, article_id, dedup_key=f"{REMOVED}:{article_id}")


def enqueue_claim_scan(claim: FalseClaim) -> Job:
    stamp = f"{claim.updated_at:%Y%m%d%H%M%S%f}" if claim.updated_at else "-"
    return jobs.enqueue(SCAN_CLAIM, claim.pk, dedup_key=f"{SCAN_CLAIM}:{claim.pk}:{stamp}")


def enqueue_grouping(alert_id: int, article_id: int) -> Job:
    """Group a new alert with the earlier alerts about its story (once per alert)."""
    return jobs.enqueue(GROUP_ALERTS, article_id, dedup_key=f"{GROUP_ALERTS}:{alert_id}")


@jobs.handler(CHECK)
def check_article(job: Job) -> None:
    article_id, _, edited = job.target_id.partition(":")
    article = pipeline.load(int(article_id))
    if article is None:
        return
    result = pipeline.check_article(article, edited=edited == "1")
    if result.self_produced_pending:
        grace = republication.self_produced_grace().total_seconds()
        jobs.enqueue(
            SELF_PRODUCED, article.pk, dedup_key=f"{SELF_PRODUCED}:{article.pk}", delay=grace
        )


@jobs.handler(GROUP_ALERTS)
def group_alerts(job: Job) -> None:
    """A new alert: grouped now when its article's story (or copy cluster) is already known,
    else by ``check_article`` once it is."""
    alert_groups.group_alerts(int(job.target_id))


@jobs.handler(SELF_PRODUCED)
def check_self_produced(job: Job) -> None:
    article = pipeline.load(int(job.target_id))
    if article is not None:
        pipeline.check_self_produced(article)


@jobs.handler(REMOVED)
def article_removed(job: Job) -> None:
    article = pipeline.load(int(job.target_id))
    if article is None:
        return
    result = pipeline.article_removed(article)
    for copy_id in result.copies_to_recheck:
        jobs.enqueue(
            TAKEDOWN,
            copy_id,
            dedup_key=f"{TAKEDOWN}:{copy_id}:{article.pk}",
            delay=TAKEDOWN_AFTER_MINUTES * 60,
        )


@jobs.handler(TAKEDOWN)
def check_takedown(job: Job) -> None:
    """Look at the copy again (is it still online?), then judge the 3-hour takedown rule."""
    copy = pipeline.load(int(job.target_id))
    if copy is None:
        return
    if copy.removed_at is None and copy.url.startswith(("http://", "https://")):
        try:
            runner.recheck_article(copy)
        except RetryError as error:
            raise jobs.RetryLaterError(error.reason) from error
        except (SkipError, QuarantineError):
            pass  # judged on what is known
        copy = pipeline.load(copy.pk) or copy
    republication.check_takedown(copy)


@jobs.handler(SITE_PAGES)
def check_site_pages(job: Job) -> None:
    for source in Source.objects.filter(kind=SourceKind.PAGE, active=True).select_related(
        "general_site", "press_agency", "social_account", "state_channel"
    ):
        site.check_page_source(source)


@jobs.handler(SCAN_CLAIM)
def scan_claim(job: Job) -> None:
    """A new or edited claim against the articles of the last days."""
    claim = FalseClaim.objects.filter(pk=int(job.target_id), active=True).first()
    if claim is None:
        return
    since = timezone.now() - datetime.timedelta(days=CLAIM_SCAN_DAYS)
    one = [c for c in claims.active_claims() if c.id == str(claim.pk)]
    articles = Article.objects.filter(published_at__gte=since).select_related(*SOURCE_RELATED)
    for article in articles.iterator(chunk_size=200):
        if pipeline.checkable(article):
            claims.check_claims(article, one)


@db_periodic_task(crontab(minute="40"))
def schedule_site_pages() -> None:
    """Every hour: the "báo hóa" form check of every watched page (one job per hour)."""
    jobs.enqueue(SITE_PAGES, dedup_key=f"{SITE_PAGES}:{timezone.now():%Y%m%d%H}")
