from engagera.core.cli_base import VerbCommand
from engagera.core.models import Organisation
from engagera.practices import demo


class Command(VerbCommand):
    help = "Create the demo organisation (Swedish names, half a year of practice logs)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="only when the database has no organisation"
        )
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        if options["if_empty"] and Organisation.objects.exists():
            if not options["quiet"]:
                self.stdout.write("The database already has data; no demo created.")
        elif demo.demo_exists():
            self.stdout.write("The demo organisation already exists.")
        else:
            demo.create_demo()
            self.stdout.write("Created the demo organisation Solbacka kommun.")
        if demo.demo_exists() and not options["quiet"]:
            self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
            for email, _password, role in demo.logins():
                self.stdout.write(f"  {email:<36} {role}")
