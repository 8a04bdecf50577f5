"""Backup and restore of a whole installation: the database, uploaded media and evidence.

One archive (``.tar.gz``) holds ``manifest.json``, the database (``database.sqlite3``, an online
copy made with SQLite's backup API, or ``database.pgdump``, ``pg_dump``'s custom format) and the
files under ``media/`` and ``evidence/``. The manifest lists every member with its size and SHA-256;
restore checks them all before it changes anything.

Consistency while the system runs: the database is copied first, as one snapshot (the SQLite
backup API and ``pg_dump`` both give one), then the files. Evidence and uploads are written
before the row that names them is committed and are never changed afterwards, so every file the
snapshot refers to is already on disk when the files are copied. Files that arrive after the
snapshot are copied too and are simply not referred to.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
FILE_ROOTS = ("media", "evidence")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what and where."""


@dataclass(frozen=True, slots=True)
class Database:
    """Where the data lives: a SQLite file, or a PostgreSQL database (libpq parameters)."""

    engine: str  # "sqlite" or "postgresql"
    path: Path | None = None
    name: str = ""
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    def libpq_env(self) -> dict[str, str]:
        env = dict(os.environ)
        for key, value in (
            ("PGHOST", self.host),
            ("PGPORT", self.port),
            ("PGUSER", self.user),
            ("PGPASSWORD", self.password),
            ("PGDATABASE", self.name),
        ):
            if value:
                env[key] = value
        return env


@dataclass(frozen=True, slots=True)
class Installation:
    database: Database
    media_root: Path
    evidence_root: Path

    def root(self, name: str) -> Path:
        return self.media_root if name == "media" else self.evidence_root


@dataclass(slots=True)
class Manifest:
    format: int
    created_at: str
    engine: str
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    migrations: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": self.format,
                "created_at": self.created_at,
                "engine": self.engine,
                "migrations": self.migrations,
                "counts": self.counts,
                "members": self.members,
            },
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )


# --- backup ---------------------------------------------------------------------------------------
def backup(
    installation: Installation,
    destination: Path,
    *,
    migrations: list[str],
    counts: dict[str, int],
) -> Manifest:
    """Write the archive to ``destination`` (atomically: a partial file is never left behind)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(
        FORMAT,
        datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        installation.database.engine,
        migrations=migrations,
        counts=counts,
    )
    with tempfile.TemporaryDirectory(prefix="presswatch-backup-") as work:
        dump = _dump_database(installation.database, Path(work))
        partial = destination.with_name(destination.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
                _add_file(archive, manifest, dump.name, dump)
                for root_name in FILE_ROOTS:
                    root = installation.root(root_name)
                    for path in _files_under(root):
                        member = f"{root_name}/{path.relative_to(root).as_posix()}"
                        _add_file(archive, manifest, member, path)
                data = manifest.to_json().encode("utf-8")
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(datetime.datetime.now().timestamp())
                archive.addfile(info, io.BytesIO(data))
            partial.replace(destination)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _dump_database(database: Database, work: Path) -> Path:
    if database.engine == "sqlite":
        if database.path is None or not database.path.exists():
            raise BackupError(f"no SQLite database at {database.path}")
        target = work / SQLITE_MEMBER
        source = sqlite3.connect(f"file:{database.path}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # one consistent snapshot, even while others write (WAL)
        finally:
            copy.close()
            source.close()
        return target
    target = work / POSTGRES_MEMBER
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
        database,
    )
    return target


def _files_under(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def _add_file(archive: tarfile.TarFile, manifest: Manifest, member: str, path: Path) -> None:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    size = path.stat().st_size
    archive.add(path, arcname=member, recursive=False)
    manifest.members[member] = {"sha256": digest.hexdigest(), "size": size}


# --- restore --------------------------------------------------------------------------------------
def read_manifest(archive_path: Path) -> Manifest:
    """The archive's manifest, after checking every member against it (nothing is written)."""
    if not archive_path.is_file():
        raise BackupError(f"{archive_path}: no such file")
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            manifest = _manifest(archive)
            seen: set[str] = set()
            for info in archive:
                if info.name == MANIFEST:
                    continue
                _check_member_name(info)
                expected = manifest.members.get(info.name)
                if expected is None:
                    raise BackupError(f"{info.name}: in the archive but not in the manifest")
                if _member_digest(archive, info) != expected["sha256"]:
                    raise BackupError(f"{info.name}: SHA-256 differs from the manifest (damaged)")
                seen.add(info.name)
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{archive_path}: not a readable backup archive ({error})") from None
    missing = sorted(set(manifest.members) - seen)
    if missing:
        raise BackupError(f"{missing[0]}: listed in the manifest but missing from the archive")
    return manifest


