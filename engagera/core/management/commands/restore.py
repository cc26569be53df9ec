from pathlib import Path

from engagera.core.cli_base import UsageError, VerbCommand
from engagera.gdpr.backup import BackupError, restore


class Command(VerbCommand):
    help = "Replace the database with a backup made by `engagera backup` (stop the server first)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--yes", action="store_true", help="replace a database that already holds data"
        )

    def handle(self, *args, **options):
        path = Path(options["file"]).expanduser()
        try:
            restore(path, replace=options["yes"])
        except BackupError as exc:
            raise UsageError(str(exc)) from None
        self.stdout.write(f"restored {path}")
