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

from django.db import OperationalError, connection
from django.db import close_old_connections as _close_old_connections
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


class EngageraWorker(Worker):
    def __init__(self, *, schedule_every: float = 60.0, schedule: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.schedule_every = schedule_every
        self.schedule = schedule
        self._scheduled_at: float | None = None
        self.ran: list[str] = []

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
