"""PressWatch as real processes: `presswatch up`, SIGKILL, restart, web → queue → consumer.

Runs on the pass's own backends: SQLite + SqliteHuey by default, PostgreSQL + RedisHuey in the
services pass (make test sets PRESSWATCH_DATABASE_URL / PRESSWATCH_REDIS_URL for it).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import (
    Browser,
    children_of,
    drop_postgres_database,
    free_port,
    presswatch,
    service_env,
    start,
    start_sink,
    wait_for,
)

pytestmark = [pytest.mark.slow, pytest.mark.processes]

# the mail jobs only: the scheduler adds periodic jobs of its own (spikes, reminders, …)
JOB_STATES = (
    "from core.models import Job; from core.mail import SEND_EMAIL; import json; "
    "print(json.dumps(sorted(Job.objects.filter(kind=SEND_EMAIL).values_list('state', flat=True))))"
)


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """Migrated, bootstrapped with the demo data and with its static files, once (about 19 s):
    each test starts from a copy of its folder and, on PostgreSQL, of its database."""
    folder = tmp_path_factory.mktemp("installation")
    env = service_env(folder, free_port(), free_port())
    presswatch(env, "migrate", "--no-input", "-v", "0")
    presswatch(env, "bootstrap", "--demo")
    presswatch(env, "collectstatic", "--no-input", "-v", "0")
    database = env.get("PRESSWATCH_DATABASE_URL", "")
    yield folder, database
    if database.startswith("postgres"):
        drop_postgres_database(database)


@pytest.fixture
def site(
    tmp_path: Path, installation: tuple[Path, str]
) -> Iterator[tuple[dict[str, str], object, int]]:
    folder, database = installation
    shutil.copytree(folder, tmp_path, dirs_exist_ok=True)  # no process has it open now
    sink, controller, smtp_port = start_sink(delay=0.25)
    web_port = free_port()
    template = urllib.parse.urlsplit(database).path.lstrip("/") if database else ""
    env = service_env(tmp_path, smtp_port, web_port, database_template=template)
    yield env, sink, web_port
    controller.stop()
    if env.get("PRESSWATCH_DATABASE_URL", "").startswith("postgres"):
        drop_postgres_database(env["PRESSWATCH_DATABASE_URL"])


def _job_states(env: dict[str, str]) -> list[str]:
    output = presswatch(env, "shell", "-c", JOB_STATES)
    return list(json.loads(output.strip().splitlines()[-1]))


def test_killed_worker_loses_no_job(site: tuple[dict[str, str], object, int]) -> None:
    env, sink, _ = site
    addresses = [f"nguoinhan{i}@example.vn" for i in range(12)]
    queued = presswatch(env, "core_mail_test", *addresses)
    expected = {line.split()[1] for line in queued.splitlines()}
    assert len(expected) == 12

    first = start(env, "up", "--no-web")
    wait_for(lambda: len(sink.ids()) >= 3, 60, "the first messages")  # type: ignore[attr-defined]
    for pid in [*children_of(first.pid), first.pid]:  # power cut: every process, no warning
        os.kill(pid, signal.SIGKILL)
    first.wait()
    delivered_before_restart = len(sink.ids())  # type: ignore[attr-defined]
    assert delivered_before_restart < 12, "the kill came too late to test anything"

    second = start(env, "up", "--no-web")
    try:
        wait_for(
            lambda: expected <= set(sink.ids()),  # type: ignore[attr-defined]
            90,
            "every message after the restart",
        )
        # bootstrap --demo queues mail of its own (demo cases notify their units): all done too
        wait_for(
            lambda: len(states := _job_states(env)) >= 12 and set(states) == {"done"},
            60,
            "every mail job done",
        )
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=90) == 0
    ids = sink.ids()  # type: ignore[attr-defined]
    # at most the messages in flight at the kill are sent twice (SMTP has no exactly-once)
    assert len(ids) - len(set(ids)) <= 2


def test_web_enqueues_and_the_consumer_delivers(
    site: tuple[dict[str, str], object, int],
) -> None:
    env, sink, web_port = site
    server = start(env, "up")
    base = f"http://127.0.0.1:{web_port}"
    try:
        wait_for(lambda: _answers(base + "/health/"), 60, "the web server")
        browser = Browser(base)
        assert (
            browser.post_form(
                "/accounts/login/", {"username": "admin", "password": "PressWatch-demo-2026"}
            )
            == 200
        )
        status = browser.post_form(
            "/accounts/users/new/",
            {
                "username": "lienlac.moi",
                "full_name": "Người Mới",
                "email": "moi@example.vn",
                "role": "officer",
                "is_active": "on",
            },
        )
        assert status == 200
        wait_for(
            lambda: any(m["to"] == "moi@example.vn" for m in sink.messages),  # type: ignore[attr-defined]
            60,
            "the welcome e-mail",
        )
        health = json.loads(_read(base + "/health/"))
        backend = "redis" if env.get("PRESSWATCH_REDIS_URL") else "sqlite"
        assert health["queue"]["detail"]["backend"] == backend
        wait_for(
            lambda: json.loads(_read(base + "/api/v1/health/"))["scheduler"]["ok"],
            90,
            "the scheduler's first beat",
        )
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C
        assert server.wait(timeout=90) == 0
    assert not any(_alive(pid) for pid in children_of(server.pid))


def _read(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode())
    except urllib.error.HTTPError as error:  # 503 still carries the JSON body
        return str(error.read().decode())


def _answers(url: str) -> bool:
    try:
        _read(url)
    except OSError:
        return False
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


CRAWL_STATE = (
    "from monitoring.models import Article; import json; "
    "rows = list(Article.objects.values_list('url_key', 'status')); "
    "print(json.dumps(rows))"
)


def test_killed_crawl_loses_and_duplicates_no_article(
    site: tuple[dict[str, str], object, int],
) -> None:
    from monitoring.tests.webfake import article_html, rss, serve

    env, _sink, _ = site
    env = {**env, "PRESSWATCH_DEMO": "true"}  # politeness interval 0.2 s: the test stays short
    with serve() as web:
        links = []
        for i in range(12):
            web.put(f"/bai-{i}", article_html(f"Bài số {i} về Đắk Nông"), delay=0.4)
            links.append((f"Bài {i}", web.url(f"/bai-{i}")))
        web.put("/feed", rss(links), content_type="application/rss+xml")
        _add_feed(env, web.url("/feed"))
        first = start(env, "up", "--no-web")
        wait_for(
            lambda: sum(web.hits.get(f"/bai-{i}", 0) for i in range(12)) >= 3,
            60,
            "the first articles",
        )
        for pid in [*children_of(first.pid), first.pid]:
            os.kill(pid, signal.SIGKILL)
        first.wait()
        second = start(env, "up", "--no-web")
        try:
            wait_for(lambda: _crawl_done(env), 120, "every article extracted after the restart")
        finally:
            second.send_signal(signal.SIGTERM)
            assert second.wait(timeout=90) == 0
    rows = json.loads(presswatch(env, "shell", "-c", CRAWL_STATE).strip().splitlines()[-1])
    keys = [key for key, _status in rows]
    assert len(keys) == len(set(keys)) == 12
    assert {status for _key, status in rows} == {"extracted"}


def _crawl_done(env: dict[str, str]) -> bool:
    rows = json.loads(presswatch(env, "shell", "-c", CRAWL_STATE).strip().splitlines()[-1])
    return len(rows) == 12 and all(status == "extracted" for _key, status in rows)


PROCESS_JOBS = (
    "from core.models import Job; import json; "
    "print(json.dumps(list(Job.objects.filter(kind='monitoring.process_article')"
    ".values_list('target_id', 'state', 'attempts', 'runner'))))"
)


def test_two_worker_processes_share_the_stream_without_duplicate_work(
    site: tuple[dict[str, str], object, int],
) -> None:
    """The multi-machine layout on one machine: a scheduler + consumer (`up --no-web`) and a
    second consumer (`presswatch worker`), on the pass's database and queue."""
    from monitoring.tests.webfake import article_html, rss, serve

    env, _sink, _ = site
    count = 16
    var = Path(env["PRESSWATCH_VAR_DIR"])
    first = start(env, "up", "--no-web")
    second = start(env, "worker", "--workers", "2")
    wait_for(lambda: _consumers_started(var) == 2, 90, "both consumers")
    with serve() as web:
        links = []
        for i in range(count):
            web.put(f"/tin-{i}", article_html(f"Tin số {i} về Gia Nghĩa"), delay=1.0)
            links.append((f"Tin {i}", web.url(f"/tin-{i}")))
        web.put("/feed", rss(links), content_type="application/rss+xml")
        _add_feed(env, web.url("/feed"))
        try:
            wait_for(lambda: _extracted(env) == count, 120, "every article extracted")
        finally:
            for process in (first, second):
                process.send_signal(signal.SIGTERM if process is first else signal.SIGINT)
            assert first.wait(timeout=90) == 0
            second.wait(timeout=90)
        hits = [web.hits.get(f"/tin-{i}", 0) for i in range(count)]
    rows = json.loads(presswatch(env, "shell", "-c", PROCESS_JOBS).strip().splitlines()[-1])
    targets = [target for target, *_ in rows]
    assert len(targets) == len(set(targets)) == count  # one job per article
    assert all(state == "done" and attempts == 1 for _t, state, attempts, _r in rows)
    assert hits == [1] * count  # each page fetched once: no work done twice
    pids = {runner.split(":")[1] for *_rest, runner in rows}
    assert len(pids) == 2, f"both processes should have worked, runners: {pids}"


