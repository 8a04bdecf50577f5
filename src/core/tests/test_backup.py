"""Backup and restore round trip: database (SQLite or PostgreSQL, whichever runs), media, evidence;
damaged archives are refused before anything changes."""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import override_settings

from accounts.tests.factories import make_unit
from core import backup, installation

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump and SQLite's backup see commits


@pytest.fixture
def roots(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    media, evidence = tmp_path / "media", tmp_path / "evidence"
    (media / "plans").mkdir(parents=True)
    (evidence / "cases" / "7").mkdir(parents=True)
    (media / "plans" / "báo cáo.docx").write_bytes(b"PK\x03\x04 docx bytes")
    (evidence / "cases" / "7" / "capture.warc.gz").write_bytes(b"WARC/1.1 evidence")
    with override_settings(MEDIA_ROOT=str(media), EVIDENCE_ROOT=str(evidence)):
        yield media, evidence


def _data() -> int:
    """Three units more than the migrations made; returns how many there are now."""
    for n in range(3):
        make_unit(name=f"Phòng thử {n}")
    return installation.row_counts()["accounts.Unit"]


def _backup(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    out = io.StringIO()
    target = tmp_path / "out" / "b.tar.gz"
    call_command("backup", str(target), stdout=out)
    return target, json.loads(out.getvalue())


def _count_units(database: backup.Database) -> int:
    if database.engine == "sqlite":
        assert database.path is not None
        with sqlite3.connect(database.path) as db:
            return int(db.execute("select count(*) from accounts_unit").fetchone()[0])
    import psycopg

    with psycopg.connect(dbname=database.name, host=database.host or None,
                         port=database.port or None, user=database.user or None) as db:  # fmt: skip
        row = db.execute("select count(*) from accounts_unit").fetchone()
        assert row is not None
        return int(row[0])


@pytest.fixture
def fresh_target(tmp_path: Path) -> Iterator[backup.Database]:
    """An empty database of the engine under test, outside the test database."""
    live = installation.current().database
    if live.engine == "sqlite":
        yield backup.Database("sqlite", path=tmp_path / "restored" / "presswatch.sqlite3")
        return
    import psycopg

    name = f"pw_restore_{uuid.uuid4().hex[:10]}"
    admin = {"host": live.host or None, "port": live.port or None, "user": live.user or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:  # type: ignore[arg-type]
        db.execute(f'create database "{name}"')
    try:
        yield backup.Database(
            "postgresql", name=name, host=live.host, port=live.port, user=live.user
        )
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:  # type: ignore[arg-type]
            db.execute(f'drop database if exists "{name}" with (force)')


def test_round_trip(
    tmp_path: Path, roots: tuple[Path, Path], fresh_target: backup.Database
) -> None:
    units = _data()
    archive, summary = _backup(tmp_path)
    assert summary["counts"]["accounts.Unit"] == units  # type: ignore[index]
    assert summary["files"] == 2  # media and evidence files (the database apart)
    restored_media, restored_evidence = tmp_path / "r-media", tmp_path / "r-evidence"
    target = backup.Installation(fresh_target, restored_media, restored_evidence)
    manifest = backup.restore(archive, target)
    assert manifest.engine == fresh_target.engine
    assert _count_units(fresh_target) == units
    assert (restored_media / "plans" / "báo cáo.docx").read_bytes() == b"PK\x03\x04 docx bytes"
    assert (restored_evidence / "cases" / "7" / "capture.warc.gz").read_bytes().startswith(b"WARC")
    assert any(name.startswith("accounts.") for name in manifest.migrations)


def test_a_damaged_archive_is_refused_naming_the_member(
    tmp_path: Path, roots: tuple[Path, Path]
) -> None:
    archive, _ = _backup(tmp_path)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(damaged, "w:gz") as copy:
        for info in source:
            data = source.extractfile(info).read()  # type: ignore[union-attr]
            if info.name.startswith("evidence/"):
                data = data.replace(b"evidence", b"EVIDENCE")
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match=r"evidence/cases/7/capture\.warc\.gz: SHA-256"):
        call_command("restore", str(damaged), "--check")
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))


def test_restore_over_existing_data_needs_force(tmp_path: Path, roots: tuple[Path, Path]) -> None:
    from accounts.models import User

    User.objects.create_user("canbo.thu", password="x-Long-enough-9")
    archive, _ = _backup(tmp_path)
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))
    out = io.StringIO()
    call_command("restore", str(archive), "--check", stdout=out)
    assert json.loads(out.getvalue())["ok"] is True


def test_engine_mismatch_is_refused(tmp_path: Path, roots: tuple[Path, Path]) -> None:
    archive, _ = _backup(tmp_path)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    target = backup.Installation(
        backup.Database(other, path=tmp_path / "x.sqlite3", name="x"), tmp_path, tmp_path
    )
    with pytest.raises(backup.BackupError, match="dumpdata/loaddata"):
        backup.restore(archive, target)
