"""Monitoring jobs (durable, see core.jobs) and the periodic schedulers. Thin: ids in, runner
does the work, stage errors are mapped to an article's status here and only here."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from core import jobs
from core.models import Job
from core.schedule import local_crontab
from monitoring import runner, store
from monitoring.choices import ArticleStatus, SourceKind
from monitoring.models import Article, RawPage, Source
from monitoring.pipeline.types import QuarantineError, RetryError, SkipError

POLL = "monitoring.poll_source"
PROCESS = "monitoring.process_article"
RECHECK = "monitoring.recheck_article"
REPROCESS = "monitoring.reprocess_article"


def enqueue_reprocess(article_ids: list[int], stage: str) -> int:
    """One reprocessing job per article (``target_id`` = ``"<id>:<stage>"``); returns the count.

    The dedup key carries the time, so asking again later runs again, while a double click does
    not run twice.
    """
    if stage not in runner.Stage.ALL:
        raise ValueError(f"unknown stage {stage!r}; expected one of {', '.join(runner.Stage.ALL)}")
    stamp = timezone.now().strftime("%Y%m%d%H%M")
    for article_id in article_ids:
        key = f"{REPROCESS}:{article_id}:{stage}:{stamp}"
        jobs.enqueue(REPROCESS, f"{article_id}:{stage}", dedup_key=key)
    return len(article_ids)


def can_poll(source: Source) -> bool:
    """Polled sources: active, with an address, fed by fetching (not by push or file)."""
    return bool(source.active and source.url) and source.kind not in {
        SourceKind.PUSH,
        SourceKind.FILE,
    }


def enqueue_poll_now(source: Source) -> None:
    """Poll ``source`` now, besides its schedule (a double click within a second polls once)."""
    if not can_poll(source):
        raise ValueError(f"source {source.pk} is not polled (inactive, no address, or push/file)")
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    jobs.enqueue(POLL, source.pk, dedup_key=f"{POLL}:{source.pk}:now:{stamp}")


@jobs.handler(POLL)
def poll_source(job: Job) -> None:
    source = Source.objects.filter(pk=int(job.target_id), active=True).first()
    if source is None:
        return
    try:
        result = runner.poll_source(source)
    except (SkipError, QuarantineError):
        return  # recorded on the source's health; the next poll is scheduled
    except RetryError as error:
        raise jobs.RetryLaterError(error.reason) from error
    for article_id in result.new_article_ids:
        jobs.enqueue(PROCESS, article_id, dedup_key=f"{PROCESS}:{article_id}")


@jobs.handler(PROCESS)
def process_article(job: Job) -> None:
    article = (
        Article.objects.select_related("source__press_agency").filter(pk=int(job.target_id)).first()
    )
    if article is None or article.status not in {ArticleStatus.DISCOVERED, ArticleStatus.FETCHED}:
        return  # gone, or already processed by an earlier run of this job
    try:
        runner.process_article(article)
    except SkipError as error:
        store.mark(article, ArticleStatus.SKIPPED, error.reason)
    except QuarantineError as error:
        store.mark(article, ArticleStatus.QUARANTINED, error.reason)
    except RetryError as error:
        raise jobs.RetryLaterError(error.reason) from error
    except Exception as error:
        store.mark(article, ArticleStatus.FAILED, repr(error))
        raise


@jobs.handler(RECHECK)
def recheck_article(job: Job) -> None:
    article = Article.objects.filter(pk=int(job.target_id)).first()
    if article is None or article.removed_at is not None:
        return
    try:
        runner.recheck_article(article)
    except RetryError as error:
        raise jobs.RetryLaterError(error.reason) from error
    except (SkipError, QuarantineError):
        return


@jobs.handler(REPROCESS)
def reprocess_article(job: Job) -> None:
    article_id, _, stage = job.target_id.partition(":")
    article = Article.objects.select_related("source").filter(pk=int(article_id)).first()
    if article is None:
        return
    try:
        runner.reprocess(article, stage)
    except (SkipError, QuarantineError) as error:
        # the stored article stays as it was; the job records why it could not be redone
        raise jobs.PermanentError(error.reason) from error
    except RetryError as error:
        raise jobs.RetryLaterError(error.reason) from error


#: The scheduler runs once a minute; a source due within this slack is polled now, else a poll
#: that ends a few seconds after the minute would wait for the run after next (interval × 2).
POLL_SLACK = timedelta(seconds=30)


@db_periodic_task(crontab(minute="*"))
def schedule_polls() -> None:
    """Every minute: a poll job for each active source that is due (one per due time)."""
    now = timezone.now()
    for source_id, due in (
        Source.objects.filter(active=True, next_poll_at__lte=now + POLL_SLACK)
        .exclude(url="")
        .values_list("pk", "next_poll_at")
    ):
        jobs.enqueue(POLL, source_id, dedup_key=f"{POLL}:{source_id}:{due:%Y%m%d%H%M%S}")


@db_periodic_task(crontab(minute="*/5"))
def schedule_rechecks() -> None:
    """Every 5 minutes: re-check articles whose next check is due (growing intervals)."""
    now = timezone.now()
    due = Article.objects.filter(next_check_at__lte=now, removed_at__isnull=True)
    for article_id, step in due.values_list("pk", "check_step")[:500]:
        jobs.enqueue(RECHECK, article_id, dedup_key=f"{RECHECK}:{article_id}:{step}")


@db_periodic_task(local_crontab(minute="17", hour=2))
def purge_raw_pages() -> None:
    """Every night: drop stored raw HTML past its keeping period (versions and text stay)."""
    purge_expired_raw_pages()


def purge_expired_raw_pages() -> int:
    deleted, _ = RawPage.objects.filter(keep_until__lt=timezone.now()).delete()
    return deleted
