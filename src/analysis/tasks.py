"""Analysis jobs (durable, see core.jobs) and the periodic schedulers. Thin: ids in."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from analysis import delivery, pipeline, spikes, training
from core import jobs
from core.models import Job
from monitoring.models import Article

ANALYZE = "analysis.analyze_article"
SPIKES = "analysis.detect_spikes"
DAILY_SPIKES = "analysis.detect_daily_spikes"


def enqueue_analysis(article_id: int, content_hash: str) -> Job:
    """One analysis per article and content: an edit (new hash) is analysed again."""
    return jobs.enqueue(
        ANALYZE, article_id, dedup_key=f"{ANALYZE}:{article_id}:{content_hash or '-'}"
    )


@jobs.handler(ANALYZE)
def analyze_article(job: Job) -> None:
    article = (
        Article.objects.select_related("source__press_agency").filter(pk=int(job.target_id)).first()
    )
    if article is None or not (article.title or article.feed_title or article.text):
        return
    pipeline.analyze_article(article)


@jobs.handler(SPIKES)
def detect_spikes(job: Job) -> None:
    spikes.run_hourly()


@jobs.handler(DAILY_SPIKES)
def detect_daily_spikes(job: Job) -> None:
    spikes.run_daily()


@db_periodic_task(crontab(minute="5"))
def schedule_spikes() -> None:
    """Every hour: the last hour against the 3 days before; after midnight also yesterday against
    the week before (one job per hour and per day)."""
    now = timezone.localtime()
    jobs.enqueue(SPIKES, dedup_key=f"{SPIKES}:{now:%Y%m%d%H}")
    if now.hour == 0:
        jobs.enqueue(DAILY_SPIKES, dedup_key=f"{DAILY_SPIKES}:{now:%Y%m%d}")
    training.check_stored_model()


@db_periodic_task(crontab(minute="*/5"))
def release_digests() -> None:
    """Every 5 minutes: send the digests whose hour or day has ended."""
    delivery.release_due()
