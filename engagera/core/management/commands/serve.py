import os
import sys

from engagera.core.cli_base import UsageError, VerbCommand


class Command(VerbCommand):
    help = "Serve Engagera with gunicorn (static files through whitenoise)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("ENGAGERA_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("ENGAGERA_PORT", "8000"))
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("ENGAGERA_WORKERS", "2"))
        )

    def handle(self, *args, **options):
        if not 1 <= options["port"] <= 65535:
            raise UsageError("--port must be between 1 and 65535")
        argv = [
            "gunicorn",
            "engagera.wsgi:application",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(max(1, options["workers"])),
            "--access-logfile",
            "-",
        ]
        sys.stdout.flush()
        # Replace this process so signals (Ctrl-C, systemd stop) reach gunicorn directly.
        os.execvp(sys.executable, [sys.executable, "-m", *argv])  # noqa: S606 - fixed argv, no shell
