from engagera.core.cli_base import UsageError, VerbCommand, parse_day
from engagera.core.models import Organisation
from engagera.gdpr.retention import apply_retention


class Command(VerbCommand):
    help = "Delete personal data past its retention period (schedule it once a day)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")
        parser.add_argument("--org", help="only this organisation (slug)")
        parser.add_argument("--today", help="apply as of this day, YYYY-MM-DD (for testing)")

    def handle(self, *args, **options):
        today = parse_day(options["today"], "--today") if options["today"] else None
        organisations = None
        if options["org"]:
            organisations = list(Organisation.objects.filter(slug=options["org"]))
            if not organisations:
                raise UsageError(f"unknown organisation {options['org']!r}")
        removals = apply_retention(today, dry_run=options["dry_run"], organisations=organisations)
        verb = "would remove" if options["dry_run"] else "removed"
        for removal in removals:
            self.stdout.write(
                f"{removal.organisation} {removal.subject} {removal.data_type}: "
                f"{verb} {removal.rows}"
            )
        total = sum(removal.rows for removal in removals)
        self.stdout.write(f"retention: {verb} {total} rows")
