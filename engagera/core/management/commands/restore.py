import json
from pathlib import Path

from engagera.core.cli_base import UsageError, VerbCommand
from engagera.gdpr.backup import BackupError, engine, holdings, restore
from engagera.gdpr.progress import Bar


class Command(VerbCommand):
    help = "Replace the database with a backup made by `engagera backup` (stop the server first)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--yes", action="store_true", help="replace a database that already holds data"
        )
        parser.add_argument("--json", action="store_true", help="a JSON summary on stdout")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        path = Path(options["file"]).expanduser()
        try:
            unit = "pages" if engine() == "sqlite" else "tables"
            with Bar(unit=unit, enabled=not options["no_progress"], description="restore") as bar:
                restore(path, replace=options["yes"], progress=bar)
        except BackupError as exc:
            raise UsageError(str(exc)) from None
        users, organisations = holdings()
        if options["json"]:
            summary = {"file": str(path), "accounts": users, "organisations": organisations}
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(f"restored {path} ({users} accounts, {organisations} organisations)")
