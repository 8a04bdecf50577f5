"""Capturing a URL as evidence is a durable background job: the row exists at once
("capturing", with its URL), the job fills the WARC file, hashes and time; the case page polls
the evidence panel meanwhile; a failure shows its reason and can be tried again; a captured row
never changes. Against a real local HTTP server."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.test import Client

from cases import evidence_store
from cases.choices import CaptureState
from cases.models import Evidence, ImmutableEvidenceError
from cases.tests.helpers import open_case, user
from core.access import Role
from core.models import Job, JobState
from monitoring.tests.webfake import serve

pytestmark = pytest.mark.django_db
PAGE = "<html><body><h1>Tin đồn nước máy</h1><p>Phường Bắc Gia Nghĩa</p></body></html>"
POLL = 'hx-trigger="every 2s"'


def test_a_capture_runs_in_the_background_and_the_panel_polls_until_done(
    client: Client, tmp_path: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EVIDENCE_ROOT = tmp_path
    officer = user(Role.OFFICER)
    case = open_case(officer)
    client.force_login(officer)
    with serve() as site:
        site.put("/tin/1", PAGE)
        url = site.url("/tin/1")
        with django_capture_on_commit_callbacks(execute=False) as pending:
            response = client.post(f"/cases/{case.pk}/evidence/add/", {"url": url, "note": "n"})
        assert response.status_code == 302
        evidence = Evidence.objects.get(case=case)
        assert (evidence.capture_state, evidence.url, evidence.sha256) == ("capturing", url, "")
        assert evidence.captured_at is None and not evidence.file and site.hits == {}
        job = Job.objects.get(kind=evidence_store.CAPTURE_JOB)
        assert job.target_id == str(evidence.pk)

        page = client.get(f"/cases/{case.pk}/").content.decode()
        assert POLL in page and f"/cases/{case.pk}/evidence/panel/" in page
        assert "<script" not in page.split('id="evidence-panel"')[1].split("</section>")[0]
        assert client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/").status_code == 404
        assert not any(n.startswith("evidence/") for n in _package_names(client, case.pk))

        for callback in pending:  # the request committed: the job is handed to the queue
            callback()
    evidence = Evidence.objects.get(pk=evidence.pk)
    assert evidence.capture_state == CaptureState.CAPTURED and site.hits == {"/tin/1": 1}
    with evidence.file.open("rb") as handle:
        data = handle.read()
    assert evidence.sha256 == hashlib.sha256(data).hexdigest() and evidence.size == len(data)
    assert evidence.payload_sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    assert evidence.http_status == 200 and evidence.captured_at is not None
    assert Job.objects.get(pk=job.pk).state == JobState.DONE
    panel = client.get(f"/cases/{case.pk}/evidence/panel/").content.decode()
    assert POLL not in panel and evidence.sha256 in panel  # done: the polling stops
    assert client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/").status_code == 200
    assert any(n.startswith("evidence/") for n in _package_names(client, case.pk))
    assert case.events.filter(action="evidence_requested").exists()
    assert case.events.filter(action="evidence").exists()

    # captured: immutable, and the job running again changes nothing
    with pytest.raises(ImmutableEvidenceError):
        evidence.note = "changed"
        evidence.save()
    with pytest.raises(ImmutableEvidenceError):
        Evidence.objects.filter(pk=evidence.pk).update(note="changed")
    assert evidence_store.run_capture(evidence.pk) is not None
    assert Evidence.objects.get(pk=evidence.pk).sha256 == evidence.sha256
    assert not evidence_store.retry_capture(evidence, officer)


def _package_names(client: Client, pk: int) -> list[str]:
    import io
    import zipfile

    content = client.get(f"/cases/{pk}/package/").content
    return zipfile.ZipFile(io.BytesIO(content)).namelist()


def test_a_failed_capture_shows_why_and_can_be_tried_again(
    client: Client, tmp_path: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EVIDENCE_ROOT = tmp_path
    officer = user(Role.OFFICER)
    case = open_case(officer)
    client.force_login(officer)
    with serve() as site:
        url = site.url("/tin/2")
    # the server is gone: the capture fails with the network error
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cases/{case.pk}/evidence/add/", {"url": url})
    evidence = Evidence.objects.get(case=case)
    assert evidence.capture_state == CaptureState.FAILED and evidence.failure
    assert not evidence.file and evidence.sha256 == ""
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert evidence.failure in page and f"/evidence/{evidence.pk}/retry/" in page
    assert POLL not in page
    assert case.events.filter(action="evidence_failed").exists()

    assert client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/retry/").status_code == 405
    liaison = user(Role.UNIT_LIAISON)
    client.force_login(liaison)
    assert client.post(f"/cases/{case.pk}/evidence/{evidence.pk}/retry/").status_code == 403
    client.force_login(officer)
    with serve() as site:
        site.put("/tin/2", PAGE)
        evidence = _with_url(evidence, site.url("/tin/2"))
        with django_capture_on_commit_callbacks(execute=True):
            retry = client.post(f"/cases/{case.pk}/evidence/{evidence.pk}/retry/")
        assert retry.status_code == 302
    evidence.refresh_from_db()
    assert evidence.capture_state == CaptureState.CAPTURED and evidence.failure == ""
    assert evidence.capture_attempts == 2
    assert Job.objects.filter(kind=evidence_store.CAPTURE_JOB).count() == 2  # one per attempt
    assert Evidence.objects.filter(case=case).count() == 1


def _with_url(evidence: Evidence, url: str) -> Evidence:
    """The dead server's port is gone; give the failed row the live server's address (a failed
    row may still change; this stands in for the site coming back)."""
    evidence.url = url
    evidence.save()
    return evidence