def _add_feed(env: dict[str, str], url: str) -> None:
    """A feed source, polled at once ("Poll now") rather than at the scheduler's next minute."""
    presswatch(
        env,
        "shell",
        "-c",
        (
            "from monitoring.models import Source; from monitoring.tasks import enqueue_poll_now; "
            f"enqueue_poll_now(Source.objects.create(name='Báo thử', kind='feed', url='{url}'))"
        ),
    )


def _extracted(env: dict[str, str]) -> int:
    rows = json.loads(presswatch(env, "shell", "-c", CRAWL_STATE).strip().splitlines()[-1])
    return sum(1 for _key, status in rows if status == "extracted")


def _consumers_started(var: Path) -> int:
    return sum(
        "huey consumer started" in log.read_text(errors="replace").lower()
        for log in var.glob("*.log")
    )


RESTORED_STATE = (
    "from monitoring.models import Article, ArticleVersion, RawPage; import json; "
    "bad = [a.pk for a in Article.objects.filter(status='extracted') "
    "if not a.versions.exists() or not a.raw_pages.exists()]; "
    "print(json.dumps({'articles': Article.objects.count(), "
    "'extracted': Article.objects.filter(status='extracted').count(), 'incomplete': bad}))"
)


def test_backup_taken_while_crawling_restores_to_a_working_system(
    site: tuple[dict[str, str], object, int], tmp_path: Path
) -> None:
    """`presswatch backup` during a crawl; the restored copy holds a consistent snapshot (every
    extracted article with its version and raw page) and carries on crawling to the end."""
    from monitoring.tests.webfake import article_html, rss, serve

    env, _sink, _ = site
    count = 12
    with serve() as web:
        links = []
        for i in range(count):
            # slow pages: the crawl stays half done for several seconds, long enough to catch
            web.put(f"/bai-{i}", article_html(f"Bài sao lưu {i} về Krông Nô"), delay=2.0)
            links.append((f"Bài {i}", web.url(f"/bai-{i}")))
        web.put("/feed", rss(links), content_type="application/rss+xml")
        _add_feed(env, web.url("/feed"))
        crawler = start(env, "up", "--no-web")
        try:
            wait_for(lambda: 2 <= _extracted(env) < count, 90, "a crawl half done")
            archive = tmp_path / "during-crawl.tar.gz"
            summary = json.loads(presswatch(env, "backup", str(archive)).strip().splitlines()[-1])
        finally:
            crawler.send_signal(signal.SIGTERM)
            assert crawler.wait(timeout=90) == 0
        # restore into a fresh installation (own var dir and database) and let it finish the crawl
        restored_env = service_env(
            tmp_path / "restored", int(env["PRESSWATCH_EMAIL_PORT"]), free_port()
        )
        presswatch(restored_env, "restore", str(archive))
        state = json.loads(
            presswatch(restored_env, "shell", "-c", RESTORED_STATE).strip().splitlines()[-1]
        )
        assert state["incomplete"] == [] and state["articles"] >= state["extracted"] >= 2
        assert summary["counts"]["monitoring.Article"] == state["articles"]
        second = start(restored_env, "up", "--no-web")
        try:
            wait_for(lambda: _serving(restored_env), 90, "the restored system up")
            wait_for(lambda: _extracted_or_none(restored_env) == count, 120, "the crawl finished")
        finally:
            second.send_signal(signal.SIGTERM)
            assert second.wait(timeout=90) == 0
    rows = json.loads(presswatch(restored_env, "shell", "-c", CRAWL_STATE).strip().splitlines()[-1])
    assert len(rows) == len({key for key, _ in rows}) == count  # no article lost or doubled
    if restored_env.get("PRESSWATCH_DATABASE_URL", "").startswith("postgres"):
        drop_postgres_database(restored_env["PRESSWATCH_DATABASE_URL"])


def _serving(env: dict[str, str]) -> bool:
    """The consumer logged its start (logging flushes each line; stdout may be buffered)."""
    return _consumers_started(Path(env["PRESSWATCH_VAR_DIR"])) >= 1


def _extracted_or_none(env: dict[str, str]) -> int | None:
    """The extracted count, or None while the database is busy (a worker holds the lock)."""
    try:
        return _extracted(env)
    except AssertionError:
        return None
