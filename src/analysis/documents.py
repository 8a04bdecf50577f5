"""The one translation of a stored article into the topic engine's ``Document``.

Percolation (each new article) and archive search of a topic both build documents here, so a
topic matches the same articles both ways.
"""

from __future__ import annotations

from analysis.engine.query import Document
from core.text import normalize_text
from monitoring.models import Article


def outlet_name(article: Article) -> str:
    """The outlet as the archive index names it: the press agency, else the source."""
    source = article.source
    agency = source.press_agency
    return agency.name if agency is not None else source.name


def document_for(article: Article) -> Document:
    """The topic engine's view of ``article`` (load it with ``source__press_agency``)."""
    return Document(
        title=normalize_text(article.title or article.feed_title),
        lead="",
        body=normalize_text(article.text),
        outlet=outlet_name(article),
        source_type=article.source.kind,
    )
