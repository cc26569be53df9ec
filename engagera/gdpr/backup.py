"""Backup and restore of the whole database.

SQLite: a consistent copy through sqlite3's online backup API (safe while the server
writes). PostgreSQL: pg_dump's custom format and pg_restore --clean. Both use the
active connection's settings, so the commands (and the tests) act on the database
Django is really using.

Both take an optional `progress(done, total)` callback: SQLite's pages copied, or the
tables pg_dump and pg_restore have reached (they then run with --verbose, one line per
table on stderr). Without it they work exactly as before.
"""

import math
import os
import re
import shutil
import sqlite3
import subprocess  # nosec B404: runs pg_dump/pg_restore with fixed argument lists, no shell
from collections.abc import Callable
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_MAGIC = b"SQLite format 3\x00"
POSTGRESQL_MAGIC = b"PGDMP"
# SQLite copies in about this many steps when a progress callback is given.
STEPS = 100
# pg_dump --verbose and pg_restore --verbose: one such line as each table's rows start.
TABLE_LINE = re.compile(r": (dumping contents of|processing data for) table ")

Progress = Callable[[int, int], None]


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
    # Untranslated messages, so the per-table lines are recognised in any locale.
    env["LANGUAGE"] = "en"
    return env


def _executable(program: str) -> str:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (apt-get install postgresql-client)")
    return executable


def _run(
    program: str,
    args: list[str],
    using: str,
    *,
    progress: Progress | None = None,
    tables: int = 0,
) -> None:
    """Run pg_dump or pg_restore; on failure, its last line on stderr is the reason."""
    command = [_executable(program), *args]
    if progress is None:
        result = subprocess.run(  # noqa: S603  # nosec B603: fixed program and arguments, no shell
            command, env=_pg_env(using), capture_output=True, text=True, check=False
        )
        returncode, lines = result.returncode, result.stderr.splitlines()
    else:
        returncode, lines = _run_verbose(command, using, progress, tables)
    if returncode != 0:
        lines = [line for line in lines if line.strip() and not TABLE_LINE.search(line)]
        raise BackupError(f"{program} failed: {lines[-1] if lines else returncode}")


def _run_verbose(
    command: list[str], using: str, progress: Progress, tables: int
) -> tuple[int, list[str]]:
    """Run with --verbose and count its per-table lines; the other lines are kept for errors."""
    lines = []
    done = 0
    progress(0, tables)
    with (
        subprocess.Popen(  # noqa: S603  # nosec B603: fixed program and arguments, no shell
            [command[0], "--verbose", *command[1:]],
            env=_pg_env(using),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        ) as process
    ):
        for line in process.stderr:
            if TABLE_LINE.search(line):
                done += 1
                progress(min(done, tables), max(tables, done))
            elif not line.startswith(f"{Path(command[0]).name}: "):
                lines.append(line.rstrip("\n"))  # an error's detail lines
            elif "error:" in line or "warning:" in line or "fatal:" in line:
                lines.append(line.rstrip("\n"))
    if process.returncode == 0:
        progress(max(tables, done), max(tables, done))
    return process.returncode, lines


def _sqlite_copy(source: sqlite3.Connection, target: sqlite3.Connection, progress) -> None:
    """sqlite3's online backup; with `progress`, in steps that report pages copied."""
    if progress is None:
        source.backup(target)
        return
    pages = source.execute("PRAGMA page_count").fetchone()[0]
    progress(0, pages)
    source.backup(
        target,
        pages=max(1, math.ceil(pages / STEPS)),
        progress=lambda _status, remaining, total: progress(total - remaining, total),
    )


def _table_count(using: str) -> int:
    """Tables pg_dump will dump the rows of: every table in the database's schemas."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_catalog.pg_class c"
            " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            " AND n.nspname NOT LIKE 'pg_toast%'"
        )
        return cursor.fetchone()[0]


def _tables_in(path: Path, using: str) -> int:
    """The tables whose rows a pg_dump file holds, from its table of contents."""
    result = subprocess.run(  # noqa: S603  # nosec B603: fixed program and arguments, no shell
        [_executable("pg_restore"), "--list", str(path)],
        env=_pg_env(using),
        capture_output=True,
        text=True,
        check=False,
    )
    return sum(" TABLE DATA " in line for line in result.stdout.splitlines())


def backup(path: Path, *, using: str = DEFAULT_DB_ALIAS, progress: Progress | None = None) -> None:
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
                _sqlite_copy(connection.connection, target, progress)
            finally:
                target.close()
        else:
            _run(
                "pg_dump",
                ["--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)],
                using,
                progress=progress,
                tables=_table_count(using) if progress else 0,
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


def restore(
    path: Path,
    *,
    using: str = DEFAULT_DB_ALIAS,
    replace: bool = False,
    progress: Progress | None = None,
) -> None:
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
            _sqlite_copy(source, connection.connection, progress)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"cannot restore {path}: {exc}") from None
        finally:
            source.close()
    else:
        tables = _tables_in(path, using) if progress else 0
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
            progress=progress,
            tables=tables,
        )
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
