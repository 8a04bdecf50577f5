"""Stories in the database: assignment in the check job, restart, idempotence, pages, alerts."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from analysis import alerting
from analysis.alerting import AlertDraft
from analysis.choices import AlertState, Channel, DeliveryState, RuleKind
from analysis.models import Alert, AlertDelivery, AlertRule
from core.access import Role
from core.models import OutboundEmail
from findings import alert_groups, neardup, pipeline, stories
from findings.models import GroupedAlert, Story, StoryCluster, StoryMember
from findings.tests import factories as f
from monitoring.models import Article

pytestmark = pytest.mark.django_db
MakeUser = Callable[..., User]
Capture = Callable[..., object]

# Fiction written for these tests: three separately written reports of one landslide, one
# unrelated event, and older archive items that give the index its word frequencies.
REPORT_A = (
    "Khoảng 2 giờ sáng 14/9, mưa lớn kéo dài gây sạt lở đất tại thôn Đắk Rơ Moan, xã Quảng Trực, "
    "làm sập hoàn toàn 3 căn nhà của người dân. Trước đó một ngày, chính quyền xã đã di dời 12 hộ "
    "với 47 nhân khẩu đến nơi an toàn nên không có thiệt hại về người. Ông Nguyễn Văn Thịnh, Chủ "
    "tịch UBND xã Quảng Trực, cho biết khối đất đá khoảng 1.500 mét khối còn vùi lấp 80 mét đường "
    "liên thôn. Xã đã huy động dân quân, đoàn viên thanh niên dọn dẹp và cắm biển cảnh báo tại "
    "khu vực nguy hiểm, đồng thời đề nghị tỉnh hỗ trợ kinh phí tái định cư cho các hộ bị ảnh hưởng."
)
REPORT_B = (
    "Mưa to suốt đêm 13 rạng sáng 14/9 khiến một mảng đồi phía sau thôn Đắk Rơ Moan (xã Quảng "
    "Trực) đổ ập xuống, vùi lấp 3 ngôi nhà. Nhờ 12 hộ dân được chính quyền đưa đi tránh trú từ "
    "chiều hôm trước, vụ sạt lở không gây thương vong. Theo Chủ tịch UBND xã Nguyễn Văn Thịnh, ước "
    "tính 1.500 m3 đất đá tràn xuống, cắt đứt tuyến đường liên thôn. Lực lượng quân đội và công an "
    "huyện đã có mặt giúp người dân di chuyển tài sản; địa phương kiến nghị sớm bố trí khu tái "
    "định cư."
)
REPORT_C = (
    "Thôn Đắk Rơ Moan, xã Quảng Trực vẫn ngổn ngang sau vụ sạt lở rạng sáng 14/9 làm 3 căn nhà bị "
    "vùi lấp. Chủ tịch UBND xã Nguyễn Văn Thịnh cho biết 12 hộ dân đã được di dời kịp thời, xã "
    "đang lập danh sách đề nghị hỗ trợ tái định cư và thuê máy múc khơi thông đoạn đường liên thôn "
    "bị 1.500 mét khối đất đá che lấp."
)
UNRELATED = (
    "Chiều 14/9, tại Nhà văn hóa phường Nghĩa Tân diễn ra ngày hội đọc sách dành cho thiếu nhi với "
    "sự tham gia của hơn 300 học sinh tiểu học. Thư viện tỉnh mang đến 2.000 đầu sách, tổ chức thi "
    "kể chuyện theo sách và tặng 150 suất quà cho các em có hoàn cảnh khó khăn. Bà Trần Thị Mai, "
    "Giám đốc Thư viện tỉnh, cho biết đơn vị sẽ đưa xe thư viện lưu động về các xã vùng sâu."
)
ARCHIVE = (
    "Hội đồng nhân dân tỉnh khai mạc kỳ họp chuyên đề, xem xét các nghị quyết về đầu tư công, "
    "phân bổ vốn cho giao thông nông thôn và chính sách hỗ trợ người dân vùng khó khăn.",
    "Công an huyện vừa triệt phá đường dây đánh bạc qua mạng, thu giữ nhiều điện thoại, máy tính "
    "và tiền mặt; các đối tượng đã khai nhận hành vi và đang bị tạm giữ để điều tra.",
    "Giá cà phê nhân xô hôm nay tăng nhẹ, dao động quanh mức cao nhất trong nhiều tháng; nông dân "
    "phấn khởi nhưng vẫn lo chi phí phân bón và nhân công thu hoạch tăng theo.",
    "Sở Y tế khuyến cáo người dân chủ động phòng bệnh sốt xuất huyết trong mùa mưa, diệt lăng "
    "quăng, vệ sinh môi trường và đưa người bệnh đến cơ sở y tế khi có dấu hiệu sốt cao.",
    "Trường trung học phổ thông chuyên của tỉnh tổ chức lễ khai giảng năm học mới, trao học bổng "
    "cho học sinh đạt giải cao trong kỳ thi chọn học sinh giỏi quốc gia.",
    "Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành rà soát thủ tục hành chính, đẩy mạnh dịch vụ công "
    "trực tuyến và giảm thời gian giải quyết hồ sơ cho doanh nghiệp.",
)


@pytest.fixture(autouse=True)
def fresh_indexes() -> Iterator[None]:
    neardup.reset()
    stories.reset()
    yield
    neardup.reset()
    stories.reset()


@pytest.fixture
def archive() -> list[Article]:
    """Older articles (before the 72-hour window): they seed the index's word frequencies."""
    source = f.source()
    return [
        f.article(source, text, title=f"Tin lưu trữ {n}", minutes_ago=60 * 24 * 10 + n)
        for n, text in enumerate(ARCHIVE)
    ]


