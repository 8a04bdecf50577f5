"""Pages and API of the analysis app: every view checks its capability; inboxes are private."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Sector, User
from analysis.choices import AlertState, Channel, CorrectionField, RuleKind, ToneLabel
from analysis.models import Alert, AlertRule, Correction, LexiconEntry, RuleMute, Topic
from analysis.tests.factories import make_analysis, make_article, make_rule
from core.access import Role

pytestmark = pytest.mark.django_db
Login = Callable[[Role], User]
MakeUser = Callable[..., User]

#: (url name, args, who may open it)
OFFICE_AND_LIAISONS = {
    Role.ADMIN,
    Role.OFFICER,
    Role.LEADER,
    Role.UNIT_LIAISON,
    Role.POLICE_LIAISON,
}
MONITORING = {Role.ADMIN, Role.OFFICER, Role.LEADER, Role.POLICE_LIAISON}
MANAGERS = {Role.ADMIN, Role.OFFICER}


def _pages(article_id: int, topic_id: int, rule_id: int) -> list[tuple[str, list[int], set[Role]]]:
    return [
        ("analysis:inbox", [], OFFICE_AND_LIAISONS),
        ("analysis:overview", [], MONITORING),
        ("analysis:article_tags", [article_id], MONITORING),
        ("analysis:topic_list", [], MANAGERS),
        ("analysis:topic_create", [], MANAGERS),
        ("analysis:topic_preview", [], MANAGERS),
        ("analysis:topic_detail", [topic_id], MANAGERS),
        ("analysis:topic_edit", [topic_id], MANAGERS),
        ("analysis:rule_list", [], MANAGERS),
        ("analysis:rule_create", [], MANAGERS),
        ("analysis:rule_edit", [rule_id], MANAGERS),
        ("analysis:lexicon", [], MANAGERS),
    ]


@pytest.mark.parametrize("role", list(Role))
def test_role_page_matrix(role: Role, client: Client, make_user: MakeUser) -> None:
    article = make_article("Sạt lở ở Gia Nghĩa")
    make_analysis(article)
    topic = Topic.objects.create(name="Sạt lở", query='"sạt lở"')
    rule = make_rule()
    client.force_login(make_user(role))
    for name, args, allowed in _pages(article.pk, topic.pk, rule.pk):
        status = client.get(reverse(name, args=args)).status_code
        assert status == (200 if role in allowed else 403), (name, role, status)


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("analysis:inbox"))
    assert response.status_code == 302 and "login" in response["Location"]


def _alert(user: User, title: str = "Sạt lở", rule: AlertRule | None = None) -> Alert:
    rule = rule or make_rule()
    return Alert.objects.create(rule=rule, user=user, story_key=f"article:{title}", title=title)


def test_a_liaison_sees_only_own_alerts(client: Client, login: Login, make_user: MakeUser) -> None:
    me = login(Role.UNIT_LIAISON)
    other = make_user(Role.UNIT_LIAISON)
    mine = _alert(me, "Tin của tôi")
    theirs = _alert(other, "Tin của đơn vị khác")
    page = client.get(reverse("analysis:inbox")).content.decode()
    assert "Tin của tôi" in page and "Tin của đơn vị khác" not in page
    assert client.get(reverse("analysis:alert_detail", args=[mine.pk])).status_code == 200
    for name in ("alert_detail",):
        assert client.get(reverse(f"analysis:{name}", args=[theirs.pk])).status_code == 404
    for name in ("alert_acknowledge", "alert_mute", "alert_assign"):
        url = reverse(f"analysis:{name}", args=[theirs.pk])
        assert client.post(url, {"hours": 2}).status_code == 404
    client.post(reverse("analysis:inbox_acknowledge"), {"alert": [mine.pk, theirs.pk]})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.state == AlertState.ACKNOWLEDGED and mine.acknowledged_at is not None
    assert theirs.state == AlertState.NEW


def test_inbox_actions(client: Client, login: Login, make_user: MakeUser) -> None:
    me = login(Role.OFFICER)
    colleague = make_user(Role.LEADER)
    alert = _alert(me)
    client.post(reverse("analysis:alert_assign", args=[alert.pk]), {"assignee": colleague.pk})
    alert.refresh_from_db()
    assert alert.state == AlertState.ASSIGNED and alert.assigned_to == colleague
    client.post(reverse("analysis:alert_mute", args=[alert.pk]), {"hours": 4})
    alert.refresh_from_db()
    assert alert.state == AlertState.MUTED
    assert RuleMute.objects.get().user == me
    filtered = client.get(reverse("analysis:inbox"), {"state": "new"}).content.decode()
    assert "Sạt lở" not in filtered


def test_a_liaison_can_assign_only_within_the_unit(
    client: Client, login: Login, make_user: MakeUser
) -> None:
    me = login(Role.UNIT_LIAISON)
    stranger = make_user(Role.UNIT_LIAISON)
    alert = _alert(me)
    client.post(reverse("analysis:alert_assign", args=[alert.pk]), {"assignee": stranger.pk})
    alert.refresh_from_db()
    assert alert.assigned_to is None


def test_topic_editor_saves_and_syncs_the_alert_rule(client: Client, login: Login) -> None:
    officer = login(Role.OFFICER)
    response = client.post(
        reverse("analysis:topic_create"),
        {
            "name": "Cháy rừng",
            "query": '"cháy rừng" OR "hỏa hoạn"',
            "active": "on",
            "alert_on_match": "on",
        },
    )
    topic = Topic.objects.get()
    assert response.status_code == 302 and topic.owner == officer
    rule = AlertRule.objects.get(topic=topic)
    assert rule.kind == RuleKind.TOPIC_MATCH and list(rule.users.all()) == [officer]
    bad = client.post(reverse("analysis:topic_create"), {"name": "Sai", "query": '"cháy'})
    assert bad.status_code == 400 and Topic.objects.count() == 1


def test_preview_shows_matches_or_the_error_position(client: Client, login: Login) -> None:
    login(Role.OFFICER)
    article = make_article("Cháy rừng ở Tuy Đức", "Kiểm lâm dập lửa.")
    from monitoring.search import index_article

    index_article(article)
    url = reverse("analysis:topic_preview")
    page = client.get(url, {"query": "cháy AND rừng"}).content.decode()
    assert "Cháy rừng ở Tuy Đức" in page
    error = client.get(url, {"query": "cháy AND (rừng"}).content.decode()
    assert "<mark>(</mark>" in error and 'role="alert"' in error


def test_tags_panel_and_corrections(client: Client, login: Login) -> None:
    login(Role.OFFICER)
    Sector.objects.update_or_create(code="xay_dung", defaults={"name": "Xây dựng", "name_en": "C"})
    article = make_article("Sạt lở")
    make_analysis(article, localities=["lam-dong/bac-gia-nghia"])
    panel = client.get(reverse("analysis:article_tags", args=[article.pk])).content.decode()
    assert "Bắc Gia Nghĩa" in panel and 'id="article-tags"' in panel
    url = reverse("analysis:article_correct", args=[article.pk, "tone"])
    response = client.post(url, {"tone": ToneLabel.NEUTRAL}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="article-tags"' in response.content.decode()
    client.post(
        reverse("analysis:article_correct", args=[article.pk, "sectors"]), {"sector": "xay_dung"}
    )
    client.post(
        reverse("analysis:article_correct", args=[article.pk, "about_province"]),
        {"about_province": "0"},
    )
    article.analysis.refresh_from_db()
    assert article.analysis.tone == ToneLabel.NEUTRAL
    assert article.analysis.sectors[0] == "xay_dung" and article.analysis.about_province is False
    assert [c.field for c in Correction.objects.order_by("pk")] == [
        CorrectionField.TONE,
        CorrectionField.SECTORS,
        CorrectionField.ABOUT_PROVINCE,
    ]


def test_leaders_cannot_correct_tags(client: Client, login: Login) -> None:
    login(Role.LEADER)
    article = make_article("Sạt lở")
    make_analysis(article)
    url = reverse("analysis:article_correct", args=[article.pk, "tone"])
    assert client.post(url, {"tone": ToneLabel.NEUTRAL}).status_code == 403


def test_rule_and_lexicon_editors(client: Client, login: Login) -> None:
    login(Role.OFFICER)
    response = client.post(
        reverse("analysis:rule_create"),
        {
            "name": "Webhook",
            "kind": RuleKind.NEGATIVE_ABOUT_PROVINCE,
            "channels": ["webhook"],
            "batching": "immediate",
            "webhook_url": "",
            "active": "on",
        },
    )
    assert response.status_code == 400  # the webhook channel needs an address
    response = client.post(
        reverse("analysis:rule_create"),
        {
            "name": "Webhook",
            "kind": RuleKind.NEGATIVE_ABOUT_PROVINCE,
            "channels": [Channel.INBOX, Channel.WEBHOOK],
            "batching": "hourly",
            "webhook_url": "https://hook.example.vn/in",
            "webhook_secret": "s3",
            "active": "on",
        },
    )
    assert response.status_code == 302
    rule = AlertRule.objects.get()
    assert rule.channels == ["inbox", "webhook"] and rule.webhook_secret == "s3"
    client.post(
        reverse("analysis:rule_edit", args=[rule.pk]),
        {
            "name": "Webhook 2",
            "kind": rule.kind,
            "channels": ["webhook"],
            "batching": "daily",
            "webhook_url": rule.webhook_url,
            "active": "on",
        },
    )
    rule.refresh_from_db()
    assert rule.name == "Webhook 2" and rule.webhook_secret == "s3"  # kept when left empty
    client.post(
        reverse("analysis:lexicon"),
        {"kind": "tone_negative", "term": "ngập úng", "weight": "1.5", "active": "on"},
    )
    entry = LexiconEntry.objects.get()
    client.post(reverse("analysis:lexicon_toggle", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.active is False
    assert "ngập úng" in client.get(reverse("analysis:lexicon")).content.decode()


def test_overview_draws_an_svg_with_a_table(client: Client, login: Login) -> None:
    login(Role.LEADER)
    article = make_article("Sạt lở")
    make_analysis(article, localities=["lam-dong/bac-gia-nghia"])
    page = client.get(reverse("analysis:overview"), {"days": 7}).content.decode()
    assert "<svg" in page and "<table" in page and "Bắc Gia Nghĩa" in page


@pytest.mark.urls("analysis.tests.api_urls")
def test_api_inbox_is_the_token_users_own(make_user: MakeUser) -> None:
    me = make_user(Role.POLICE_LIAISON)
    other = make_user(Role.OFFICER)
    mine = _alert(me, "Của tôi")
    theirs = _alert(other, "Của người khác")
    api = APIClient()
    api.force_authenticate(me)
    listed = api.get("/api/v1/analysis/alerts/").json()
    assert [a["id"] for a in listed["results"]] == [mine.pk]
    assert api.get(f"/api/v1/analysis/alerts/{theirs.pk}/").status_code == 404
    assert api.post(f"/api/v1/analysis/alerts/{theirs.pk}/acknowledge/").status_code == 404
    done = api.post(
        "/api/v1/analysis/alerts/acknowledge/", {"ids": [mine.pk, theirs.pk]}, format="json"
    )
    assert done.json() == {"acknowledged": 1}


@pytest.mark.urls("analysis.tests.api_urls")
def test_api_topics_need_manage_analysis(make_user: MakeUser) -> None:
    api = APIClient()
    api.force_authenticate(make_user(Role.LEADER))
    assert api.get("/api/v1/analysis/topics/").status_code == 403
    api.force_authenticate(make_user(Role.OFFICER))
    bad = api.post("/api/v1/analysis/topics/", {"name": "x", "query": "a AND"}, format="json")
    assert bad.status_code == 400 and "query" in bad.json()
    made = api.post("/api/v1/analysis/topics/", {"name": "Lũ", "query": '"lũ quét"'}, format="json")
    assert made.status_code == 201
    topic_id = made.json()["id"]
    assert (
        api.patch(
            f"/api/v1/analysis/topics/{topic_id}/", {"active": False}, format="json"
        ).status_code
        == 200
    )
    assert api.delete(f"/api/v1/analysis/topics/{topic_id}/").status_code == 204
