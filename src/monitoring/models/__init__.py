"""Sources polled, articles found, their versions and raw pages."""

from monitoring.models.articles import Article, ArticleVersion, RawPage
from monitoring.models.search import SearchDocument
from monitoring.models.sources import Source, SourcePoll

__all__ = ["Article", "ArticleVersion", "RawPage", "SearchDocument", "Source", "SourcePoll"]
