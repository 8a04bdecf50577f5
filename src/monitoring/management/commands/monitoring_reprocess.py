"""``presswatch monitoring_reprocess --from STAGE [filters]``: run stored articles through the
pipeline again from a stage (after a fix to extraction, a new analysis lexicon, …)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from monitoring import runner, tasks
from monitoring.models import Article


class Command(BaseCommand):
    help = "Queue articles for reprocessing from a stage (fetch, extract, index, analyse)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="stage", required=True, choices=runner.Stage.ALL)
        parser.add_argument("--ids", default="", help="comma-separated article ids")
        parser.add_argument("--source", type=int, help="only articles of this source id")
        parser.add_argument("--status", default="", help="only articles with this status")
        parser.add_argument("--since", default="", help="discovered on or after YYYY-MM-DD")
        parser.add_argument("--limit", type=int, default=100_000)
        parser.add_argument("--dry-run", action="store_true", help="count, queue nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        articles = Article.objects.order_by("pk")
        if options["ids"]:
            try:
                ids = [int(part) for part in options["ids"].split(",") if part.strip()]
            except ValueError:
                raise CommandError(f"--ids: not a list of numbers: {options['ids']!r}") from None
            articles = articles.filter(pk__in=ids)
        if options["source"] is not None:
            articles = articles.filter(source_id=options["source"])
        if options["status"]:
            articles = articles.filter(status=options["status"])
        if options["since"]:
            try:
                day = datetime.date.fromisoformat(options["since"])
            except ValueError:
                raise CommandError(f"--since: not a date: {options['since']!r}") from None
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
            articles = articles.filter(discovered_at__gte=start)
        ids = list(articles.values_list("pk", flat=True)[: options["limit"]])
        if options["dry_run"]:
            self.stdout.write(f"{len(ids)} articles would be reprocessed from {options['stage']}")
            return
        count = tasks.enqueue_reprocess(ids, options["stage"])
        self.stdout.write(f"{count} articles queued for reprocessing from {options['stage']}")
