from pathlib import Path

from engagera.core.cli_base import UsageError, VerbCommand
from engagera.gdpr.backup import BackupError, backup, engine


class Command(VerbCommand):
    help = "Write a consistent backup of the whole database to FILE (SQLite copy or pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a new file to write; it must not exist yet")

    def handle(self, *args, **options):
        path = Path(options["file"]).expanduser()
        try:
            backup(path)
        except BackupError as exc:
            raise UsageError(str(exc)) from None
        self.stdout.write(f"backed up the {engine()} database to {path}")