def _check(article: Article) -> pipeline.CheckResult:
    loaded = pipeline.load(article.pk)
    assert loaded is not None
    return pipeline.check_article(loaded)


def _reports() -> tuple[Article, Article, Article]:
    press = f.source(press_agency=f.agency())
    general = f.source(general_site=f.site())
    other = f.source(press_agency=f.agency("Báo Sáng Thử"))
    a = f.article(
        press, REPORT_A, title="Sạt lở đất vùi lấp 3 căn nhà ở Quảng Trực", minutes_ago=300
    )
    b = f.article(
        general, REPORT_B, title="Quảng Trực: đồi đổ sập, 3 ngôi nhà bị vùi lấp", minutes_ago=180
    )
    unrelated = f.article(
        other, UNRELATED, title="Ngày hội đọc sách cho thiếu nhi", minutes_ago=120
    )
    return a, b, unrelated


def _key(article: Article) -> str:
    return StoryMember.objects.get(article=article).story_key


def test_two_outlets_reports_of_one_event_share_a_story_and_another_event_does_not(
    archive: list[Article],
) -> None:
    a, b, unrelated = _reports()
    results = [_check(item) for item in (a, b, unrelated)]
    assert [r.story_key for r in results] == [f"s-{a.pk}", f"s-{a.pk}", f"s-{unrelated.pk}"]
    assert not StoryCluster.objects.exists()  # rewritten, not copied: no copy cluster
    row = StoryMember.objects.get(article=b)
    assert row.nearest == a and row.similarity >= stories.THRESHOLD
    story = Story.objects.get(key=f"s-{a.pk}")
    assert story.original == a and story.size == 2 and story.outlets == 2
    assert StoryMember.objects.get(article=a).is_original
    assert not StoryMember.objects.get(article=b).is_original


def test_the_original_is_the_earliest_and_licensed_press_wins_a_tie(
    archive: list[Article],
) -> None:
    moment = timezone.now() - datetime.timedelta(hours=3)
    general = f.source(general_site=f.site())
    press = f.source(press_agency=f.agency())
    site_item = f.article(general, REPORT_B, title="Đồi đổ sập ở Quảng Trực", published_at=moment)
    press_item = f.article(press, REPORT_A, title="Sạt lở ở Quảng Trực", published_at=moment)
    _check(site_item)
    _check(press_item)
    story = Story.objects.get(key=f"s-{site_item.pk}")
    assert story.size == 2 and story.original == press_item


def test_keys_survive_a_restart_and_reprocessing_is_idempotent(archive: list[Article]) -> None:
    a, b, unrelated = _reports()
    for item in (a, b, unrelated):
        _check(item)
    before = dict(StoryMember.objects.values_list("article_id", "story_key"))
    rows = StoryMember.objects.count()
    for item in (b, a, unrelated, b):  # again, in another order, same process
        _check(item)
    assert dict(StoryMember.objects.values_list("article_id", "story_key")) == before
    assert StoryMember.objects.count() == rows and Story.objects.count() == 2

    neardup.reset()
    stories.reset()  # a new worker process: the index is rebuilt from the database
    for item in (unrelated, b, a):
        _check(item)
    assert dict(StoryMember.objects.values_list("article_id", "story_key")) == before
    assert StoryMember.objects.count() == rows and Story.objects.count() == 2
    third = f.article(
        f.source(), REPORT_C, title="Quảng Trực khắc phục hậu quả sạt lở", minutes_ago=60
    )
    assert _check(third).story_key == f"s-{a.pk}"  # the restored window still finds the story
    assert Story.objects.get(key=f"s-{a.pk}").size == 3


def test_an_edited_text_keeps_its_story_and_is_reindexed(archive: list[Article]) -> None:
    a, b, _ = _reports()
    _check(a)
    _check(b)
    old_pk = StoryMember.objects.get(article=b).pk
    Article.objects.filter(pk=b.pk).update(
        text=REPORT_B + " Chiều cùng ngày, đường đã thông xe.", content_hash="edited"
    )
    _check(b)
    row = StoryMember.objects.get(article=b)
    assert row.story_key == f"s-{a.pk}" and row.content_hash == "edited" and row.pk != old_pk
    stories.reset()
    assert _check(b).story_key == f"s-{a.pk}"


