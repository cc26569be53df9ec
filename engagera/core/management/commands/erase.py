from engagera.core.cli_base import UsageError, VerbCommand
from engagera.gdpr import actions

from .export import find


class Command(VerbCommand):
    help = "Erase everything Engagera holds about one person in an organisation."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--org", required=True, help="organisation short name (slug)")
        parser.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")

    def handle(self, *args, **options):
        subject = find(options["email"], options["org"])
        if not options["yes"]:
            raise UsageError("erasure cannot be undone: add --yes to erase")
        key = subject.key
        report = actions.do_erase_person(subject, acting=None)
        for data_type, rows in report.items():
            self.stdout.write(f"{data_type}: {rows}")
        self.stdout.write(f"erased {key}: {sum(report.values())} rows removed or emptied")