def restore(archive_path: Path, installation: Installation) -> Manifest:
    """Replace the installation's database and files with the archive's (checked first)."""
    manifest = read_manifest(archive_path)
    if manifest.engine != installation.database.engine:
        raise BackupError(
            f"the backup holds a {manifest.engine} database; this installation uses "
            f"{installation.database.engine} (move data between engines with dumpdata/loaddata)"
        )
    with (
        tempfile.TemporaryDirectory(prefix="presswatch-restore-") as work,
        tarfile.open(archive_path, "r:gz") as archive,
    ):
        archive.extractall(work, filter="data")
        _load_database(installation.database, Path(work))
        for root_name in FILE_ROOTS:
            source = Path(work) / root_name
            if source.is_dir():
                target = installation.root(root_name)
                target.mkdir(parents=True, exist_ok=True)
                shutil.copytree(source, target, dirs_exist_ok=True)
    return manifest


def _load_database(database: Database, work: Path) -> None:
    if database.engine == "sqlite":
        if database.path is None:
            raise BackupError("no SQLite path configured")
        database.path.parent.mkdir(parents=True, exist_ok=True)
        staged = database.path.with_name(database.path.name + ".restoring")
        shutil.copyfile(work / SQLITE_MEMBER, staged)
        for suffix in ("-wal", "-shm"):
            Path(f"{database.path}{suffix}").unlink(missing_ok=True)
        staged.replace(database.path)
        return
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            f"--dbname={database.name}",
            str(work / POSTGRES_MEMBER),
        ],
        database,
    )


def _manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError:
        raise BackupError(f"{MANIFEST} is missing: not a PressWatch backup") from None
    if member is None:
        raise BackupError(f"{MANIFEST} is not a file")
    try:
        data = json.loads(member.read().decode("utf-8"))
        manifest = Manifest(
            int(data["format"]),
            str(data["created_at"]),
            str(data["engine"]),
            dict(data["members"]),
            list(data.get("migrations", [])),
            dict(data.get("counts", {})),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{MANIFEST}: unreadable ({error})") from None
    if manifest.format > FORMAT:
        raise BackupError(
            f"{MANIFEST}: format {manifest.format} is newer than this version understands "
            f"({FORMAT}); upgrade PressWatch first"
        )
    return manifest


def _check_member_name(info: tarfile.TarInfo) -> None:
    name = PurePosixPath(info.name)
    if name.is_absolute() or ".." in name.parts or not info.isfile():
        raise BackupError(f"{info.name}: unsafe archive member")
    if name.parts[0] not in (*FILE_ROOTS, SQLITE_MEMBER, POSTGRES_MEMBER):
        raise BackupError(f"{info.name}: unexpected archive member")


def _member_digest(archive: tarfile.TarFile, info: tarfile.TarInfo) -> str:
    file = archive.extractfile(info)
    digest = hashlib.sha256()
    if file is not None:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _run(command: list[str], database: Database) -> None:
    try:
        result = subprocess.run(
            command, env=database.libpq_env(), capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools)") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{command[0]} failed: {detail[-1] if detail else result.returncode}")
