"""`presswatch monitoring_reindex`: (re)build the search index of every stored article."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from monitoring.models import Article
from monitoring.search import indexing


class Command(BaseCommand):
    help = "Index every stored article again (after an upgrade or a restore)."

    def handle(self, *args: Any, **options: Any) -> None:
        ids = list(Article.objects.exclude(text="").values_list("pk", flat=True))
        indexing.index_articles(ids)
        self.stdout.write(f"reindexed {len(ids)} article(s)")
