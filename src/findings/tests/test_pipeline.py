"""The findings pipeline on stored articles: clusters, republication, claims, removals, reruns."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from django.test import override_settings
from django.utils import timezone

from core import jobs
from core.models import Job
from findings import neardup, pipeline
from findings.choices import ClaimLabel, Detector, ItemRole
from findings.models import ArticleSignature, ClusterMember, FalseClaim, Finding, StoryCluster
from findings.tasks import SELF_PRODUCED, TAKEDOWN
from findings.tests import factories as f
from monitoring.models import Article, ArticleVersion
from monitoring.signals import article_removed, article_stored
from registry.models import GeneralSite, PressAgency

pytestmark = pytest.mark.django_db
Capture = Callable[..., object]


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    neardup.reset()
    yield
    neardup.reset()


def _check(article: Article, *, edited: bool = False) -> pipeline.CheckResult:
    loaded = pipeline.load(article.pk)
    assert loaded is not None
    return pipeline.check_article(loaded, edited=edited)


def _press_and_site() -> tuple[PressAgency, GeneralSite]:
    return f.agency(), f.site()


def test_a_copy_joins_the_original_s_cluster_and_licensed_press_wins_a_tie() -> None:
    press, general = _press_and_site()
    moment = timezone.now() - datetime.timedelta(hours=2)
    copy = f.article(f.source(general_site=general), published_at=moment)
    original = f.article(f.source(press_agency=press), published_at=moment)
    _check(copy)
    assert not ClusterMember.objects.exists()  # alone: no cluster
    result = _check(original)
    cluster = StoryCluster.objects.get()
    assert result.cluster_id == cluster.pk and cluster.original == original
    assert cluster.size == 2 and cluster.outlets == 2
    row = ClusterMember.objects.get(article=copy)
    assert not row.is_original and row.similarity == 1.0 and row.lag_minutes == 0.0


def test_a_bridging_article_merges_two_clusters_and_reruns_never_duplicate() -> None:
    press, general = _press_and_site()
    half = len(f.STORY) // 2
    a = f.article(
        f.source(press_agency=press), f.STORY[:half] + " " + f.OTHER_STORY, minutes_ago=300
    )
    b = f.article(f.source(general_site=general), f.OTHER_STORY, minutes_ago=200)
    c = f.article(f.source(), f.STORY, minutes_ago=100)
    for item in (b, c, a):
        _check(item)
    clusters = StoryCluster.objects.all()
    assert clusters.count() == 1 and clusters.get().size == 3
    assert clusters.get().original == a
    counts = (
        Finding.objects.count(),
        ClusterMember.objects.count(),
        ArticleSignature.objects.count(),
    )
    for item in (a, b, c, a):
        _check(item)
    assert counts == (
        Finding.objects.count(),
        ClusterMember.objects.count(),
        ArticleSignature.objects.count(),
    )


def test_the_index_is_rebuilt_from_stored_signatures() -> None:
    press, general = _press_and_site()
    original = f.article(f.source(press_agency=press), minutes_ago=90)
    _check(original)
    neardup.reset()  # a new worker process
    copy = f.article(f.source(general_site=general), minutes_ago=10)
    _check(copy)
    assert ClusterMember.objects.get(article=copy).cluster.original == original


def test_a_general_site_copy_without_attribution_twenty_minutes_later() -> None:
    press, general = _press_and_site()
    original = f.article(f.source(press_agency=press), minutes_ago=30)
    copy = f.article(f.source(general_site=general), minutes_ago=10)
    _check(original)
    _check(copy)
    codes = set(Finding.objects.filter(general_site=general).values_list("rule_code", flat=True))
    assert codes == {"rep-attribution-nd147", "rep-delay-nd147", "rep-agreement-nd147"}
    delay = Finding.objects.get(rule_code="rep-delay-nd147")
    assert delay.figures["delay_minutes"] == pytest.approx(20, abs=0.5)
    assert delay.rule["valid_from"] == "2024-12-25" and delay.detector == Detector.REPUBLICATION
    roles = dict(delay.finding_items.values_list("article_id", "role"))
    assert roles == {copy.pk: ItemRole.COPY, original.pk: ItemRole.SOURCE}


def test_a_compliant_copy_raises_nothing() -> None:
    press, general = _press_and_site()
    f.agreement(general, press)
    original = f.article(f.source(press_agency=press), minutes_ago=200)
    copy = f.article(
        f.source(general_site=general),
        f.STORY + " Theo Báo Bình Minh Thử.",
        minutes_ago=100,
        attribution_outlet=press.name,
        attribution_raw=f"Theo {press.name}",
        attribution_published_at=timezone.now() - datetime.timedelta(minutes=200),
    )
    _check(copy)  # before its source: nothing yet, the self-produced check waits
    _check(original)
    assert not Finding.objects.exists()
    assert ClusterMember.objects.get(article=copy).attributed
    assert pipeline.check_self_produced(copy) == []


def test_self_produced_only_after_the_grace_period(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    general = f.site()
    item = f.article(f.source(general_site=general), f.OTHER_STORY, minutes_ago=5)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        article_stored.send(sender=Article, article_id=item.pk, edited=False)
    assert not Finding.objects.filter(rule_code="rep-self-produced").exists()
    job = Job.objects.get(kind=SELF_PRODUCED)
    assert job.available_at > timezone.now() + datetime.timedelta(minutes=100)
    Job.objects.filter(pk=job.pk).update(available_at=timezone.now())
    jobs.run(job.pk)
    finding = Finding.objects.get(rule_code="rep-self-produced")
    assert finding.general_site == general and finding.score == 1.0


@override_settings(FINDINGS_SELF_PRODUCED_GRACE_MINUTES=0)
def test_removing_a_source_schedules_the_takedown_check_of_its_copies(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    press, general = _press_and_site()
    original = f.article(f.source(press_agency=press), minutes_ago=400)
    copy = f.article(f.source(general_site=general), minutes_ago=330, url="file:///copy")
    _check(original)
    _check(copy)
    Article.objects.filter(pk=original.pk).update(
        removed_at=timezone.now() - datetime.timedelta(hours=4)
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        article_removed.send(sender=Article, article_id=original.pk, removal_kind="gone")
    job = Job.objects.get(kind=TAKEDOWN, target_id=str(copy.pk))
    Job.objects.filter(pk=job.pk).update(available_at=timezone.now())
    jobs.run(job.pk)
    takedown = Finding.objects.get(rule_code="rep-takedown-nd147")
    assert takedown.figures["still_online"] is True
    assert takedown.sanction_refs == ["nd119-20-4-d"]


def test_claims_repeated_are_findings_refutations_are_not() -> None:
    FalseClaim.objects.create(
        text="Nước giếng khoan ở xã Suối Mây bị nhiễm thạch tín, không được dùng để uống.",
        label=ClaimLabel.FAKE,
        keywords=["giếng khoan", "thạch tín", "Suối Mây"],
        verified_on=datetime.date(2026, 11, 1),
    )
    fanpage = f.source(social_account=f.account())
    rumour = f.article(
        fanpage, "Nghe nói nuoc gieng khoan o Suoi May bi nhiem thach tin, mọi người đừng uống nhé."
    )
    denial = f.article(
        fanpage,
        "UBND xã bác bỏ tin đồn nước giếng khoan ở Suối Mây nhiễm thạch tín: "
        "đây là tin sai sự thật.",
    )
    _check(rumour)
    _check(denial)
    finding = Finding.objects.get(detector=Detector.CLAIMS)
    assert list(finding.evidence_articles()) == [rumour]
    assert finding.social_account is not None and finding.rule_code == "false-claim-social"


def test_a_negative_item_softened_after_publication() -> None:
    press = f.agency()
    text = (
        "Người dân tổ dân phố 3 bức xúc vì rác thải ùn ứ, ô nhiễm nghiêm trọng suốt nhiều ngày. "
        "Nhiều hộ khiếu nại về sai phạm trong việc thu gom nhưng chưa được xử lý."
    )
    item = f.article(
        f.source(press_agency=press), text, title="Rác ùn ứ, dân bức xúc", minutes_ago=180
    )
    ArticleVersion.objects.create(
        article=item,
        fetched_at=item.published_at or timezone.now(),
        content_hash="v1",
        title=item.title,
        text=text,
    )
    milder = "Tổ dân phố 3 ra quân thu gom rác, môi trường được cải thiện, người dân phấn khởi."
    ArticleVersion.objects.create(
        article=item, fetched_at=timezone.now(), content_hash="v2", title="Thu gom rác", text=milder
    )
    Article.objects.filter(pk=item.pk).update(text=milder, edited_at=timezone.now())
    item.refresh_from_db()
    _check(item, edited=True)
    finding = Finding.objects.get(detector=Detector.SOFTENED)
    assert finding.press_agency == press and finding.evidence
