"""The semiannual review of resident reporters: services and pages."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from core.access import Role
from core.models import ObjectChange
from registry import reviews
from registry.choices import AgencyLevel, RecordStatus, ReviewOutcome, ReviewStatus
from registry.models import PressAgency, ReporterEvaluation, ResidentReporter, ReviewCycle

pytestmark = pytest.mark.django_db

START, END = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)
TODAY = datetime.date(2025, 7, 15)


def _agency(name: str = "Báo Thử Nghiệm") -> PressAgency:
    return PressAgency.objects.create(name=name, level=AgencyLevel.CENTRAL, published=True)


def _reporter(name: str, agency: PressAgency, **fields: object) -> ResidentReporter:
    return ResidentReporter.objects.create(full_name=name, agency=agency, published=True, **fields)


def _grade(cycle: ReviewCycle, outcome: str = ReviewOutcome.MEETS) -> None:
    for evaluation in cycle.evaluations.all():
        evaluation.outcome = outcome
        evaluation.save()


# --- services ------------------------------------------------------------------------------------
def test_opening_creates_evaluations_for_active_reporters_only() -> None:
    agency = _agency()
    active = _reporter("Trần Thị Hoạt Động", agency)
    _reporter("Lê Văn Tạm Dừng", agency, status=RecordStatus.SUSPENDED)
    _reporter("Phạm Văn Đã Nghỉ", agency, status=RecordStatus.CLOSED)

    cycle = reviews.open_cycle("Rà soát 6 tháng đầu năm 2025", START, END)

    assert cycle.status == ReviewStatus.OPEN
    assert [e.reporter for e in cycle.evaluations.all()] == [active]


def test_opening_refuses_a_period_that_ends_before_it_starts() -> None:
    with pytest.raises(reviews.ReviewError):
        reviews.open_cycle("Sai kỳ", END, START)
    assert not ReviewCycle.objects.exists()


def test_close_is_refused_while_an_outcome_is_missing_and_names_the_reporters() -> None:
    agency = _agency()
    _reporter("Nguyễn Văn Đã Chấm", agency)
    _reporter("Hoàng Thị Chưa Chấm", agency)
    cycle = reviews.open_cycle("Kỳ 1/2025", START, END)
    graded = cycle.evaluations.get(reporter__full_name="Nguyễn Văn Đã Chấm")
    graded.outcome = ReviewOutcome.MEETS
    graded.save()

    with pytest.raises(reviews.ReviewError) as refused:
        reviews.close_cycle(cycle, TODAY)

    assert "Hoàng Thị Chưa Chấm" in str(refused.value)
    assert "Nguyễn Văn Đã Chấm" not in str(refused.value)
    cycle.refresh_from_db()
    assert cycle.status == ReviewStatus.OPEN
    assert cycle.closed_on is None


def test_publish_needs_a_closed_cycle_and_sets_the_date() -> None:
    _reporter("Đỗ Văn Một", _agency())
    cycle = reviews.open_cycle("Kỳ 1/2025", START, END)
    with pytest.raises(reviews.ReviewError):
        reviews.publish_cycle(cycle, TODAY)
    _grade(cycle)

    closed = reviews.close_cycle(cycle, TODAY)
    published = reviews.publish_cycle(closed, TODAY)

    assert (closed.closed_on, published.status) == (TODAY, ReviewStatus.PUBLISHED)
    assert published.published_on == TODAY
    assert reviews.latest_published() == published
    with pytest.raises(reviews.ReviewError):
        reviews.reopen_cycle(published)


def test_a_closed_cycle_can_be_reopened_for_a_correction() -> None:
    _reporter("Đỗ Văn Hai", _agency())
    cycle = reviews.open_cycle("Kỳ 1/2025", START, END)
    _grade(cycle)
    reviews.close_cycle(cycle, TODAY)

    reopened = reviews.reopen_cycle(cycle)

    assert (reopened.status, reopened.closed_on) == (ReviewStatus.OPEN, None)


def test_review_changes_are_audited() -> None:
    _reporter("Vũ Thị Kiểm Toán", _agency())
    cycle = reviews.open_cycle("Kỳ 1/2025", START, END)
    _grade(cycle)
    reviews.close_cycle(cycle, TODAY)

    actions = [change.action for change in cycle.changes().order_by("pk")]
    assert actions == ["create", "update"]
    evaluation = cycle.evaluations.get()
    assert ObjectChange.objects.filter(object_id=str(evaluation.pk)).count() >= 2


# --- pages ---------------------------------------------------------------------------------------
def test_an_officer_runs_a_whole_review(client: Client, login: Callable[[Role], User]) -> None:
    login(Role.OFFICER)
    _reporter("Bùi Văn Thường Trú", _agency())
    assert client.get(reverse("registry:reviewcycle_list")).status_code == 200
    assert client.get(reverse("registry:reviewcycle_create")).status_code == 200

    response = client.post(
        reverse("registry:reviewcycle_create"),
        {"title": "Kỳ 6 tháng đầu 2025", "period_start": "2025-01-01", "period_end": "2025-06-30"},
    )
    cycle = ReviewCycle.objects.get()
    assert response.status_code == 302
    assert response["Location"] == cycle.get_absolute_url()
    evaluation = cycle.evaluations.get()
    detail = client.get(cycle.get_absolute_url())
    assert detail.status_code == 200
    assert "Bùi Văn Thường Trú" in detail.content.decode()

    edit_url = reverse("registry:evaluation_edit", args=[evaluation.pk])
    assert client.get(edit_url).status_code == 200
    client.post(
        edit_url,
        {"activity": "Đưa tin đúng tôn chỉ", "violations": "", "outcome": "meets", "note": ""},
    )
    evaluation.refresh_from_db()
    assert evaluation.outcome == ReviewOutcome.MEETS

    client.post(reverse("registry:reviewcycle_close", args=[cycle.pk]))
    client.post(reverse("registry:reviewcycle_publish", args=[cycle.pk]))
    cycle.refresh_from_db()
    assert cycle.status == ReviewStatus.PUBLISHED
    assert cycle.published_on is not None
    assert cycle.changes().filter(user__role=Role.OFFICER).exists()


def test_close_page_reports_the_reporters_without_outcome(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    _reporter("Mai Thị Thiếu Kết Quả", _agency())
    cycle = reviews.open_cycle("Kỳ 1/2025", START, END)

    response = client.post(reverse("registry:reviewcycle_close", args=[cycle.pk]), follow=True)

    shown = [str(message) for message in response.context["messages"]]
    assert any("Mai Thị Thiếu Kết Quả" in message for message in shown)
    cycle.refresh_from_db()
    assert cycle.status == ReviewStatus.OPEN


def test_publishing_puts_the_review_on_the_public_page(
    client: Client, login: Callable[[Role], User]
) -> None:
    _reporter("Lý Văn Công Khai", _agency("Báo Công Khai"))
    cycle = reviews.open_cycle("Kỳ công khai 2025", START, END)
    _grade(cycle)
    reviews.close_cycle(cycle, TODAY)
    assert "Lý Văn Công Khai" not in client.get(reverse("public:review")).content.decode()

    login(Role.OFFICER)
    client.post(reverse("registry:reviewcycle_publish", args=[cycle.pk]))
    client.logout()

    page = client.get(reverse("public:review")).content.decode()
    assert "Kỳ công khai 2025" in page
    assert "Lý Văn Công Khai" in page
    assert "Báo Công Khai" in page


def test_evaluations_of_a_closed_review_cannot_be_edited(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    _reporter("Kha Văn Khoá", _agency())
    cycle = reviews.open_cycle("Kỳ 1/2025", START, END)
    _grade(cycle)
    reviews.close_cycle(cycle, TODAY)
    evaluation = cycle.evaluations.get()

    response = client.post(
        reverse("registry:evaluation_edit", args=[evaluation.pk]),
        {"activity": "", "violations": "", "outcome": "stopped", "note": ""},
    )

    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.outcome == ReviewOutcome.MEETS


def test_inline_editing_with_htmx_returns_the_row(
    client: Client, login: Callable[[Role], User]
) -> None:
    login(Role.OFFICER)
    _reporter("Tạ Văn Nội Tuyến", _agency())
    evaluation = reviews.open_cycle("Kỳ 1/2025", START, END).evaluations.get()
    url = reverse("registry:evaluation_edit", args=[evaluation.pk])
    headers = {"HX-Request": "true", "HX-Target": f"evaluation-{evaluation.pk}"}

    form = client.get(url, headers=headers)
    saved = client.post(
        url, {"activity": "", "violations": "", "outcome": "reminded", "note": ""}, headers=headers
    )

    assert form.status_code == 200
    assert "<form" in form.content.decode()
    assert "<html" not in form.content.decode()
    assert saved.status_code == 200
    assert f'id="evaluation-{evaluation.pk}"' in saved.content.decode()
    assert ReporterEvaluation.objects.get(pk=evaluation.pk).outcome == ReviewOutcome.REMINDED


def test_a_unit_liaison_is_refused_every_review_page(
    client: Client, login: Callable[[Role], User]
) -> None:
    _reporter("Hà Văn Bảo Mật", _agency())
    cycle = reviews.open_cycle("Kỳ 1/2025", START, END)
    evaluation = cycle.evaluations.get()
    login(Role.UNIT_LIAISON)

    gets = [
        reverse("registry:reviewcycle_list"),
        reverse("registry:reviewcycle_create"),
        cycle.get_absolute_url(),
        reverse("registry:evaluation_edit", args=[evaluation.pk]),
    ]
    posts = [
        reverse(f"registry:reviewcycle_{step}", args=[cycle.pk])
        for step in ("close", "reopen", "publish")
    ]
    assert [client.get(url).status_code for url in gets] == [403] * len(gets)
    assert [client.post(url).status_code for url in posts] == [403] * len(posts)
    assert client.post(reverse("registry:reviewcycle_create"), {}).status_code == 403
    assert ReviewCycle.objects.count() == 1


def test_a_leader_reads_reviews_but_cannot_change_them(
    client: Client, login: Callable[[Role], User]
) -> None:
    _reporter("Tôn Văn Lãnh Đạo", _agency())
    cycle = reviews.open_cycle("Kỳ 1/2025", START, END)
    login(Role.LEADER)

    assert client.get(cycle.get_absolute_url()).status_code == 200
    assert client.post(reverse("registry:reviewcycle_close", args=[cycle.pk])).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("registry:reviewcycle_list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
