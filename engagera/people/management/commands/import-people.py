import sys
from pathlib import Path

from tqdm import tqdm

from engagera.core.cli_base import UsageError, VerbCommand
from engagera.core.models import Organisation
from engagera.people import importer
from engagera.people.actions import do_import_people


class Command(VerbCommand):
    help = "Import people from a CSV file (name, email, team, manager email, start date, title)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file; '-' reads standard input")
        parser.add_argument("--org", required=True, help="organisation short name (slug)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and preview, write nothing"
        )

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(slug=options["org"]).first()
        if organisation is None:
            raise UsageError(f"unknown organisation {options['org']!r}")
        path = options["file"]
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror}") from None
        if len(data) > importer.MAX_BYTES:
            raise UsageError(f"{path} is larger than 5 MB")
        total = max(0, data.count(b"\n") - 1)
        with tqdm(total=total, unit="rows", file=sys.stderr, disable=total < 200 or None) as bar:
            report = do_import_people(
                organisation, data, acting=None, dry_run=options["dry_run"], progress=bar.update
            )
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise UsageError(f"{len(report.errors)} bad row(s); nothing was imported")
        verb = "would create" if options["dry_run"] else "created"
        self.stdout.write(
            f"{verb} {len(report.created)}, updated {len(report.updated)}, unchanged "
            f"{report.unchanged}; new teams {len(report.teams_created)}, managers added "
            f"{report.managers_added}"
            + (" (dry run: nothing written)" if options["dry_run"] else "")
        )
