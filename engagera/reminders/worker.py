"""The background worker: runs queued jobs and schedules periodic ones, no broker or cron.

It reuses django-tasks-db's worker for claiming and running jobs. Claiming happens in a
locking transaction (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, an EXCLUSIVE
transaction on SQLite) that marks the job RUNNING before the lock is released, so two
workers never run the same job. Between jobs it calls scheduler.schedule_due, whose
unique slot keys keep two workers from enqueueing the same periodic job.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, connection
from django.db import close_old_connections as _close_old_connections
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from . import scheduler

log = logging.getLogger(__name__)


def close_old_connections() -> None:
    # Inside a caller's transaction (a test, or `worker --batch` called from code) the
    # connection is not ours to close.
    if not connection.in_atomic_block:
        _close_old_connections()


def requeue_stalled(older_than: timedelta | None = None) -> int:
    """Put jobs left RUNNING by a worker that died back in the queue; how many.

    A job is claimed by marking it RUNNING, so a worker killed mid-job would leave it
    there for good (an email never sent). Requeueing makes delivery at-least-once; the
    limit is far above any job's run time (email gives up after EMAIL_TIMEOUT seconds).
    """
    limit = older_than or timedelta(minutes=settings.TASK_STALLED_AFTER_MINUTES)
    now = timezone.now()
    count = (
        DBTaskResult.objects.running()
        .filter(started_at__lt=now - limit)
        .update(status=TaskResultStatus.READY, started_at=None, run_after=now)
    )
    if count:
        log.warning("requeued %s job(s) left running by a stopped worker", count)
    return count


class EngageraWorker(Worker):
    def __init__(self, *, schedule_every: float = 60.0, schedule: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.schedule_every = schedule_every
        self.schedule = schedule
        self._scheduled_at: float | None = None
        self._requeued_at: float | None = None
        self.ran: list[str] = []

    def maybe_requeue_stalled(self) -> None:
        now = time.monotonic()
        if self._requeued_at is not None and now - self._requeued_at < self.schedule_every:
            return
        self._requeued_at = now
        try:
            requeue_stalled()
        except OperationalError as exc:  # a busy SQLite: try at the next round
            if not is_locked_database_exception(exc):
                raise
            self._requeued_at = None

    def maybe_schedule(self) -> None:
        if not self.schedule:
            return
        now = time.monotonic()
        if self._scheduled_at is not None and now - self._scheduled_at < self.schedule_every:
            return
        self._scheduled_at = now
        try:
            enqueued = scheduler.schedule_due()
        except OperationalError as exc:  # a busy SQLite: try at the next round
            if not is_locked_database_exception(exc):
                raise
            self._scheduled_at = None
            return
        if self._scheduled_at and len(enqueued) > 0:
            log.info("scheduled %s", ", ".join(enqueued))

    def claim(self) -> tuple[DBTaskResult | None, bool]:
        """One ready job, marked RUNNING by this worker; (None, False) if the DB was busy."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as exc:
            if is_locked_database_exception(exc):
                return None, False
            raise
        return task_result, True

    def run(self) -> None:
        log.info("worker %s started", self.worker_id)
        while self.running:
            close_old_connections()
            self.maybe_requeue_stalled()
            self.maybe_schedule()
            task_result, retrieved = self.claim()
            if task_result is not None:
                self.ran.append(str(task_result.id))
                self.run_task(task_result)
            elif self.batch and retrieved:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and task_result is None:
                time.sleep(self.interval)
