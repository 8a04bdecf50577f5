"""Form signals of "báo hóa" on the watched home and about pages of registered sites.

The latest stored HTML of each ``page`` source linked to a general site or a magazine goes
through :func:`findings.engine.site_signals.check_site`; every failed rule (the verdict and the
per-signal rules, e.g. no licence line) becomes a finding, one per source and rule.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils import timezone

from findings import store
from findings.engine.site_signals import check_site
from findings.models import Finding
from findings.subjects import GENERAL_SITE, MAGAZINE, Subject, subject_of
from monitoring.choices import SourceKind
from monitoring.models import RawPage, Source
from monitoring.runner import stored_page
from registry.models import PressAgency

KINDS = {GENERAL_SITE: "general_site", MAGAZINE: "magazine"}


def _domain(subject: Subject) -> str:
    record = subject.links.get("general_site") or subject.links.get("press_agency")
    domains = list(getattr(record, "domains", None) or [])
    if domains:
        return str(domains[0])
    return urlsplit(subject.source.url).hostname or subject.source.url


def press_names(exclude: object = None) -> list[str]:
    agencies = PressAgency.objects.all()
    own = getattr(exclude, "pk", None)
    if own is not None:
        agencies = agencies.exclude(pk=own)
    return [str(n) for n in agencies.values_list("name", flat=True)]


def check_page_source(source: Source) -> list[Finding]:
    """Check the latest stored HTML of one watched page (nothing when it has none)."""
    if source.kind != SourceKind.PAGE:
        return []
    subject = subject_of(source)
    kind = KINDS.get(subject.kind)
    if kind is None:
        return []
    raw = (
        RawPage.objects.filter(article__source=source, http_status__lt=400)
        .select_related("article")
        .order_by("-fetched_at", "-pk")
        .first()
    )
    if raw is None:
        return []
    page = stored_page(raw.article, raw)
    result = check_site(
        page.text,
        domain=_domain(subject),
        kind=kind,
        press_names=press_names(subject.links.get("press_agency")),
        on=timezone.localdate(raw.fetched_at),
    )
    found = []
    for hit in result.hits(subject=f"source:{source.pk}"):
        if hit.passed:
            continue
        found.append(
            store.record(
                hit,
                dedup_key=f"site_signals:{hit.rule_code}:{source.pk}",
                subject=subject,
                occurred_at=raw.fetched_at,
                items=[store.evidence(raw.article)],
                figures={"page": source.url, "baohoa": result.baohoa, "score": result.score},
            )
        )
    return found