def test_a_copy_joins_the_story_of_its_copy_cluster(archive: list[Article]) -> None:
    a, b, _ = _reports()
    copy = f.article(
        f.source(general_site=f.site("Tin Nhanh Quảng Trực")),
        REPORT_A,
        title="Sạt lở đất vùi lấp 3 căn nhà",
        minutes_ago=100,
    )
    for item in (a, b, copy):
        _check(item)
    cluster = StoryCluster.objects.get()
    assert cluster.original == a and _key(copy) == f"s-{a.pk}"
    story = Story.objects.get(key=f"s-{a.pk}")
    assert story.size == 3 and story.clusters == 1


def test_the_story_page_shows_both_reports_and_the_copies(
    archive: list[Article], client: Client, make_user: MakeUser
) -> None:
    a, b, unrelated = _reports()
    copy = f.article(f.source(), REPORT_A, title="Bản sao tin sạt lở", minutes_ago=90)
    for item in (a, b, unrelated, copy):
        _check(item)
    story = Story.objects.get(key=f"s-{a.pk}")
    client.force_login(make_user(Role.OFFICER))
    listing = client.get(reverse("findings:cluster_list")).content.decode()
    assert story.get_absolute_url() in listing
    assert "Ngày hội đọc sách" not in listing  # a story of one article is not listed
    page = client.get(story.get_absolute_url()).content.decode()
    for item in (a, b, copy):
        assert item.title in page
    assert "Ngày hội đọc sách" not in page
    assert StoryCluster.objects.get().get_absolute_url() in page
    cluster_page = client.get(StoryCluster.objects.get().get_absolute_url()).content.decode()
    assert story.get_absolute_url() in cluster_page
    client.force_login(make_user(Role.UNIT_LIAISON))
    assert client.get(story.get_absolute_url()).status_code == 403


def _rule(user: User) -> AlertRule:
    rule = AlertRule.objects.create(
        name="Tin tiêu cực thử",
        kind=RuleKind.NEGATIVE_ABOUT_PROVINCE,
        channels=[Channel.INBOX, Channel.EMAIL],
    )
    rule.users.add(user)
    return rule


def _raise(rule: AlertRule, article: Article, user: User) -> Alert:
    draft = AlertDraft(alerting.story_key(article), article.title, [], article.pk)
    (alert,) = alerting.raise_alerts(rule, draft, [user])
    return alert


def test_alerts_about_two_reports_of_one_story_become_one_alert(
    archive: list[Article], make_user: MakeUser
) -> None:
    officer = make_user(Role.OFFICER, email="canbo@so.example.vn")
    other = make_user(Role.OFFICER, email="lanhdao@so.example.vn")
    rule = _rule(officer)
    a, b, unrelated = _reports()
    first, second = _raise(rule, a, officer), _raise(rule, b, officer)
    elsewhere = _raise(rule, unrelated, officer)
    someone_else = _raise(rule, b, other)  # another person keeps their own alert
    for item in (a, b, unrelated):
        _check(item)
    new = Alert.objects.filter(user=officer, state=AlertState.NEW)
    assert set(new) == {first, elsewhere}
    assert Alert.objects.get(pk=second.pk).state == AlertState.MUTED
    assert Alert.objects.get(pk=second.pk).grouped_into == first  # shown under the first alert
    assert list(first.grouped.all()) == [second]
    assert Alert.objects.get(pk=someone_else.pk).state == AlertState.NEW
    grouped = GroupedAlert.objects.get()
    assert (grouped.alert, grouped.lead, grouped.story_key) == (second, first, f"s-{a.pk}")
    assert alert_groups.grouped_into(first) == [second]
    assert not AlertDelivery.objects.filter(alerts=second).exists()  # its e-mail is cancelled
    assert AlertDelivery.objects.get(alerts=first).state == DeliveryState.PENDING
    for item in (b, a):  # again: nothing changes
        _check(item)
    assert GroupedAlert.objects.count() == 1 and new.count() == 2


def test_an_alert_raised_after_the_story_is_known_is_grouped_before_its_e_mail(
    archive: list[Article], make_user: MakeUser, django_capture_on_commit_callbacks: Capture
) -> None:
    officer = make_user(Role.OFFICER, email="canbo@so.example.vn")
    rule = _rule(officer)
    a, b, _ = _reports()
    _check(a)
    _check(b)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        first = _raise(rule, a, officer)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        second = _raise(rule, b, officer)
    assert Alert.objects.get(pk=second.pk).state == AlertState.MUTED
    assert GroupedAlert.objects.get().lead == first
    assert OutboundEmail.objects.count() == 1  # the first alert's e-mail only
