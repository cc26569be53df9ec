"""Settings come from the environment; a bad value stops start-up naming the variable."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def engagera(*argv, env_extra: dict, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"ENGAGERA_DATA_DIR": str(tmp_path / "data"), **env_extra})
    return subprocess.run(
        [sys.executable, "-m", "engagera.cli", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ENGAGERA_DEBUG", "maybe"),
        ("ENGAGERA_HTTPS", "2"),
        ("ENGAGERA_EMAIL_PORT", "smtp"),
        ("DATABASE_URL", "mysql://root@localhost/x"),
        ("ENGAGERA_SECRET_KEY", "short"),
        ("ENGAGERA_SECRET_KEY_FILE", "/nonexistent/engagera-key"),
        ("ENGAGERA_CACHE_URL", "memcached://127.0.0.1"),
    ],
)
def test_it_stops_on_a_bad_value_naming_the_variable(tmp_path, name, value):
    result = engagera("check", env_extra={name: value}, tmp_path=tmp_path)
    assert result.returncode == 2
    assert name in result.stderr
    assert result.stderr.count("\n") == 1


def test_it_creates_a_private_secret_key_and_a_wal_database(tmp_path):
    result = engagera("migrate", "-v0", env_extra={}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    key = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text().strip()) >= 50
    probe = (
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA synchronous').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0])\n"
    )
    result = engagera("shell", "-v0", "-c", probe, env_extra={}, tmp_path=tmp_path)
    assert result.stdout.split() == ["wal", "2", "20000"]  # synchronous FULL is 2


def test_it_reads_hosts_and_debug(tmp_path):
    probe = "from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)"
    result = engagera(
        "shell",
        "-v0",
        "-c",
        probe,
        env_extra={
            "ENGAGERA_DEBUG": "1",
            "ENGAGERA_ALLOWED_HOSTS": "engagera.example, intra.local",
        },
        tmp_path=tmp_path,
    )
    assert result.stdout.strip() == "True ['engagera.example', 'intra.local']"


def test_it_reads_the_secret_key_from_a_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("k" * 40 + "\n")
    probe = "from django.conf import settings; print(settings.SECRET_KEY)"
    result = engagera(
        "shell",
        "-v0",
        "-c",
        probe,
        env_extra={"ENGAGERA_SECRET_KEY_FILE": str(key_file)},
        tmp_path=tmp_path,
    )
    assert result.stdout.strip() == "k" * 40
    assert not (tmp_path / "data" / "secret_key").exists()


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("", "LocMemCache"),
        ("db", "DatabaseCache"),
        ("redis://127.0.0.1:6379/5", "RedisCache"),
    ],
)
def test_it_chooses_the_cache_from_the_url(tmp_path, url, backend):
    probe = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = engagera(
        "shell", "-v0", "-c", probe, env_extra={"ENGAGERA_CACHE_URL": url}, tmp_path=tmp_path
    )
    assert result.stdout.strip().endswith(backend), result.stderr


def test_migrate_creates_the_database_cache_table(tmp_path):
    env = {"ENGAGERA_CACHE_URL": "db"}
    assert engagera("migrate", "-v0", env_extra=env, tmp_path=tmp_path).returncode == 0
    probe = "from django.core.cache import cache; cache.set('k', 'shared'); print(cache.get('k'))"
    result = engagera("shell", "-v0", "-c", probe, env_extra=env, tmp_path=tmp_path)
    assert result.stdout.strip() == "shared", result.stderr
