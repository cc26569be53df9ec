from django.utils.crypto import get_random_string

from engagera.core.cli_base import UsageError, VerbCommand


class Command(VerbCommand):
    help = (
        "Run background jobs (emails, digests, webhook deliveries, retention) and schedule "
        "the periodic ones. Several workers may run at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds to wait when idle (default 1)"
        )
        parser.add_argument(
            "--batch", action="store_true", help="run what is queued (and due), then exit"
        )
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument(
            "--no-schedule", action="store_true", help="run jobs only; schedule nothing"
        )
        parser.add_argument("--worker-id", default="")

    def handle(self, *args, **options):
        from django_tasks import task_backends
        from django_tasks_db import DatabaseBackend

        from engagera.reminders.worker import EngageraWorker

        if not isinstance(task_backends["default"], DatabaseBackend):
            raise UsageError("the worker needs ENGAGERA_TASKS_BACKEND=database")
        if options["interval"] < 0:
            raise UsageError("--interval must be zero or more")
        worker = EngageraWorker(
            queue_names=["default"],
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=False,
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"] or get_random_string(32),
            excluded_queue_names=[],
            schedule=not options["no_schedule"],
        )
        if not options["batch"]:
            worker.configure_signals()
        worker.run()
        if options["batch"]:
            self.stdout.write(f"ran {len(worker.ran)} jobs")
