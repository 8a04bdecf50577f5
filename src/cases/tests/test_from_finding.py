"""A finding becomes a case: the officer's "Open a case" on a finding pre-fills the new case with
the finding's title, subject and evidence, and the case keeps a reference to it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import User
from cases.models import Case
from core.access import Role
from findings.models import Finding, FindingItem
from findings.tests import factories

pytestmark = pytest.mark.django_db


def test_open_a_case_from_a_finding(client: Client, login: Callable[[Role], User]) -> None:
    site = factories.site()
    copy = factories.article(factories.source(general_site=site))
    finding = Finding.objects.create(
        detector="republication",
        rule_code="rep-attribution",
        general_site=site,
        subject_label=site.name,
        template="The item names no source.",
        figures={"items": 1, "similarity": 0.97},
        dedup_key="thu:1",
    )
    FindingItem.objects.create(finding=finding, article=copy)
    login(Role.OFFICER)
    detail = client.get(f"/findings/{finding.pk}/")
    assert detail.status_code == 200  # a figure named "items" renders as a figure
    assert f"/cases/new/?finding={finding.pk}".encode() in detail.content
    form = client.get(f"/cases/new/?finding={finding.pk}")
    assert form.status_code == 200
    initial = form.context["form"].initial
    assert initial["general_site"] == site.pk and initial["intake_kind"] == "finding"
    assert [a.pk for a in form.context["articles"]] == [copy.pk]
    data = {
        **{k: v for k, v in initial.items() if v is not None},
        "summary": "Trang đăng lại không ghi nguồn.",
        "urgency": "normal",
        "sector": "",
        "article": [copy.pk],
    }
    answer = client.post(f"/cases/new/?finding={finding.pk}", data)
    assert answer.status_code == 302, answer.context["form"].errors
    case = Case.objects.get()
    assert case.general_site_id == site.pk
    assert list(case.articles.values_list("pk", flat=True)) == [copy.pk]
    assert case.source_kind == "finding" and case.source_id == str(finding.pk)
