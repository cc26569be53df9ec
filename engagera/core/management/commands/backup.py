import json
from pathlib import Path

from engagera.core.cli_base import UsageError, VerbCommand
from engagera.gdpr.backup import BackupError, backup, engine
from engagera.gdpr.progress import Bar


class Command(VerbCommand):
    help = "Write a consistent backup of the whole database to FILE (SQLite copy or pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a new file to write; it must not exist yet")
        parser.add_argument("--json", action="store_true", help="a JSON summary on stdout")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        path = Path(options["file"]).expanduser()
        try:
            vendor = engine()
            unit = "pages" if vendor == "sqlite" else "tables"
            with Bar(unit=unit, enabled=not options["no_progress"], description="backup") as bar:
                backup(path, progress=bar)
        except BackupError as exc:
            raise UsageError(str(exc)) from None
        size = path.stat().st_size
        if options["json"]:
            self.stdout.write(json.dumps({"engine": vendor, "file": str(path), "bytes": size}))
        else:
            self.stdout.write(f"backed up the {vendor} database to {path} ({size} bytes)")
