"""What happens to a stored or removed article, in order (the bodies of the findings jobs).

``check_article``: near-duplicate index and copy cluster → story (and the alerts of the story
grouped, one per rule and person) → republication checks of the general-site members of the
cluster → advertorial → false claims → magazine scope → (edited)
softened; a watched page goes through the "báo hóa" form check instead.
``article_removed``: removed after negative coverage → takedown checks scheduled for its copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from findings import alert_groups, clustering, neardup, stories
from findings.checks import claims, content, republication, scope, site
from findings.models import Finding
from findings.subjects import GENERAL_SITE, MAGAZINE, SOURCE_RELATED, subject_of
from monitoring.choices import ArticleStatus, SourceKind
from monitoring.models import Article


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    cluster_id: int | None = None
    story_key: str = ""
    self_produced_pending: bool = False
    copies_to_recheck: list[int] = field(default_factory=list)


def load(article_id: int) -> Article | None:
    return Article.objects.select_related(*SOURCE_RELATED).filter(pk=article_id).first()


def checkable(article: Article) -> bool:
    return (
        article.status == ArticleStatus.EXTRACTED
        and article.duplicate_of_id is None
        and bool(article.text.strip())
    )


def check_article(article: Article, *, edited: bool = False) -> CheckResult:
    result = CheckResult()
    if article.source.kind == SourceKind.PAGE:
        result.findings += site.check_page_source(article.source)
        return result
    if not checkable(article):
        return result
    cluster = clustering.assign(article, neardup.add(article))
    result.story_key = stories.assign(article).story_key
    alert_groups.group_alerts(article.pk)
    if cluster is not None:
        result.cluster_id = cluster.pk
        for member in clustering.members(cluster):
            if member.article.pk != article.pk and member.subject.kind == GENERAL_SITE:
                result.findings += republication.check(member.article)
    _check_item(article, result, edited=edited)
    return result


def _check_item(article: Article, result: CheckResult, *, edited: bool) -> None:
    """The checks of the item itself, by the kind of its publisher."""
    subject = subject_of(article.source)
    if subject.kind == GENERAL_SITE:
        result.findings += republication.check(article)
        result.self_produced_pending = not republication.has_source(article)
    found = [content.check_advertorial(article)]
    result.findings += claims.check_claims(article)
    agency = subject.links.get("press_agency")
    if subject.kind == MAGAZINE and agency is not None:
        result.findings += scope.check_scope(agency)
    if edited:
        found.append(content.check_softened(article))
    result.findings += [f for f in found if f is not None]


def check_self_produced(article: Article) -> list[Finding]:
    """After the grace period: an item of a general site with still no source found."""
    if not checkable(article) or republication.has_source(article):
        return []
    return republication.check(article, judge_self_produced=True)


def article_removed(article: Article) -> CheckResult:
    result = CheckResult()
    found = content.check_softened(article)
    if found is not None:
        result.findings.append(found)
    result.copies_to_recheck = [c.pk for c in republication.copies_of(article)]
    return result
