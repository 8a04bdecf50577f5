"""The demo ecosystem through the whole pipeline: each scenario gives its finding, the compliant
site gives none (DECISIONS §4; `make demo` runs the same content)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from django.utils import timezone

from core import bootstrap, jobs
from core.models import Job
from demo.clock import ScenarioClock
from demo.content import load_ecosystem
from demo.server import DemoHTTPServer, serve_in_thread
from findings import neardup, pipeline
from findings.choices import Detector, ItemRole
from findings.models import ClusterMember, Finding, StoryCluster
from findings.tasks import SELF_PRODUCED, TAKEDOWN
from monitoring import runner
from monitoring.demo_sources import register_demo_sources
from monitoring.models import Article, Source
from monitoring.tasks import POLL
from registry.models import GeneralSite, PressAgency

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
Capture = Callable[..., object]


@pytest.fixture
def clock() -> ScenarioClock:
    return ScenarioClock(monotonic=lambda: 0.0)


@pytest.fixture
def server(clock: ScenarioClock) -> Iterator[DemoHTTPServer]:
    neardup.reset()
    running = serve_in_thread(clock=clock, slow_seconds=0.05)
    try:
        yield running
    finally:
        running.stop()
        neardup.reset()


def _poll_all(capture: Capture, tag: str) -> None:
    for source in Source.objects.filter(active=True):
        with capture(execute=True):  # type: ignore[attr-defined]
            jobs.enqueue(POLL, source.pk, dedup_key=f"test-poll:{source.pk}:{tag}")


def _article(server: DemoHTTPServer, key: str) -> Article:
    story = load_ecosystem().by_key(key)
    assert story is not None
    return Article.objects.get(url=f"{server.base_url}/{story.outlet}/{story.path}")


def _assert_explained(finding: Finding) -> None:
    assert finding.rule["legal_basis"] and finding.rule["code"] == finding.rule_code
    assert finding.explanation and finding.finding_items.exists()


def test_each_demo_scenario_gives_its_finding_and_the_compliant_site_none(
    server: DemoHTTPServer, clock: ScenarioClock, django_capture_on_commit_callbacks: Capture
) -> None:
    bootstrap.run(demo=True)
    register_demo_sources(server.base_url)
    _poll_all(django_capture_on_commit_callbacks, "0")

    # the general site copying the provincial paper without a source line
    copier = GeneralSite.objects.get(name="Tin tức Gia Nghĩa 24h")
    uncredited = _article(server, "gn-rac")
    attribution = Finding.objects.get(
        dedup_key=f"republication:rep-attribution-nd147:{uncredited.pk}"
    )
    _assert_explained(attribution)
    assert attribution.general_site == copier and attribution.figures["outlet"] == ""
    roles = dict(attribution.finding_items.values_list("article_id", "role"))
    assert roles == {uncredited.pk: ItemRole.COPY, _article(server, "ncn-rac").pk: ItemRole.SOURCE}
    agreement = Finding.objects.get(dedup_key=f"republication:rep-agreement-nd147:{uncredited.pk}")
    assert agreement.sanction_refs == ["nd119-20-no-consent"] and agreement.needs_verification
    assert Finding.objects.filter(detector=Detector.SITE_SIGNALS, general_site=copier).exists()

    # the magazine drifting off its scope: the off-scope items are the evidence
    magazine = PressAgency.objects.get(name="Tạp chí Sức khỏe Cao nguyên")
    scope = Finding.objects.get(detector=Detector.SCOPE, press_agency=magazine)
    _assert_explained(scope)
    assert scope.figures["off_scope_share"] >= 0.3
    off_scope = {a.url.rsplit("/", 1)[1] for a in scope.evidence_articles()}
    assert any("gia-vang" in u for u in off_scope) and not any("cum-mua" in u for u in off_scope)
    assert Finding.objects.filter(detector=Detector.ADVERTORIAL, press_agency=magazine).exists()

    # the false claim spreading on a fanpage
    assert Finding.objects.filter(detector=Detector.CLAIMS).exists()

    # minute 21: posts repeat the claim; the market-fee article is removed
    clock.advance(21)
    _poll_all(django_capture_on_commit_callbacks, "21")
    removed = _article(server, "ncn-thuphi")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        assert runner.recheck_article(removed).startswith("removed")
    softened = Finding.objects.get(
        dedup_key=f"softened:negative-item-softened:removed:{removed.pk}"
    )
    _assert_explained(softened)
    assert softened.press_agency is not None and softened.press_agency.name == "Báo Nắng Cao Nguyên"
    claim_subjects = set(
        Finding.objects.filter(detector=Detector.CLAIMS).values_list("subject_label", flat=True)
    )
    assert {"Hóng Biến Cao Nguyên", "Gia Nghĩa Review", "Chợ Gia Nghĩa Online"} <= claim_subjects
    claim = Finding.objects.filter(detector=Detector.CLAIMS, social_account__isnull=False).first()
    assert claim is not None
    _assert_explained(claim)
    assert claim.sanction_refs == ["nd15-101-1"] and claim.needs_verification

    # the rest of the timeline: denials and corrections give no claim finding
    clock.advance(80)
    _poll_all(django_capture_on_commit_callbacks, "101")
    for key in ("bgn-bacbo", "fb-coso-bacbo", "fb-review-dinhchinh", "ncn-nuoc", "tv-tingia"):
        article = _article(server, key)
        assert not Finding.objects.filter(detector=Detector.CLAIMS, items=article).exists(), key

    # three hours after the removal, the uncredited copy is still online
    Article.objects.filter(pk=removed.pk).update(
        removed_at=timezone.now() - datetime.timedelta(hours=4)
    )
    takedown_job = Job.objects.get(kind=TAKEDOWN)
    Job.objects.filter(pk=takedown_job.pk).update(available_at=timezone.now())
    jobs.run(takedown_job.pk)
    copy = _article(server, "gn-thuphi")
    takedown = Finding.objects.get(dedup_key=f"republication:rep-takedown-nd147:{copy.pk}")
    assert takedown.figures["still_online"] is True and takedown.sanction_refs == ["nd119-20-4-d"]

    # self-produced checks after the grace period find a source for every copy
    for job in Job.objects.filter(kind=SELF_PRODUCED):
        Job.objects.filter(pk=job.pk).update(available_at=timezone.now())
        jobs.run(job.pk)
    assert not Finding.objects.filter(rule_code="rep-self-produced").exists()

    # the compliant site: clustered with its source, yet no finding at all
    compliant = GeneralSite.objects.get(name="Nông nghiệp Xanh Cao Nguyên")
    copies = ClusterMember.objects.filter(article__source__general_site=compliant)
    assert copies.count() == 3
    assert all(m.attributed and m.lag_minutes and m.lag_minutes >= 60 for m in copies)
    assert not Finding.objects.filter(general_site=compliant).exists()
    assert not Finding.objects.filter(items__source__general_site=compliant).exists()

    # running every check again changes nothing
    counts = (Finding.objects.count(), ClusterMember.objects.count(), StoryCluster.objects.count())
    for article in Article.objects.select_related("source"):
        loaded = pipeline.load(article.pk)
        assert loaded is not None
        pipeline.check_article(loaded)
    assert counts == (
        Finding.objects.count(),
        ClusterMember.objects.count(),
        StoryCluster.objects.count(),
    )
