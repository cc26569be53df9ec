"""Two workers at once, as separate processes on one database, never send the same email
twice: each job is claimed by one worker, each periodic slot is scheduled once.

On SQLite (a file in a temporary data dir) the claim is an EXCLUSIVE transaction; with
DATABASE_URL set, the workers use a fresh PostgreSQL database of their own, where the
claim is SELECT ... FOR UPDATE SKIP LOCKED."""

import asyncio
import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from smtp_inbox import Inbox, free_port

ENGAGERA = str(Path(sys.executable).parent / "engagera")
MANAGERS = 4
EMAILS = 30

SEED = f"""
from django.utils import timezone
from engagera.core.actions import do_create_organisation, do_create_user
from engagera.core.mail import send_templated_email
from engagera.core.models import Role
from engagera.lib.habits import Target
from engagera.practices import actions
from engagera.practices.catalogue_sync import catalogue_is_loaded, sync_catalogue
from engagera.practices.models import Practice

if not catalogue_is_loaded():
    sync_catalogue()
org = do_create_organisation("Solbacka", slug="solbacka")
local = timezone.localtime(timezone.now(), org.tzinfo)
org.digest_weekday, org.digest_hour = local.weekday(), local.hour
org.save()
practice = Practice.objects.get(organisation__isnull=True, number=43)
for n in range({MANAGERS}):
    user = do_create_user(f"chef{{n}}@solbacka.example", org, Role.MANAGER, password=None,
                          full_name=f"Chef {{n}}", check_password=False)
    actions.do_add_plan_item(user.memberships.get(), practice, Target.parse("2/week"))
context = {{"name": "X", "practices": [], "meetings": [], "unsubscribe_url": "http://x/"}}
for n in range({EMAILS}):
    send_templated_email([f"mottagare{{n}}@solbacka.example"], "reminders/email/nudge", context, "sv")
"""

REPORT = """
import json
from django_tasks_db.models import DBTaskResult
print(json.dumps([[r.status, r.worker_ids, r.task_path] for r in DBTaskResult.objects.all()]))
"""


class SlowInbox(Inbox):
    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.05)  # long enough for both workers to overlap
        return await super().handle_DATA(server, session, envelope)


@contextmanager
def worker_database():
    """None for SQLite; else the URL of a new PostgreSQL database, dropped afterwards."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield None
        return
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_workers_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"] or 5432,
        autocommit=True,
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def database_url():
    with worker_database() as url:
        yield url


def test_two_workers_never_send_the_same_email_twice(tmp_path, database_url):
    inbox = SlowInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "engagera.settings",
        "ENGAGERA_DATA_DIR": str(tmp_path),
        "ENGAGERA_TASKS_BACKEND": "database",
        "ENGAGERA_EMAIL_HOST": "127.0.0.1",
        "ENGAGERA_EMAIL_PORT": str(port),
        "ENGAGERA_EMAIL_USE_TLS": "0",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url

    def run(*args, timeout=120):
        return subprocess.run(
            [ENGAGERA, *args], env=env, capture_output=True, text=True, timeout=timeout, check=True
        )

    try:
        run("migrate", "-v0")
        run("shell", "-c", SEED)
        workers = [
            subprocess.Popen(
                [ENGAGERA, "worker", "--batch", "--interval", "0", "--worker-id", f"w{n}"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(2)
        ]
        for worker in workers:
            out, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err
        jobs = json.loads(run("shell", "-c", REPORT).stdout.strip().splitlines()[-1])
    finally:
        controller.stop()

    recipients = [rcpt for envelope in inbox.envelopes for rcpt in envelope.rcpt_tos]
    assert len(recipients) == EMAILS + MANAGERS, "every email sent, none twice"
    assert len(set(recipients)) == len(recipients)
    digests = [job for job in jobs if job[2].endswith("send_weekly_digest")]
    assert len(digests) == MANAGERS, "each digest slot scheduled once, by one of the workers"
    assert all(status == "SUCCESSFUL" for status, _, _ in jobs)
    assert all(len(worker_ids) == 1 for _, worker_ids, _ in jobs), "each job claimed once"
    assert {ids[0] for _, ids, _ in jobs} == {"w0", "w1"}, "both workers took part"
