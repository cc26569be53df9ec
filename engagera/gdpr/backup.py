"""Backup and restore of the whole database.

SQLite: a consistent copy through sqlite3's online backup API (safe while the server
writes). PostgreSQL: pg_dump's custom format and pg_restore --clean. Both use the
active connection's settings, so the commands (and the tests) act on the database
Django is really using.
"""

import os
import shutil
import sqlite3
import subprocess  # nosec B404: runs pg_dump/pg_restore with fixed argument lists, no shell
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_MAGIC = b"SQLite format 3\x00"
POSTGRESQL_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A one-line reason the backup or restore cannot be done."""


def engine(using: str = DEFAULT_DB_ALIAS) -> str:
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _pg_env(using: str) -> dict[str, str]:
    """libpq's variables, so no password appears on a command line."""
    settings = connections[using].settings_dict
    env = dict(os.environ)
    for name, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings.get(key):
            env[name] = str(settings[key])
    if settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = settings["OPTIONS"]["sslmode"]
    return env


def _run(program: str, args: list[str], using: str) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (apt-get install postgresql-client)")
    result = subprocess.run(  # noqa: S603  # nosec B603: fixed program and arguments, no shell
        [executable, *args], env=_pg_env(using), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise BackupError(f"{program} failed: {lines[-1] if lines else result.returncode}")


def backup(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Write a backup to `path`, which must not exist yet; readable by the owner only."""
    vendor = engine(using)
    if path.exists():
        raise BackupError(f"{path} already exists; choose a new file name")
    if not path.parent.is_dir():
        raise BackupError(f"the folder {path.parent} does not exist")
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if vendor == "sqlite":
            connection = connections[using]
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            _run(
                "pg_dump",
                ["--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)],
                using,
            )
        partial.chmod(0o600)
        partial.replace(path)
    except OSError as exc:
        raise BackupError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        partial.unlink(missing_ok=True)


def kind_of(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise BackupError(f"{path} does not exist") from None
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(POSTGRESQL_MAGIC):
        return "postgresql"
    raise BackupError(
        f"{path} is not an Engagera backup (neither SQLite nor pg_dump custom format)"
    )


def holdings(using: str = DEFAULT_DB_ALIAS) -> tuple[int, int]:
    """Accounts and organisations in the database; (0, 0) before it is migrated."""
    from engagera.core.models import Organisation, User

    tables = set(connections[using].introspection.table_names())
    if User._meta.db_table not in tables or Organisation._meta.db_table not in tables:
        return 0, 0
    return User.objects.using(using).count(), Organisation.objects.using(using).count()


def restore(path: Path, *, using: str = DEFAULT_DB_ALIAS, replace: bool = False) -> None:
    """Replace the database with the backup at `path`; refuses a non-empty one unless `replace`."""
    vendor = engine(using)
    kind = kind_of(path)
    if kind != vendor:
        raise BackupError(f"{path} is a {kind} backup but the database is {vendor}")
    users, organisations = holdings(using)
    if (users or organisations) and not replace:
        raise BackupError(
            f"the database is not empty ({users} accounts, {organisations} organisations): "
            "add --yes to replace it"
        )
    connection = connections[using]
    if vendor == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is damaged (SQLite quick_check failed)")
            connection.ensure_connection()
            source.backup(connection.connection)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"cannot restore {path}: {exc}") from None
        finally:
            source.close()
    else:
        connection.close()  # pg_restore --clean drops tables: hold no connection meanwhile
        _run(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                connection.settings_dict["NAME"],
                str(path),
            ],
            using,
        )
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
