"""Emails go through a background task, enqueued only after the transaction commits."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from engagera.core.mail import send_templated_email

CONTEXT = {"name": "Anna", "practices": [], "meetings": [], "unsubscribe_url": "http://x/u/"}


def send():
    send_templated_email(["anna@solbacka.example"], "reminders/email/nudge", CONTEXT, "en")


def test_it_sends_after_the_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send()
        assert mail.outbox == []  # not before the commit
    assert [m.to for m in mail.outbox] == [["anna@solbacka.example"]]
    assert mail.outbox[0].subject == "Today in Engagera"


def test_a_rollback_sends_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                send()
                raise RuntimeError("the request failed")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []


def test_with_the_database_backend_a_worker_delivers_it(
    db, db_tasks, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send()
    job = DBTaskResult.objects.get()
    assert job.status == "READY" and job.task_path.endswith("tasks.send_email")
    assert smtp.envelopes == []  # nothing is sent in the request
    call_command("worker", "--batch", "--no-schedule", "--interval", "0")
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert [e.rcpt_tos for e in smtp.envelopes] == [["anna@solbacka.example"]]


def test_a_failed_delivery_is_recorded_not_raised(db, db_tasks, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 1, False
    from engagera.reminders.tasks import send_email

    send_email.enqueue(to=["a@b.example"], subject="s", text="t")
    call_command("worker", "--batch", "--no-schedule", "--interval", "0")
    job = DBTaskResult.objects.get()
    assert job.status == "FAILED" and "ConnectionRefusedError" in job.exception_class_path


def test_the_worker_refuses_the_immediate_backend(db):
    from engagera.core.cli_base import UsageError

    with pytest.raises(UsageError):
        call_command("worker", "--batch")


def test_the_scheduler_prunes_old_finished_jobs_once_a_day(db, db_tasks):
    from datetime import timedelta

    from django.utils import timezone

    from engagera.reminders import scheduler
    from engagera.reminders.tasks import send_email

    send_email.enqueue(to=["a@b.example"], subject="s", text="t")
    DBTaskResult.objects.update(status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=8))
    keys = scheduler.schedule_due()
    assert [k for k in keys if k.startswith("prune:")] and scheduler.schedule_due() == []
    call_command("worker", "--batch", "--no-schedule", "--interval", "0")
    left = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert "engagera.reminders.tasks.send_email" not in left  # the old job is gone
    assert "engagera.reminders.tasks.prune_finished_jobs" in left


def test_a_job_left_running_by_a_dead_worker_is_run_again(db, db_tasks, smtp):
    """A worker killed mid-job leaves it RUNNING; after the limit the next worker runs it."""
    from datetime import timedelta

    from django.utils import timezone

    from engagera.reminders.tasks import send_email

    send_email.enqueue(to=["a@b.example"], subject="Kvar", text="t")
    send_email.enqueue(to=["c@d.example"], subject="Pågår", text="t")
    stalled, running = DBTaskResult.objects.order_by("enqueued_at")
    now = timezone.now()
    # One claimed 20 minutes ago by a worker that is gone, one claimed a minute ago.
    DBTaskResult.objects.filter(pk=stalled.pk).update(
        status="RUNNING", started_at=now - timedelta(minutes=20), worker_ids=["gone"]
    )
    DBTaskResult.objects.filter(pk=running.pk).update(
        status="RUNNING", started_at=now - timedelta(minutes=1), worker_ids=["busy"]
    )

    call_command("worker", "--batch", "--no-schedule", "--interval", "0")

    stalled.refresh_from_db()
    running.refresh_from_db()
    assert stalled.status == "SUCCESSFUL" and stalled.worker_ids[0] == "gone"
    assert running.status == "RUNNING"  # still within the limit: not run twice
    assert [e.rcpt_tos for e in smtp.envelopes] == [["a@b.example"]]


def test_the_scheduler_refreshes_the_planners_statistics_once_a_day(db, db_tasks):
    from django.db import connection

    from engagera.reminders import scheduler

    keys = scheduler.schedule_due()
    assert [k for k in keys if k.startswith("analyze:")]
    assert not [k for k in scheduler.schedule_due() if k.startswith("analyze:")]
    call_command("worker", "--batch", "--no-schedule", "--interval", "0")
    job = DBTaskResult.objects.get(task_path__endswith="refresh_planner_statistics")
    assert job.status == "SUCCESSFUL"
    if connection.vendor == "sqlite":
        assert job.return_value == "analyzed"
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1")
            assert cursor.fetchone()[0] > 0
    else:
        assert job.return_value == "left to autovacuum"
