"""`GET /metrics`: Prometheus text for a bearer token or an administrator; counted figures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.test.utils import override_settings

from accounts.models import User
from core.access import Role
from core.models import Job

pytestmark = pytest.mark.django_db


def test_token_or_administrator(client: Client, login: Callable[[Role], User]) -> None:
    assert client.get("/metrics").status_code == 403
    with override_settings(METRICS_TOKEN="bi-mat-dai-du-34-ky-tu"):
        assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer sai").status_code == 403
        ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer bi-mat-dai-du-34-ky-tu")
        assert ok.status_code == 200 and ok["Content-Type"].startswith("text/plain")
    login(Role.OFFICER)
    assert client.get("/metrics").status_code == 403
    login(Role.ADMIN)
    assert client.get("/metrics").status_code == 200


def test_figures_are_counted(client: Client, login: Callable[[Role], User]) -> None:
    Job.objects.create(kind="monitoring.poll_source", target_id="1")
    Job.objects.create(kind="monitoring.poll_source", target_id="2", state="failed")
    login(Role.ADMIN)
    text = client.get("/metrics").content.decode()
    assert 'presswatch_jobs{kind="monitoring.poll_source",state="pending"} 1' in text
    assert 'presswatch_jobs{kind="monitoring.poll_source",state="failed"} 1' in text
    assert "presswatch_queue_depth 1" in text
    assert "# TYPE presswatch_articles gauge" in text
    assert 'presswatch_sources{state="failing"} 0' in text


def test_json_log_lines() -> None:
    import json
    import logging

    from core.logs import JsonFormatter

    record = logging.LogRecord(
        "monitoring.runner", logging.WARNING, __file__, 1, "bài %s", ("Đắk Nông",), None
    )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "WARNING" and entry["message"] == "bài Đắk Nông"
    assert entry["logger"] == "monitoring.runner" and entry["time"].endswith("+00:00")
