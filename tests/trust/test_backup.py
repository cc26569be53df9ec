"""Backup and restore: a round trip gives back the same database, row by row."""

import json

import pytest
from django.db import connection

from engagera.core.models import User
from engagera.gdpr.backup import BackupError, backup, restore
from engagera.practices.models import Performance
from tests.test_cli import run

from .conftest import rich_manager, snapshot_rows


def differences(before: dict, after: dict) -> int:
    count = 0
    for label in before.keys() | after.keys():
        old, new = set(before.get(label, [])), set(after.get(label, []))
        count += len(old ^ new)
    return count


@pytest.mark.django_db(transaction=True)
def test_it_restores_the_database_row_by_row(org, tmp_path, capsys):
    rich_manager(org)
    rich_manager(org, name="Bertil Backup", email="bertil@solbacka.example")
    before = snapshot_rows()
    path = tmp_path / "engagera.backup"
    code, out, err = run("backup", str(path))
    assert code == 0, err
    assert oct(path.stat().st_mode & 0o777) == "0o600"

    # Change the live database after the backup: the restore must undo all of it.
    Performance.objects.filter(note="").delete()
    Performance.objects.update(note="changed")
    User.objects.create_user("late@solbacka.example", "x" * 20)
    assert differences(before, snapshot_rows()) > 0

    code, _, err = run("restore", str(path))
    assert code == 2 and "--yes" in err and err.count("\n") == 1
    code, out, err = run("restore", str(path), "--yes")
    assert code == 0, err
    found = differences(before, snapshot_rows())
    with capsys.disabled():
        print(f"\nbackup: 1 round trip on {connection.vendor}, {found} differences")
    assert found == 0


@pytest.mark.django_db(transaction=True)
def test_it_restores_into_an_empty_database_without_asking(org, tmp_path):
    rich_manager(org)
    before = snapshot_rows()
    path = tmp_path / "backup"
    backup(path)
    User.objects.all().delete()
    org.delete()
    restore(path)  # empty of accounts and organisations: no confirmation needed
    assert differences(before, snapshot_rows()) == 0


def test_it_refuses_bad_input_with_one_line(tmp_path, org):
    existing = tmp_path / "existing"
    existing.write_text("x")
    for argv in (
        ("backup", str(existing)),
        ("backup", str(tmp_path / "no-such-folder" / "file")),
        ("restore", str(tmp_path / "missing")),
        ("restore", str(existing), "--yes"),
        ("backup",),
    ):
        code, out, err = run(*argv)
        assert code == 2, argv
        assert err.count("\n") == 1 and err.startswith(f"engagera {argv[0]}: "), err


def test_it_refuses_a_backup_of_the_other_engine(tmp_path, org):
    other = tmp_path / "other"
    magic = b"PGDMP" if connection.vendor == "sqlite" else b"SQLite format 3\x00"
    other.write_bytes(magic + b"\x00" * 100)
    with pytest.raises(BackupError, match="backup but the database is"):
        restore(other, replace=True)


@pytest.mark.django_db(transaction=True)
def test_it_reports_progress_up_to_the_total(org, tmp_path):
    rich_manager(org)
    path = tmp_path / "engagera.backup"
    dumped, restored = [], []
    backup(path, progress=lambda done, total: dumped.append((done, total)))
    restore(path, replace=True, progress=lambda done, total: restored.append((done, total)))
    for seen in (dumped, restored):
        assert seen[-1][0] == seen[-1][1] > 0, seen
        assert all(0 <= done <= total for done, total in seen)
        assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    if connection.vendor == "sqlite":
        # Pages, in steps of about a hundredth: the bar moves.
        assert len(dumped) > 10
    else:
        # Tables: every table's rows, counted from pg_dump's and pg_restore's own lines.
        tables = len(connection.introspection.table_names(include_views=False))
        assert dumped[-1][1] == tables and restored[-1][1] == tables
        assert len({done for done, _ in dumped}) > tables // 2


@pytest.mark.django_db(transaction=True)
def test_it_summarises_as_json(org, tmp_path):
    rich_manager(org)
    path = tmp_path / "engagera.backup"
    code, out, err = run("backup", str(path), "--json", "--no-progress")
    assert code == 0 and err == "", err
    summary = json.loads(out)
    assert summary == {"engine": connection.vendor, "file": str(path), "bytes": path.stat().st_size}
    code, out, err = run("restore", str(path), "--yes", "--json", "--no-progress")
    assert code == 0 and err == "", err
    assert json.loads(out) == {"file": str(path), "accounts": 1, "organisations": 1}
