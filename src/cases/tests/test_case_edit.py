"""Editing a case after it is opened: title, summary, sector, urgency, subjects and linked
articles change under MANAGE_CASES, each change in the audit trail and on the timeline; a case
in a final state is not edited (the workflow table has no step out of one)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from accounts.models import Sector
from cases import services
from cases.choices import CaseState, Urgency
from cases.models import Case
from cases.tests.helpers import open_case, set_state, user
from core.access import Role
from core.models import ObjectChange
from monitoring.models import Article, Source

pytestmark = pytest.mark.django_db


def _articles() -> tuple[Article, Article, Article]:
    source = Source.objects.create(name="Báo minh họa", url="http://127.0.0.1/")
    made = [
        Article.objects.create(
            source=source, url=f"http://127.0.0.1/tin/{i}", url_key=f"127.0.0.1/tin/{i}", title=t
        )
        for i, t in enumerate(("Tin một", "Tin hai", "Tin ba"))
    ]
    return made[0], made[1], made[2]


def test_an_officer_edits_an_open_case_and_every_change_is_logged(client: Client) -> None:
    officer = user(Role.OFFICER)
    first, second, third = _articles()
    case = open_case(officer, articles=[first, second])
    sector, _ = Sector.objects.get_or_create(
        code="y_te", defaults={"name": "Y tế", "name_en": "Health"}
    )
    client.force_login(officer)
    assert client.get(f"/cases/{case.pk}/edit/").status_code == 200
    form = {
        "title": "Tin sai sự thật về nước máy",
        "summary": "Đã xác định trang đăng đầu tiên.",
        "urgency": Urgency.URGENT,
        "sector": sector.pk,
        "subject_text": "Trang “Chợ Gia Nghĩa Online”",
        "persons": "Nguyễn Văn Bình\nLê Thị Hoa",
        "linked": [first.pk],  # second is unlinked
        "add_articles": f"{third.pk}\n",
        "comment": "bổ sung thông tin",
    }
    assert client.post(f"/cases/{case.pk}/edit/", form).status_code == 302
    case.refresh_from_db()
    assert case.title == "Tin sai sự thật về nước máy" and case.urgency == Urgency.URGENT
    assert case.sector == sector and case.persons == ["Nguyễn Văn Bình", "Lê Thị Hoa"]
    assert case.subject_text == "Trang “Chợ Gia Nghĩa Online”"
    assert set(case.articles.all()) == {first, third}
    assert case.state == CaseState.RECEIVED  # the state changes only through the workflow

    logged = ObjectChange.objects.filter(object_id=str(case.pk), comment="bổ sung thông tin")
    fields = {f for change in logged for f in change.changed_fields}
    assert {"title", "summary", "urgency", "sector", "persons", "subject_text"} <= fields
    assert "articles" in fields and all(change.user == officer for change in logged)
    event = case.events.get(action="edited")
    assert "title" in event.comment and "articles" in event.comment and event.actor == officer

    # an article given by its address; an unknown one is refused with the line
    form.update(linked=[first.pk, third.pk], add_articles=second.url, comment="")
    assert client.post(f"/cases/{case.pk}/edit/", form).status_code == 302
    assert set(case.articles.all()) == {first, second, third}
    form["add_articles"] = "http://127.0.0.1/khong-co"
    response = client.post(f"/cases/{case.pk}/edit/", form)
    assert response.status_code == 400 and "khong-co" in response.content.decode()


@pytest.mark.parametrize("state", [CaseState.CLOSED, CaseState.REJECTED, CaseState.REFERRED])
def test_a_case_in_a_final_state_is_not_edited(client: Client, state: str) -> None:
    officer = user(Role.OFFICER)
    case = set_state(open_case(officer, title="Vụ việc đã kết thúc"), state)
    client.force_login(officer)
    assert client.get(f"/cases/{case.pk}/edit/").status_code == 302
    response = client.post(f"/cases/{case.pk}/edit/", {"title": "Đổi tên", "urgency": "normal"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).title == "Vụ việc đã kết thúc"
    with pytest.raises(services.CaseClosedError):
        services.edit_case(case, officer, {"title": "Đổi tên"})
    assert f"/cases/{case.pk}/edit/" not in client.get(f"/cases/{case.pk}/").content.decode()


@pytest.mark.parametrize("role", [Role.LEADER, Role.UNIT_LIAISON, Role.PRESS_AGENCY])
def test_only_managers_edit(client: Client, role: Role) -> None:
    case = open_case(user(Role.OFFICER), title="Giữ nguyên")
    client.force_login(user(role))
    response = client.post(f"/cases/{case.pk}/edit/", {"title": "Đổi tên", "urgency": "normal"})
    assert response.status_code in (403, 404)
    assert Case.objects.get(pk=case.pk).title == "Giữ nguyên"


def test_saving_without_a_change_writes_nothing() -> None:
    officer = user(Role.OFFICER)
    case = open_case(officer)
    before = ObjectChange.objects.count()
    assert services.edit_case(case, officer, {"title": case.title}, articles=[]) == []
    assert ObjectChange.objects.count() == before and not case.events.filter(action="edited")


def test_deadline_rules_page_shows_the_legal_basis_and_edits_are_logged(client: Any) -> None:
    from cases import deadlines
    from cases.models import DeadlineRule

    deadlines.install_defaults()
    officer = user(Role.OFFICER)
    client.force_login(officer)
    page = client.get("/cases/deadline-rules/").content.decode()
    assert "Luật Báo chí 2016, Điều 39" in page  # the rule's stored legal basis
    assert "Article 39" in page or "Điều 39" in page
    assert escape(str(deadlines.BASIS_NOTES[deadlines.URGENT])) in page
    assert escape(str(deadlines.BASIS_NOTES[deadlines.NORMAL])) in page

    urgent = DeadlineRule.objects.get(code=deadlines.URGENT)
    data = {"label": urgent.label, "days": 3, "remind_before_days": 1, "legal_basis": "QĐ của Sở"}
    url = f"/cases/deadline-rules/{urgent.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {**data, "comment": "theo chỉ đạo"}).status_code == 302
    urgent.refresh_from_db()
    assert urgent.days == 3 and urgent.legal_basis == "QĐ của Sở"
    change = urgent.changes().first()
    assert change is not None and change.user == officer and change.comment == "theo chỉ đạo"
    assert "days" in change.changed_fields
    assert client.post(url, {**data, "remind_before_days": 3}).status_code == 400

    forwarded = DeadlineRule.objects.get(code=deadlines.PRESS_FORWARDED)
    too_long = {"label": forwarded.label, "days": 45, "remind_before_days": 5, "legal_basis": "x"}
    assert client.post(f"/cases/deadline-rules/{forwarded.pk}/", too_long).status_code == 400
    forwarded.refresh_from_db()
    assert forwarded.days == 30

    client.force_login(user(Role.UNIT_LIAISON))
    assert client.get("/cases/deadline-rules/").status_code == 403
    assert client.post(url, {**data, "days": 9}).status_code == 403
