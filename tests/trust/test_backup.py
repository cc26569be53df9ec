"""Backup and restore: a round trip gives back the same database, row by row."""

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
