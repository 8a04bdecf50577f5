"""Pages and API of the findings app: every view checks its capability; reviews are stored."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from core.access import Role
from findings import store
from findings.choices import ClaimLabel, Detector, FindingStatus
from findings.engine.rules import make_hit, rule
from findings.models import ClusterMember, FalseClaim, Finding, Story, StoryCluster, StoryMember
from findings.subjects import subject_of
from findings.tests import factories as f
from registry.models import SanctionRule

pytestmark = pytest.mark.django_db
Login = Callable[[Role], User]
MakeUser = Callable[..., User]

VIEWERS = {Role.ADMIN, Role.OFFICER, Role.LEADER, Role.POLICE_LIAISON}
REVIEWERS = {Role.ADMIN, Role.OFFICER, Role.LEADER}


def _finding(detector_rule: str = "rep-agreement-nd147", key: str = "k1") -> Finding:
    general = f.site()
    source = f.source(general_site=general)
    item = f.article(source)
    hit = make_hit(
        rule(detector_rule),
        f"article:{item.pk}",
        passed=False,
        score=1.0,
        template="No written agreement with %(source)s",
        params={"source": "Báo Bình Minh Thử"},
        evidence=("footer: Tòa soạn",),
        figures={"similarity": 0.97},
    )
    return store.record(
        hit,
        dedup_key=key,
        subject=subject_of(source),
        occurred_at=item.published_at,
        items=[store.evidence(item)],
    )


Page = tuple[str, list[int], set[Role]]


def _pages(finding: Finding, cluster: StoryCluster, claim: FalseClaim) -> list[Page]:
    return [
        ("findings:finding_list", [], VIEWERS),
        ("findings:cluster_list", [], VIEWERS),
        ("findings:cluster_detail", [cluster.pk], VIEWERS),
        ("findings:story_detail", [_story(cluster).pk], VIEWERS),
        ("findings:syndication", [], VIEWERS),
        ("findings:claim_list", [], REVIEWERS),
        ("findings:claim_create", [], REVIEWERS),
        ("findings:claim_edit", [claim.pk], REVIEWERS),
        ("findings:finding_detail", [finding.pk], REVIEWERS),  # police: only claims findings
    ]


def _cluster() -> StoryCluster:
    press = f.agency()
    original = f.article(f.source(press_agency=press))
    cluster = StoryCluster.objects.create(key="c-test", original=original, size=1, outlets=1)
    ClusterMember.objects.create(article=original, cluster=cluster, is_original=True)
    return cluster


def _story(cluster: StoryCluster) -> Story:
    assert cluster.original is not None
    story = Story.objects.create(key="s-test", original=cluster.original, size=1, outlets=1)
    StoryMember.objects.create(
        article=cluster.original,
        story_key=story.key,
        published_at=datetime.datetime.now(datetime.UTC),
        is_original=True,
    )
    return story


def _claim() -> FalseClaim:
    return FalseClaim.objects.create(
        text="Tin đồn thử nghiệm", label=ClaimLabel.FAKE, verified_on=datetime.date(2026, 1, 1)
    )


@pytest.mark.parametrize("role", list(Role))
def test_role_page_matrix(role: Role, client: Client, make_user: MakeUser) -> None:
    finding, cluster, claim = _finding(), _cluster(), _claim()
    client.force_login(make_user(role))
    for name, args, allowed in _pages(finding, cluster, claim):
        status = client.get(reverse(name, args=args)).status_code
        hidden = name == "findings:finding_detail" and role == Role.POLICE_LIAISON
        expected = 404 if hidden else (200 if role in allowed else 403)
        assert status == expected, (name, role, status)
    review = client.post(reverse("findings:finding_review", args=[finding.pk]), {"decision": "x"})
    assert review.status_code == (302 if role in REVIEWERS else 403), role


def test_the_police_liaison_sees_false_claim_findings_only(client: Client, login: Login) -> None:
    other = _finding()
    claim_hit = make_hit(
        rule("false-claim-social"),
        "article:1",
        passed=False,
        score=0.8,
        template="Repeats claim %(claim)s verified as %(label)s (similarity %(similarity)s)",
        params={"claim": "1", "label": "tin_gia", "similarity": 0.8},
    )
    claims = store.record(claim_hit, dedup_key="c", subject=None, occurred_at=None)
    login(Role.POLICE_LIAISON)
    page = client.get(reverse("findings:finding_list")).content.decode()
    assert claims.title in page and other.title not in page
    assert client.get(reverse("findings:finding_detail", args=[claims.pk])).status_code == 200


def test_detail_shows_rule_and_marks_uncertain_sanction_rows(client: Client, login: Login) -> None:
    SanctionRule.objects.create(
        code="nd119-20-no-consent",
        version="2026-11",
        decree="119/2020/NĐ-CP",
        article="20",
        violation="Đăng lại tin không có thỏa thuận",
        confidence="U",
        fine_min=10_000_000,
        fine_max=20_000_000,
    )
    finding = _finding()
    login(Role.OFFICER)
    page = client.get(finding.get_absolute_url()).content.decode()
    assert "NĐ 147/2024" in page or finding.rule["legal_basis"] in page
    assert "Đăng lại tin không có thỏa thuận" in page
    assert "10000000" not in page  # an UNCERTAIN row's fine is not presented
    assert "/cases/new/?finding=" in page
    assert "footer: Tòa soạn" in page


def test_review_by_htmx_and_precision_per_detector(client: Client, login: Login) -> None:
    first, second = _finding(key="a"), _finding(key="b")
    officer = login(Role.OFFICER)
    url = reverse("findings:finding_review", args=[first.pk])
    response = client.post(url, {"decision": "confirmed", "note": "Đúng"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b"<html" not in response.content
    client.post(reverse("findings:finding_review", args=[second.pk]), {"decision": "rejected"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == FindingStatus.CONFIRMED and first.reviewed_by == officer
    assert first.review_note == "Đúng" and second.status == FindingStatus.REJECTED
    response = client.get(reverse("findings:finding_list"))
    stats = {s.detector: s for s in response.context["stats"]}
    assert stats[Detector.REPUBLICATION].precision == 0.5
    filtered = client.get(reverse("findings:finding_list"), {"status": "confirmed"})
    assert list(filtered.context["page"]) == [first]
    # a reviewed finding is left as reviewed when its check runs again
    again = _finding(key="a")
    assert again.pk == first.pk and again.status == FindingStatus.CONFIRMED


def test_claim_register_create_scan_and_deactivate(
    client: Client, login: Login, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    fanpage = f.source(social_account=f.account())
    post = f.article(fanpage, "Bà con ơi, cầu treo Suối Mây sắp sập, cấm qua lại từ mai nha.")
    login(Role.OFFICER)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        response = client.post(
            reverse("findings:claim_create"),
            {
                "text": "Cầu treo Suối Mây sắp sập, cấm qua lại.",
                "label": ClaimLabel.FALSE,
                "keywords": "cầu treo, Suối Mây\nsắp sập",
                "verified_on": "2026-11-20",
                "source_note": "Sở Xây dựng kiểm tra: cầu an toàn.",
                "active": "on",
            },
        )
    assert response.status_code == 302
    claim = FalseClaim.objects.get(text__startswith="Cầu treo")
    assert claim.keywords == ["cầu treo", "Suối Mây", "sắp sập"]
    finding = Finding.objects.get(detector=Detector.CLAIMS)
    assert list(finding.evidence_articles()) == [post]
    client.post(reverse("findings:claim_deactivate", args=[claim.pk]))
    claim.refresh_from_db()
    assert not claim.active


@pytest.mark.urls("findings.tests.api_urls")
def test_api_lists_and_reviews_with_capabilities(make_user: MakeUser) -> None:
    finding = _finding()
    api = APIClient()
    api.force_authenticate(make_user(Role.UNIT_LIAISON))
    assert api.get("/api/v1/findings/").status_code == 403
    api.force_authenticate(make_user(Role.POLICE_LIAISON))
    assert api.get("/api/v1/findings/").json()["count"] == 0
    assert api.post(f"/api/v1/findings/{finding.pk}/review/", {}).status_code == 403
    api.force_authenticate(make_user(Role.OFFICER))
    listed = api.get("/api/v1/findings/", {"detector": "republication"}).json()
    assert listed["count"] == 1 and listed["results"][0]["explanation"]
    response = api.post(
        f"/api/v1/findings/{finding.pk}/review/", {"decision": "rejected", "note": "Có thỏa thuận"}
    )
    assert response.status_code == 200 and response.json()["status"] == "rejected"
