"""New items that repeat a claim of the false-claims register.

An item that quotes a claim in order to refute it is not a finding: any item with strong
refutation wording ("sai sự thật", "bác bỏ", "tin đồn", "đính chính"…), or a licensed press
agency's item with any refutation wording. Weak warning words ("cảnh báo", "khuyến cáo") are how
rumours themselves often start, so they alone do not clear an item.
"""

from __future__ import annotations

from django.utils import timezone

from findings import store
from findings.clustering import published
from findings.engine.claims import Claim, ClaimMatch, claim_hits, match_claims
from findings.engine.site_signals import find_all, phrases, tokenize
from findings.models import FalseClaim, Finding
from findings.subjects import STATE, subject_of
from monitoring.models import Article

STRONG_REFUTATION = (
    "sai sự thật", "không đúng sự thật", "tin giả", "tin đồn", "bác bỏ", "đính chính",
    "thông tin thất thiệt", "bịa đặt", "xuyên tạc", "không có căn cứ", "xin lỗi",
)  # fmt: skip


def active_claims() -> list[Claim]:
    return [
        Claim(id=str(c.pk), text=c.text, label=c.label, keywords=tuple(c.keywords))  # type: ignore[arg-type]
        for c in FalseClaim.objects.filter(active=True)
    ]


def refutes(text: str, match: ClaimMatch, *, licensed_press: bool) -> bool:
    """The item repeats the claim to refute it (see the module documentation)."""
    if find_all(tokenize(text), phrases(STRONG_REFUTATION)):
        return True
    return match.debunking and licensed_press


def check_claims(article: Article, claims: list[Claim] | None = None) -> list[Finding]:
    subject = subject_of(article.source)
    if subject.kind == STATE:
        return []
    claims = active_claims() if claims is None else claims
    if not claims:
        return []
    text = f"{article.title}\n{article.text}"
    matches = {m.claim_id: m for m in match_claims(text, claims)}
    day = timezone.localdate(published(article))
    found = []
    for hit in claim_hits(list(matches.values()), kind=subject.kind, on=day):
        claim_id = str(hit.params["claim"])
        if refutes(text, matches[claim_id], licensed_press=subject.licensed_press):
            continue
        found.append(
            store.record(
                hit,
                dedup_key=f"claims:{claim_id}:{article.pk}",
                subject=subject,
                occurred_at=published(article),
                items=[store.evidence(article)],
                figures={"claim_id": int(claim_id)},
            )
        )
    return found
